// Certificate fields, config values, file names and server answers come from other people. Printed raw, a
// CN holding ESC [2J clears the user's terminal and one holding a newline forges an extra line of output,
// so human-readable output passes every such string through here. JSON output needs none of this:
// JSON.stringify escapes what it must, and the reader is a program.

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 controls, DEL and the C1 controls (U+0080 to U+009F, which some terminals act on as ESC sequences). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character written out: `\n`, `\r` and `\t` by name, the others as `\xNN`.
 * Backslashes are left as they are (Windows paths stay readable), so the result is for people, not for
 * parsing back.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
