import { CoreErrorCode } from '../errors';
import { DocumentError } from './documentError';

export interface JsonPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
}

export interface JsonDocument {
  value: unknown;
  /** Where each value starts, by RFC 6901 pointer (`''` is the root). */
  values: ReadonlyMap<string, JsonPosition>;
  /** Where each object member's key starts: unknown properties are reported there. */
  keys: ReadonlyMap<string, JsonPosition>;
}

// Deep enough for any real register or rotation file, shallow enough never to exhaust the stack.
const MAX_DEPTH = 256;

export function pointerChild(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * JSON.parse with positions: the built-in parser reports only an offset for syntax errors and nothing at all for
 * where a value sits, and both files it serves are edited by hand. Duplicate keys are refused because JSON.parse
 * would silently keep the last one, hiding an edit.
 */
export function parseJsonDocument(text: string, code: CoreErrorCode, what: string): JsonDocument {
  const values = new Map<string, JsonPosition>();
  const keys = new Map<string, JsonPosition>();
  // Editors hide a byte order mark, so columns count from after it.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;

  const position = (at = i): JsonPosition => ({ line, column: at - lineStart + 1 });
  const fail = (message: string, at = i, pointer = ''): never => {
    throw new DocumentError(code, [{ pointer, message, ...position(at) }], what);
  };
  const describe = (at: number): string => (at >= text.length ? 'end of input' : `'${String.fromCodePoint(text.codePointAt(at) ?? 0)}'`);

  const skipWhitespace = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if (c === '\n' || c === '\r') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        lineStart = i;
      } else break;
    }
  };

  const parseString = (pointer: string): string => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) return fail('unterminated string', start, pointer);
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return out; }
      if (c < 0x20) return fail(c === 0x0a || c === 0x0d ? 'line break inside a string' : 'control character inside a string', i, pointer);
      if (c !== 0x5c) { out += text[i++]; continue; }
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) { out += simple[e]; i += 2; continue; }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      return fail(`invalid escape '\\${e ?? ''}' in a string`, i, pointer);
    }
  };

  const parseValue = (pointer: string, depth: number): unknown => {
    skipWhitespace();
    if (depth > MAX_DEPTH) return fail(`nested more than ${MAX_DEPTH} levels deep`, i, pointer);
    values.set(pointer, position());
    const c = text[i];
    if (c === '{') return parseObject(pointer, depth);
    if (c === '[') return parseArray(pointer, depth);
    if (c === '"') return parseString(pointer);
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      return literal[0] === 'true' ? true : literal[0] === 'false' ? false : null;
    }
    const number = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-') {
      i += number[0].length;
      return Number(number[0]);
    }
    return fail(`expected a value, found ${describe(i)}`, i, pointer);
  };

  const parseObject = (pointer: string, depth: number): Record<string, unknown> => {
    i++;
    const result: Record<string, unknown> = {};
    skipWhitespace();
    if (text[i] === '}') { i++; return result; }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') return fail(text[i] === '}' ? 'trailing comma before }' : `expected a property name in double quotes, found ${describe(i)}`, i, pointer);
      const keyAt = position();
      const keyStart = i;
      const key = parseString(pointer);
      const child = pointerChild(pointer, key);
      if (Object.prototype.hasOwnProperty.call(result, key)) return fail(`duplicate property "${key}"`, keyStart, child);
      keys.set(child, keyAt);
      skipWhitespace();
      if (text[i] !== ':') return fail(`expected ':' after property name, found ${describe(i)}`, i, child);
      i++;
      // defineProperty: a "__proto__" key must become data, not the object's prototype.
      Object.defineProperty(result, key, { value: parseValue(child, depth + 1), enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return result; }
      return fail(`expected ',' or '}', found ${describe(i)}`, i, pointer);
    }
  };

  const parseArray = (pointer: string, depth: number): unknown[] => {
    i++;
    const result: unknown[] = [];
    skipWhitespace();
    if (text[i] === ']') { i++; return result; }
    for (;;) {
      skipWhitespace();
      if (text[i] === ']') return fail('trailing comma before ]', i, pointer);
      result.push(parseValue(pointerChild(pointer, result.length), depth + 1));
      skipWhitespace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return result; }
      return fail(`expected ',' or ']', found ${describe(i)}`, i, pointer);
    }
  };

  const value = parseValue('', 0);
  skipWhitespace();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  return { value, values, keys };
}
