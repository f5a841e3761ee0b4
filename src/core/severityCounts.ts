import type { Severity } from './model';
import { countOf } from './text/countOf';

/**
 * "2 errors, 1 warning": how many findings of each severity, errors first, severities with none left out; empty
 * when there are none. Every summary of findings (the form's, the CodeLens's) counts with this one.
 */
export function severityCounts(findings: readonly { severity: Severity }[]): string {
  const parts: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const n = findings.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(countOf(n, severity));
  }
  return parts.join(', ');
}
