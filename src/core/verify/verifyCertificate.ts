import { CertificateInfo, CsrInfo } from '../model';
import { checkChain } from './checkChain';
import { checkCsrMatch } from './checkCsrMatch';
import { checkKeyMatch } from './checkKeyMatch';
import { checkOldMatch } from './checkOldMatch';
import { checkValidity } from './checkValidity';
import { fallbackCertificateInfo } from './fallbackCertificateInfo';
import { loadCertificates } from './loadCertificates';
import { opensslVerifyCommands, VerifyPaths } from './opensslVerifyCommands';
import { VerifyCheck } from './verifyCheck';

export type { VerifyPaths } from './opensslVerifyCommands';

export interface VerifyInput {
  /** The returned certificate; the first certificate in the text is the one verified, as openssl verify takes it. */
  certificatePem: string;
  /** Without it there is no key-match check. */
  keyPem?: string;
  keyPassphrase?: string;
  /** Every certificate in it is trusted, as with `openssl verify -CAfile`; without it there is no chain check. */
  caBundlePem?: string;
  /** Certificates that may complete the path but are not anchors, as with `openssl verify -untrusted`. */
  untrustedPem?: string;
  /**
   * `openssl verify -attime`: the chain check also checks every certificate's dates at this time. Without it the
   * chain check leaves dates aside (`-no_check_time`); the validity check reads `now` either way.
   */
  at?: Date;
  /** Adds the csr-match check. */
  csr?: CsrInfo;
  /** Adds the old-match check. */
  oldCertificate?: CertificateInfo;
  now: Date;
  /** The validity the provider issues (90 days in the guide); shorter gets a note. */
  expectedValidityDays?: number;
  /** Filled into the openssl command lines; placeholders (CERT, KEY, BUNDLE, ...) otherwise. */
  paths?: VerifyPaths;
}

export interface VerifyResult {
  /** The certificate verified. */
  certificate: CertificateInfo;
  /** In the order chain, validity, key-match, csr-match, old-match; a check without its input is left out. */
  checks: VerifyCheck[];
  /** Every check ok. */
  ok: boolean;
}

/**
 * Step 2 of the rotation guide on the returned certificate: the chain as `openssl verify` judges it, dates,
 * key match, and, when given, the CSR it answers and the certificate it renews. Input OpenSSL would not load
 * as a certificate, key, CSR or bundle at all throws a CoreError; everything else is a check's verdict.
 */
export function verifyCertificate(input: VerifyInput): VerifyResult {
  const paths = input.paths ?? {};
  const [target] = loadCertificates(input.certificatePem, 'certificate', paths.certificate);
  const certificate = target.info ?? fallbackCertificateInfo(target, paths.certificate ?? '');
  const commands = opensslVerifyCommands(paths, {
    rsa: certificate.keyType === 'RSA',
    encryptedKey: input.keyPem !== undefined && /ENCRYPTED/.test(input.keyPem),
    untrusted: input.untrustedPem !== undefined,
    at: input.at,
  });
  const checks: VerifyCheck[] = [];

  let issuers: CertificateInfo[] = [];
  if (input.caBundlePem !== undefined) {
    const { check, chain } = checkChain(
      {
        target,
        trusted: loadCertificates(input.caBundlePem, 'trusted', paths.caBundle),
        untrusted:
          input.untrustedPem === undefined ? [] : loadCertificates(input.untrustedPem, 'untrusted', paths.untrusted),
        at: input.at,
      },
      commands.chain,
    );
    checks.push(check);
    if (check.ok) issuers = chain.slice(1).flatMap((c) => (c.info ? [c.info] : []));
  }
  checks.push(checkValidity(certificate, issuers, input.now, input.expectedValidityDays, commands.validity));
  if (input.keyPem !== undefined)
    checks.push(checkKeyMatch(target.x509, input.keyPem, input.keyPassphrase, commands['key-match']));
  if (input.csr) checks.push(checkCsrMatch(certificate, input.csr, commands['csr-match']));
  if (input.oldCertificate) checks.push(checkOldMatch(certificate, input.oldCertificate, commands['old-match']));
  return { certificate, checks, ok: checks.every((c) => c.ok) };
}
