// Writes a string as the value of an OpenSSL config line so that the reader (conf_def.c, see
// parseOpensslConfig.ts) gives back exactly that string: escapes for the characters the reader treats
// specially, and quotes for trailing blanks, which the reader trims before it looks at escapes.

/** A value OpenSSL's config syntax cannot carry. */
export class ConfigValueError extends Error {
  readonly code = 'unrepresentable-value' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ConfigValueError';
  }
}

const ESCAPED: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  "'": "\\'",
  '`': '\\`',
  '#': '\\#',
  $: '\\$',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\b': '\\b',
};

/**
 * The text to write after `name = ` so that openssl reads `value`. Leading blanks are escaped (`\ `), trailing
 * ones quoted (`" "`): an escaped blank at the end of a line is trimmed away before the escape is read.
 */
export function encodeConfigValue(value: string): string {
  if (value.includes('\0'))
    throw new ConfigValueError(
      'OpenSSL reads a config line only up to a NUL character, so a value cannot contain one.',
    );
  let trailing = value.length;
  while (trailing > 0 && value[trailing - 1] === ' ') trailing--;
  let out = '';
  let leading = true;
  for (let i = 0; i < trailing; i++) {
    const c = value[i];
    const escaped = ESCAPED[c];
    if (escaped !== undefined) out += escaped;
    else if (c === ' ' && leading) out += '\\ ';
    else out += c;
    if (c !== ' ') leading = false;
  }
  if (trailing < value.length) out += `"${value.slice(trailing)}"`;
  return out;
}
