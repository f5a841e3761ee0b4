import type { Severity } from '../model';
import { severityCounts } from '../severityCounts';

/**
 * The CodeLens above a request compared with the certificate it renews: "Compared with program-a.example.com:
 * 1 warning", or "…: matches". Every severity counts: a lone warning (a SAN added) is worth seeing before sending.
 */
export function comparisonLensTitle(certificate: string, findings: readonly { severity: Severity }[]): string {
  return `Compared with ${certificate}: ${severityCounts(findings) || 'matches'}`;
}
