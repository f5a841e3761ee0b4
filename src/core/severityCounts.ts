import type { Severity } from './model';

/**
 * "2 errors, 1 warning": how many findings of each severity, errors first, severities with none left out; empty
 * when there are none. Every summary of findings (the form's, the CodeLens's) counts with this one.
 */
export function severityCounts(findings: readonly { severity: Severity }[]): string {
  const parts: string[] = [];
  for (const [severity, one, many] of [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['info', 'info', 'infos'],
  ] as const) {
    const n = findings.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  }
  return parts.join(', ');
}
