import { CoreErrorCode } from '../errors';
import { DocumentError, DocumentProblem } from './documentError';
import { JsonDocument, parseJsonDocument } from './parseJsonDocument';
import { JsonProblem, JsonSchema, validateJson } from './validateJson';

function locate(document: JsonDocument | undefined, problem: JsonProblem): DocumentProblem {
  const at =
    document &&
    ((problem.atKey ? document.keys.get(problem.pointer) : undefined) ?? document.values.get(problem.pointer));
  return at
    ? { pointer: problem.pointer, message: problem.message, line: at.line, column: at.column }
    : { pointer: problem.pointer, message: problem.message };
}

/** Parses and validates hand-edited JSON; every problem is located, the first in reading order is the message. */
export function readJsonAgainstSchema(text: string, schema: JsonSchema, code: CoreErrorCode, what: string): unknown {
  const document = parseJsonDocument(text, code, what);
  const problems = validateJson(document.value, schema).map((p) => locate(document, p));
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new DocumentError(code, problems, what);
  }
  return document.value;
}

/** The same rules for values built in memory (patches, records): problems carry pointers but no positions. */
export function assertMatchesSchema(value: unknown, schema: JsonSchema, code: CoreErrorCode, what: string): void {
  const problems = validateJson(value, schema).map((p) => locate(undefined, p));
  if (problems.length > 0) throw new DocumentError(code, problems, what);
}
