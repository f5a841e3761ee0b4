import { createScanner, getLocation, Node, parseTree, ParseError, ParseErrorCode, SyntaxKind } from 'jsonc-parser';
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

// Deep enough for any real register or rotation file, shallow enough never to exhaust the stack (jsonc-parser
// descends recursively, so the depth is checked before it runs).
const MAX_DEPTH = 256;

// Strict JSON: both files are read by other tools too, which need not take comments or trailing commas.
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function pointerChild(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((pointer, segment) => pointerChild(pointer, segment), '');
}

interface Problem {
  offset: number;
  message: string;
  pointer: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

function positionAt(starts: number[], offset: number): JsonPosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'end of input' : `'${String.fromCodePoint(text.codePointAt(at) ?? 0)}'`;
}

function tooDeep(text: string): Problem | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH + 1)
        return { offset: scanner.getTokenOffset(), message: `nested more than ${MAX_DEPTH} levels deep`, pointer: '' };
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
  }
  return undefined;
}

/** jsonc-parser names a bad string by its start; the first offending character inside it is what to point at. */
function stringProblem(text: string, start: number): { offset: number; message: string } {
  const simple = '"\\/bfnrt';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) break;
    if (c < 0x20)
      return {
        offset: i,
        message: c === 0x0a || c === 0x0d ? 'line break inside a string' : 'control character inside a string',
      };
    if (c !== 0x5c) continue;
    const e = text[i + 1];
    if (e !== undefined && simple.includes(e)) i++;
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
    else return { offset: i, message: `invalid escape '\\${e ?? ''}' in a string` };
  }
  return { offset: start, message: 'unterminated string' };
}

function syntaxProblem(text: string, errors: ParseError[], root: Node | undefined): Problem {
  const [{ error, offset }, next] = errors;
  const pointer = (): string => pointerOf(getLocation(text, offset).path);
  const at = (message: string, where = offset): Problem => ({ offset: where, message, pointer: pointer() });
  const found = describe(text, offset);
  switch (error) {
    case ParseErrorCode.UnexpectedEndOfString:
    case ParseErrorCode.InvalidCharacter:
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: {
      const problem = stringProblem(text, offset);
      return at(problem.message, problem.offset);
    }
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return at(`invalid number ${text.slice(offset, offset + errors[0].length)}`);
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return at('comments are not allowed in JSON');
    case ParseErrorCode.PropertyNameExpected:
      return at(
        text[offset] === '}' ? 'trailing comma before }' : `expected a property name in double quotes, found ${found}`,
      );
    case ParseErrorCode.ColonExpected:
      return at(`expected ':' after property name, found ${found}`);
    case ParseErrorCode.CloseBraceExpected:
      return at(`expected ',' or '}', found ${found}`);
    case ParseErrorCode.CloseBracketExpected:
      return at(`expected ',' or ']', found ${found}`);
    case ParseErrorCode.CommaExpected:
      return at(
        `expected ',' or '${typeof getLocation(text, offset).path.at(-1) === 'number' ? ']' : '}'}', found ${found}`,
      );
    case ParseErrorCode.EndOfFileExpected:
      return at(`unexpected ${found} after the end of the document`);
    default: {
      if (root && error === ParseErrorCode.InvalidSymbol && offset >= root.offset + root.length)
        return at(`unexpected ${found} after the end of the document`);
      if (next?.error === ParseErrorCode.PropertyNameExpected)
        return at(`expected a property name in double quotes, found ${found}`);
      if (text[offset] === ']' && /,\s*$/.test(text.slice(0, offset))) return at('trailing comma before ]');
      return at(`expected a value, found ${found}`);
    }
  }
}

/**
 * JSON with positions, read by jsonc-parser: JSON.parse reports only an offset for syntax errors and nothing at all
 * for where a value sits, and both files it serves are edited by hand. Duplicate keys are refused because
 * JSON.parse would silently keep the last one, hiding an edit.
 */
export function parseJsonDocument(text: string, code: CoreErrorCode, what: string): JsonDocument {
  // Editors hide a byte order mark, so columns count from after it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = lineStarts(body);
  const fail = (problem: Problem): never => {
    throw new DocumentError(
      code,
      [{ pointer: problem.pointer, message: problem.message, ...positionAt(starts, problem.offset) }],
      what,
    );
  };
  const deep = tooDeep(body);
  if (deep) fail(deep);

  const errors: ParseError[] = [];
  const root = parseTree(body, errors, STRICT);
  const values = new Map<string, JsonPosition>();
  const keys = new Map<string, JsonPosition>();
  let duplicate: Problem | undefined;

  const toValue = (node: Node, pointer: string): unknown => {
    values.set(pointer, positionAt(starts, node.offset));
    if (node.type === 'array')
      return (node.children ?? []).map((child, index) => toValue(child, pointerChild(pointer, index)));
    if (node.type !== 'object') return node.value as unknown;
    const result: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const child = pointerChild(pointer, key);
      if (Object.prototype.hasOwnProperty.call(result, key)) {
        if (!duplicate || keyNode.offset < duplicate.offset)
          duplicate = { offset: keyNode.offset, message: `duplicate property "${key}"`, pointer: child };
      }
      keys.set(child, positionAt(starts, keyNode.offset));
      // defineProperty: a "__proto__" key must become data, not the object's prototype.
      Object.defineProperty(result, key, {
        value: valueNode ? toValue(valueNode, child) : undefined,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  };

  const value = root ? toValue(root, '') : undefined;
  const syntax = errors.length > 0 ? syntaxProblem(body, errors, root) : undefined;
  const first = [syntax, duplicate].filter((p): p is Problem => p !== undefined).sort((a, b) => a.offset - b.offset)[0];
  if (first) fail(first);
  return { value, values, keys };
}
