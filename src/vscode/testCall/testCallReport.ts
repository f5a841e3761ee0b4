import { formatName } from '../../core/x509/formatName';
import { CertificateInfo } from '../../core/model';
import { TestCallResult } from '../../core/testCall/testCallResult';

/** Outcome, status, TLS facts, body preview and the guide's hint; the API key is never part of a result. */
export function testCallReport(
  result: TestCallResult,
  environment: string,
  certificate: CertificateInfo,
  curl: string,
): string {
  const tls = result.tls;
  const lines = [
    `# Test call: ${result.outcome}${result.status ? ` (${result.status})` : ''}`,
    '',
    `- Environment: ${environment}`,
    `- URL: \`${result.url}\``,
    `- Certificate: \`${certificate.path}\` (${formatName(certificate.subject)}, SHA-256 \`${certificate.fingerprintSha256}\`)`,
    `- Duration: ${Math.round(result.durationMs)} ms, stopped at: ${result.phase}`,
    '',
    `**What to do:** ${result.hint}`,
    '',
  ];
  if (tls) {
    lines.push('## TLS', '');
    if (tls.protocol) lines.push(`- Protocol: ${tls.protocol}${tls.cipher ? `, cipher ${tls.cipher}` : ''}`);
    if (tls.serverCertificate) {
      lines.push(
        `- Server certificate: ${tls.serverCertificate.subject}, issued by ${tls.serverCertificate.issuer}, expires ${tls.serverCertificate.notAfter}`,
      );
    }
    if (tls.clientCertificateRequested !== undefined)
      lines.push(`- The server asked for a client certificate: ${tls.clientCertificateRequested ? 'yes' : 'no'}`);
    if (tls.clientCertificateSent)
      lines.push(
        `- Client certificate sent: ${tls.clientCertificateSent.subject} (SHA-256 \`${tls.clientCertificateSent.fingerprintSha256}\`)`,
      );
    if (tls.alert) lines.push(`- TLS alert: ${tls.alert}`);
    if (tls.reason) lines.push(`- Reason: ${tls.reason}`);
    if (tls.refusedBy)
      lines.push(
        `- Refused by: ${tls.refusedBy === 'server' ? 'the server (our certificate)' : "this machine (the server's certificate)"}`,
      );
    lines.push('');
  }
  if (result.error) lines.push('## Error', '', `\`${result.error.code}\`: ${result.error.message}`, '');
  if (result.bodyPreview !== undefined)
    lines.push('## Response body (preview)', '', '```', result.bodyPreview, '```', '');
  lines.push(
    '## The same with curl',
    '',
    'Set `API_KEY` in your shell first; the key is never written here.',
    '',
    '```sh',
    curl.trimEnd(),
    '```',
    '',
  );
  return lines.join('\n');
}
