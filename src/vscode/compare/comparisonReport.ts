import * as path from 'path';
import { subjectAltNameKey } from '../../core/compare/subjectAltNameKey';
import { RenewalComparison } from './renewalRequests';

function cell(text: string | undefined): string {
  return (text ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The side-by-side Markdown report of a request against the certificate it renews. */
export function comparisonReport(requestPath: string, comparison: RenewalComparison): string {
  const old = comparison.old;
  if (!old)
    return `# ${path.basename(requestPath)}\n\nNo certificate in the workspace matches this request's CN or SANs. Use **Compare with Certificate…** to choose one.\n`;
  const request = comparison.request;
  const lines = [
    `# ${path.basename(requestPath)} against ${path.basename(old.path)}`,
    '',
    `The certificate being renewed: \`${old.path}\` (${comparison.how === 'linked' ? 'linked by you' : 'matched by CN/SANs'}), serial \`${old.serialNumber}\`, expires ${old.notAfter}.`,
    '',
    '## Subject',
    '',
    '| attribute | old certificate | this request | |',
    '| --- | --- | --- | --- |',
  ];
  const types = [...new Set([...old.subject.map((a) => a.type), ...request.subject.map((a) => a.type)])];
  for (const type of types) {
    const before = old.subject
      .filter((a) => a.type === type)
      .map((a) => a.value)
      .join(' + ');
    const after = request.subject
      .filter((a) => a.type === type)
      .map((a) => a.value)
      .join(' + ');
    // A config's value from the environment or an included file is compared, but shown only by where it is from.
    const shown = request.subject
      .filter((a) => a.type === type)
      .map((a) => a.shown ?? a.value)
      .join(' + ');
    lines.push(
      `| ${type} | ${cell(before || undefined)} | ${cell(shown || undefined)} | ${before === after ? '✓' : '✗'} |`,
    );
  }
  lines.push(
    '',
    '## Subject alternative names',
    '',
    '| name | old certificate | this request |',
    '| --- | --- | --- |',
  );
  const oldKeys = new Map(old.subjectAltNames.map((s) => [subjectAltNameKey(s), s]));
  const newKeys = new Map(request.subjectAltNames.map((s) => [subjectAltNameKey(s), s]));
  for (const key of new Set([...oldKeys.keys(), ...newKeys.keys()])) {
    const san = oldKeys.get(key) ?? newKeys.get(key)!;
    const value = 'shown' in san && san.shown !== undefined ? san.shown : san.value;
    lines.push(
      `| ${cell(`${san.type}:${value}`)} | ${oldKeys.has(key) ? '✓' : 'added'} | ${newKeys.has(key) ? '✓' : 'removed'} |`,
    );
  }
  if (request.key) {
    lines.push(
      '',
      '## Key',
      '',
      `- old: ${old.keyType} ${old.keyBits ?? ''}, public key SHA-256 \`${old.publicKeySha256}\``,
      `- new: ${request.key.keyType} ${request.key.keyBits ?? ''}, public key SHA-256 \`${request.key.publicKeySha256}\``,
    );
  }
  lines.push('', '## Findings', '');
  if (comparison.findings.length === 0) lines.push("None: the request carries the old certificate's subject and SANs.");
  for (const f of comparison.findings) lines.push(`- **${f.severity}** \`${f.code}\`: ${f.message}`);
  lines.push('');
  return lines.join('\n');
}
