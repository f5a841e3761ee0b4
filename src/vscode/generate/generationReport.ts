import { Report } from '../../core/report/reportModel';

export interface GenerationFacts {
  name: string;
  keyPath: string;
  csrPath: string;
  bits: number;
  /** As shown: values from the environment or an included file named by origin. */
  subject: string;
  sans: string;
  publicKeySha256: string;
  /** The equivalent openssl commands. */
  openssl: string;
}

/** What was written, what to check before submitting the CSR, and the same with openssl. */
export function generationReport(facts: GenerationFacts): Report {
  return {
    title: `New key and CSR for ${facts.name}`,
    headline: { text: 'Wrote the key and the CSR', severity: 'ok' },
    intro: [
      {
        kind: 'facts',
        facts: [
          {
            label: 'Key',
            value: [{ text: facts.keyPath, code: true }, { text: ` (RSA-${facts.bits}, mode 0600)` }],
          },
          { label: 'CSR', value: { text: facts.csrPath, code: true } },
          { label: 'Subject', value: facts.subject || '(empty)' },
          { label: 'SANs', value: facts.sans || '(none)' },
          { label: 'Public key SHA-256', value: { text: facts.publicKeySha256, code: true } },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Before submitting, confirm that the subject and SANs match the certificate being renewed.',
      },
    ],
    sections: [
      {
        title: 'The same with openssl',
        blocks: [{ kind: 'code', language: 'sh', code: facts.openssl.trimEnd(), label: 'openssl commands' }],
      },
    ],
  };
}
