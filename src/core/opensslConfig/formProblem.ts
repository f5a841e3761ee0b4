// A diagnostic of the config's file as the form shows it: every one the Problems panel shows (the config's own
// findings, the comparison with the certificate it renews, any other extension's), placed on its row.
import type { Severity } from '../model';
import type { SourceRange } from './configFinding';
import type { FormTarget, RequestForm } from './requestForm';

/** A quick fix a code action provider offers for the problem; `id` names it in the page's `fix` message. */
export interface FormProblemFix {
  id: string;
  title: string;
  preferred?: boolean;
}

export interface FormProblem {
  severity: Severity;
  message: string;
  /** Who reports it (`openssl config`, `mTLS renewal`), as the Problems panel shows it. */
  source?: string;
  code?: string;
  range: SourceRange;
  /** The row it belongs to; absent: the general list. */
  target?: FormTarget;
  fixes: FormProblemFix[];
}

function within(line: number, range: SourceRange | undefined): boolean {
  return range !== undefined && line >= range.line && line <= range.endLine;
}

/**
 * The row a problem belongs to: the form's own placement for a config finding (same code, line and message),
 * else the row whose lines hold the problem's first line (a SAN, a subject field, the key size, the
 * subjectAltName line); undefined for anything else (a section header, the file as a whole).
 */
export function placeFormProblem(
  form: RequestForm,
  problem: Pick<FormProblem, 'code' | 'message' | 'range'>,
): FormTarget | undefined {
  const line = problem.range.line;
  const same = form.findings.find(
    (f) => f.code === problem.code && f.message === problem.message && (f.line === undefined || f.line === line),
  );
  if (same) return same.target;
  const row = form.san.rows.find((r) => within(line, r.range));
  if (row) return { kind: 'san', id: row.id };
  const field = form.fields.find((f) => within(line, f.range) || within(line, f.valueRange));
  if (field) return { kind: 'field', id: field.id };
  if (within(line, form.bits.range)) return { kind: 'bits' };
  if (within(line, form.san.range)) return { kind: 'san-list' };
  return undefined;
}
