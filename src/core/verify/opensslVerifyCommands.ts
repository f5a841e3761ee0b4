import { VerifyCheckName } from './verifyCheck';
import { shellQuote } from '../text/shellQuote';

export interface VerifyPaths {
  certificate?: string;
  key?: string;
  caBundle?: string;
  untrusted?: string;
  csr?: string;
  oldCertificate?: string;
}

export interface OpensslCommandOptions {
  /** RSA keys also get the guide's modulus comparison, the commands it prints. */
  rsa?: boolean;
  /** The key is encrypted: openssl needs to be told where the passphrase comes from. */
  encryptedKey?: boolean;
  /** The chain check ran with `-untrusted` (the file's path, or the placeholder UNTRUSTED). */
  untrusted?: boolean;
  /** The chain check checked dates at this time (`-attime`), not `-no_check_time`. */
  at?: Date;
}

/**
 * The openssl command lines equivalent to each check. The public-key lines hash the DER SubjectPublicKeyInfo, so
 * they print exactly the SHA-256 values the evidence holds.
 */
export function opensslVerifyCommands(
  paths: VerifyPaths = {},
  options: OpensslCommandOptions = {},
): Record<VerifyCheckName, string> {
  const cert = shellQuote(paths.certificate ?? 'CERT', { path: true });
  const key = shellQuote(paths.key ?? 'KEY', { path: true });
  const bundle = shellQuote(paths.caBundle ?? 'BUNDLE', { path: true });
  const csr = shellQuote(paths.csr ?? 'CSR', { path: true });
  const old = shellQuote(paths.oldCertificate ?? 'OLD.crt', { path: true });
  const untrusted = shellQuote(paths.untrusted ?? 'UNTRUSTED', { path: true });
  const passin = options.encryptedKey ? ' -passin env:KEY_PASSPHRASE' : '';
  const keyMatch = [
    `openssl x509 -in ${cert} -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256`,
    `openssl pkey -in ${key}${passin} -pubout -outform DER | openssl sha256`,
  ];
  if (options.rsa) {
    keyMatch.push(
      `openssl x509 -in ${cert} -noout -modulus | openssl md5`,
      `openssl rsa -in ${key}${passin} -noout -modulus | openssl md5`,
    );
  }
  return {
    chain: [
      'openssl verify',
      options.at ? `-attime ${Math.floor(options.at.getTime() / 1000)}` : '-no_check_time',
      `-CAfile ${bundle}`,
      options.untrusted ? `-untrusted ${untrusted}` : undefined,
      cert,
    ]
      .filter((part) => part !== undefined)
      .join(' '),
    validity: `openssl x509 -in ${cert} -noout -dates`,
    'key-match': keyMatch.join('\n'),
    'csr-match': [
      `openssl req -in ${csr} -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256`,
      `openssl x509 -in ${cert} -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256`,
      `openssl req -in ${csr} -noout -subject -text`,
      `openssl x509 -in ${cert} -noout -subject -ext subjectAltName`,
    ].join('\n'),
    'old-match': [
      `openssl x509 -in ${old} -noout -subject -ext subjectAltName`,
      `openssl x509 -in ${cert} -noout -subject -ext subjectAltName`,
    ].join('\n'),
  };
}
