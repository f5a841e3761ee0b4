import * as path from 'path';
import { VerifyResult } from '../../core/verify/verifyCertificate';
import type { VerifyRequest } from './verifyCommand';

const TITLES: Record<string, string> = {
  chain: 'Signed by a CA in the bundle',
  validity: 'Validity period',
  'key-match': 'Private key matches the certificate',
  'csr-match': 'Certificate matches its CSR',
  'old-match': "Carries the old certificate's subject and SANs",
};

/** Each check with its evidence and the openssl commands that reproduce it. */
export function verificationReport(request: VerifyRequest, result: VerifyResult): string {
  const lines = [
    `# Verification of ${path.basename(request.certificate)}`,
    '',
    result.ok ? '**All checks passed.**' : `**${result.checks.filter((c) => !c.ok).length} check(s) failed.**`,
    '',
  ];
  for (const check of result.checks) {
    const mark = !check.ok ? '✗' : check.severity === 'warning' ? '⚠' : '✓';
    lines.push(`## ${mark} ${TITLES[check.name] ?? check.name} (\`${check.name}\`)`, '', check.message, '');
    for (const [name, value] of Object.entries(check.evidence)) lines.push(`- ${name}: \`${value}\``);
    if (check.opensslCommand) lines.push('', '```sh', check.opensslCommand.trimEnd(), '```');
    lines.push('');
  }
  const skipped = [
    request.key ? undefined : 'key-match (no private key given)',
    request.caBundle ? undefined : 'chain (no CA bundle: set mtlsRotation.caBundle)',
    request.csr ? undefined : 'csr-match (no CSR for this key in the workspace)',
    request.oldCertificate ? undefined : 'old-match (no earlier certificate with this subject)',
  ].filter((s): s is string => s !== undefined);
  if (skipped.length > 0) lines.push('Not checked: ' + skipped.join('; ') + '.', '');
  return lines.join('\n');
}
