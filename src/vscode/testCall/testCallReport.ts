import { formatName } from '../../core/x509/formatName';
import { CertificateInfo } from '../../core/model';
import { Report, ReportFact, ReportSection } from '../../core/report/reportModel';
import { TestCallResult } from '../../core/testCall/testCallResult';
import { readableDate } from '../../core/text/readableDate';

/** Outcome, status, TLS facts, body preview and the guide's hint; the API key is never part of a result. */
export function testCallReport(
  result: TestCallResult,
  environment: string,
  certificate: CertificateInfo,
  curl: string,
  now = new Date(),
): Report {
  const tls = result.tls;
  const status = result.status ? ` (${result.status})` : '';
  const sections: ReportSection[] = [];
  if (tls) {
    const facts: ReportFact[] = [];
    if (tls.protocol)
      facts.push({ label: 'Protocol', value: `${tls.protocol}${tls.cipher ? `, cipher ${tls.cipher}` : ''}` });
    if (tls.serverCertificate) {
      const expires = readableDate(tls.serverCertificate.notAfter, now);
      facts.push({
        label: 'Server certificate',
        value: [
          { text: `${tls.serverCertificate.subject}, issued by ${tls.serverCertificate.issuer}, expires ` },
          { text: expires.text, title: expires.iso },
        ],
      });
    }
    if (tls.clientCertificateRequested !== undefined)
      facts.push({
        label: 'The server asked for a client certificate',
        value: tls.clientCertificateRequested ? 'yes' : 'no',
      });
    if (tls.clientCertificateSent)
      facts.push({
        label: 'Client certificate sent',
        value: [
          { text: `${tls.clientCertificateSent.subject} (SHA-256 ` },
          { text: tls.clientCertificateSent.fingerprintSha256, code: true },
          { text: ')' },
        ],
      });
    if (tls.alert) facts.push({ label: 'TLS alert', value: tls.alert });
    if (tls.reason) facts.push({ label: 'Reason', value: tls.reason });
    if (tls.refusedBy)
      facts.push({
        label: 'Refused by',
        value: tls.refusedBy === 'server' ? 'the server (our certificate)' : "this machine (the server's certificate)",
      });
    sections.push({ title: 'TLS', blocks: [{ kind: 'facts', facts }] });
  }
  if (result.error)
    sections.push({
      title: 'Error',
      severity: 'error',
      blocks: [
        { kind: 'paragraph', text: [{ text: result.error.code, code: true }, { text: `: ${result.error.message}` }] },
      ],
    });
  if (result.bodyPreview !== undefined)
    sections.push({
      title: 'Response body (preview)',
      blocks: [{ kind: 'code', language: '', code: result.bodyPreview, label: 'Body' }],
    });
  sections.push({
    title: 'The same with curl',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          { text: 'Set ' },
          { text: 'API_KEY', code: true },
          { text: ' in your shell first; the key is never written here.' },
        ],
      },
      { kind: 'code', language: 'sh', code: curl.trimEnd(), label: 'curl command' },
    ],
  });
  return {
    title: `Test call: ${result.outcome}${status}`,
    headline:
      result.outcome === 'ok'
        ? { text: `The call succeeded${status}`, severity: 'ok' }
        : result.outcome === 'cancelled'
          ? { text: 'The call was cancelled', severity: 'info' }
          : { text: `The call failed: ${result.outcome}${status}`, severity: 'error' },
    intro: [
      {
        kind: 'facts',
        facts: [
          { label: 'Environment', value: environment },
          { label: 'URL', value: { text: result.url, code: true } },
          {
            label: 'Certificate',
            value: [
              { text: certificate.path, code: true },
              { text: ` (${formatName(certificate.subject)}, SHA-256 ` },
              { text: certificate.fingerprintSha256, code: true },
              { text: ')' },
            ],
          },
          { label: 'Duration', value: `${Math.round(result.durationMs)} ms, stopped at: ${result.phase}` },
        ],
      },
      { kind: 'paragraph', text: [{ text: 'What to do:', strong: true }, { text: ` ${result.hint}` }] },
    ],
    sections,
  };
}
