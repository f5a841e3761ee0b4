import type { FormProblem } from '../../core/opensslConfig/formProblem';
import type { FormTarget, RequestForm } from '../../core/opensslConfig/requestForm';
import { revealRange } from './revealRange';

/**
 * The problems the page shows: the Problems panel's, once the editor has sent them; until then the config's own
 * findings, so that the first drawing is not an empty list.
 */
export function formProblems(form: RequestForm, problems: FormProblem[] | null): FormProblem[] {
  if (problems) return problems;
  return form.findings.map((f) => ({
    severity: f.severity,
    message: f.message,
    code: String(f.code),
    range: revealRange(f) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
    ...(f.target ? { target: f.target } : {}),
    fixes: [],
  }));
}

/** The data-key of the row a problem is shown on (`field:OU`, `san:DNS.2`, `bits`, `san-list`); none: the list. */
export function problemRowKey(target: FormTarget | undefined): string | undefined {
  if (!target) return undefined;
  switch (target.kind) {
    case 'field':
      return `field:${target.id}`;
    case 'san':
      return `san:${target.id}`;
    default:
      return target.kind;
  }
}
