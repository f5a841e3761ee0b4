import * as path from 'path';
import { reportHeadline } from '../../core/report/reportHeadline';
import { Report, ReportBlock, ReportSection, ReportSeverity, ReportText } from '../../core/report/reportModel';
import { isIsoDateTime } from '../../core/text/isoDateTime';
import { readableDate } from '../../core/text/readableDate';
import { VerifyCheck } from '../../core/verify/verifyCheck';
import { VerifyResult } from '../../core/verify/verifyCertificate';
import type { VerifyRequest } from './verifyCommand';

const TITLES: Record<string, string> = {
  chain: 'Chain to the CA bundle, as openssl verify judges it',
  validity: 'Validity period',
  'key-match': 'Private key matches the certificate',
  'csr-match': 'Certificate matches its CSR',
  'old-match': "Carries the old certificate's subject and SANs",
};

function severityOf(check: VerifyCheck): ReportSeverity {
  if (!check.ok) return 'error';
  return check.severity === 'warning' ? 'warning' : 'ok';
}

/** An evidence value: dates for people (the exact value in the tooltip), everything else as it is. */
function evidenceValue(value: string, now: Date): ReportText {
  if (isIsoDateTime(value)) {
    const date = readableDate(value, now, { withTime: true });
    return { text: date.text, title: date.iso };
  }
  return { text: value, code: true };
}

/** Each check with its evidence and the openssl commands that reproduce it. */
export function verificationReport(request: VerifyRequest, result: VerifyResult, now = new Date()): Report {
  const sections = result.checks.map((check): ReportSection => {
    const blocks: ReportBlock[] = [{ kind: 'paragraph', text: check.message }];
    const evidence = Object.entries(check.evidence);
    if (evidence.length > 0)
      blocks.push({
        kind: 'facts',
        facts: evidence.map(([label, value]) => ({ label, value: evidenceValue(value, now) })),
      });
    if (check.opensslCommand)
      blocks.push({
        kind: 'code',
        language: 'sh',
        code: check.opensslCommand.trimEnd(),
        label: 'The same with openssl:',
      });
    return { title: TITLES[check.name] ?? check.name, code: check.name, severity: severityOf(check), blocks };
  });
  const skipped = [
    request.key ? undefined : 'key-match (no private key given)',
    request.caBundle ? undefined : 'chain (no CA bundle: set mtlsRotation.caBundle)',
    request.csr ? undefined : 'csr-match (no CSR for this key in the workspace)',
    request.oldCertificate ? undefined : 'old-match (no earlier certificate with this subject)',
  ].filter((s): s is string => s !== undefined);
  if (skipped.length > 0)
    sections.push({
      title: 'Not checked',
      severity: 'info',
      blocks: [{ kind: 'paragraph', text: skipped.join('; ') + '.' }],
    });
  return {
    title: `Verification of ${path.basename(request.certificate)}`,
    headline: reportHeadline({
      failed: result.checks.filter((c) => !c.ok).length,
      warnings: result.checks.filter((c) => c.ok && c.severity === 'warning').length,
    }),
    intro: [{ kind: 'facts', facts: [{ label: 'Certificate', value: { text: request.certificate, code: true } }] }],
    sections,
  };
}
