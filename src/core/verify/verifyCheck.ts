export type VerifyCheckName = 'chain' | 'validity' | 'key-match' | 'csr-match' | 'old-match';

export interface VerifyCheck {
  name: VerifyCheckName;
  /** False when the certificate must not be deployed as it is. */
  ok: boolean;
  /** `error` exactly when not ok; `warning` when ok but worth a look (a short validity, a SAN added). */
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** What the verdict rests on (hashes, dates, names), for the report and for comparing with openssl by hand. */
  evidence: Record<string, string>;
  /** The openssl command line(s) that check the same thing, one per line, with the given paths filled in. */
  opensslCommand: string;
}
