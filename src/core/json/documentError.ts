import { CoreError, CoreErrorCode } from '../errors';

/** One problem in a JSON document: where it is (RFC 6901 pointer, and 1-based line/column when read from text). */
export interface DocumentProblem {
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * A document the core refused, located so the adapter can put a diagnostic on it. `problems` holds every problem
 * found (the first one is this error's own), since fixing a hand-edited file one error per save is tedious.
 */
export class DocumentError extends CoreError {
  readonly column?: number;
  readonly pointer: string;
  readonly problems: DocumentProblem[];

  constructor(code: CoreErrorCode, problems: DocumentProblem[], what: string) {
    const first = problems[0] ?? { pointer: '', message: 'invalid document' };
    const where = first.line === undefined ? '' : ` at line ${first.line}, column ${first.column ?? 1}`;
    const at = first.pointer === '' ? '' : ` (${first.pointer})`;
    const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    super(code, `${what}${where}${at}: ${first.message}${more}`, first.line === undefined ? {} : { line: first.line });
    this.name = 'DocumentError';
    if (first.column !== undefined) this.column = first.column;
    this.pointer = first.pointer;
    this.problems = problems;
  }
}

export function isDocumentError(value: unknown): value is DocumentError {
  return value instanceof DocumentError;
}
