import { Severity } from '../model';

/** Whether any finding is an error: the CLI's exit 1, the adapter's "do not submit this" state. */
export function hasErrors(findings: readonly { severity: Severity }[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
