import { X509Certificate } from 'crypto';
import { readCertificate } from '../x509/certificate';
import { CoreError } from '../errors';
import { CertificateInfo, CsrInfo } from '../model';
import { splitPem } from '../x509/pem';
import { checkChain } from './checkChain';
import { checkCsrMatch } from './checkCsrMatch';
import { checkKeyMatch } from './checkKeyMatch';
import { checkOldMatch } from './checkOldMatch';
import { checkValidity } from './checkValidity';
import { ChainCertificate } from './findChain';
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

function chainCertificate(info: CertificateInfo): ChainCertificate {
  return { info, x509: new X509Certificate(info.pem) };
}

/** Reads every certificate of a CA bundle; a damaged block is an error, because openssl refuses the file too. */
function readBundle(pem: string, path: string | undefined): ChainCertificate[] {
  const { blocks, problems } = splitPem(pem);
  const where = path ?? 'CA bundle';
  if (problems.length > 0)
    throw new CoreError(problems[0].code, `${where}: ${problems[0].message}`, { line: problems[0].line });
  const certificates: ChainCertificate[] = [];
  for (const block of blocks) {
    if (!['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'].includes(block.label)) continue;
    try {
      certificates.push(
        chainCertificate(readCertificate(block, { path: path ?? '', index: certificates.length, line: block.line })),
      );
    } catch (error) {
      const code = error instanceof CoreError ? error.code : 'malformed-certificate';
      throw new CoreError(code, `${where}: the certificate at line ${block.line} is unreadable`, {
        line: block.line,
        cause: error,
      });
    }
  }
  return certificates;
}

/**
 * Step 2 of the rotation guide on the returned certificate: chain to the provider's CA (dates aside), dates,
 * key match, and, when given, the CSR it answers and the certificate it renews. Input that is not a
 * certificate, key, CSR or bundle at all throws a CoreError; everything else is a check's verdict.
 */
export function verifyCertificate(input: VerifyInput): VerifyResult {
  const paths = input.paths ?? {};
  const certificate = readCertificate(input.certificatePem, { path: paths.certificate ?? '' });
  const leaf = chainCertificate(certificate);
  const commands = opensslVerifyCommands(paths, {
    rsa: leaf.x509.publicKey.asymmetricKeyType === 'rsa',
    encryptedKey: input.keyPem !== undefined && /ENCRYPTED/.test(input.keyPem),
  });
  const checks: VerifyCheck[] = [];

  let issuers: CertificateInfo[] = [];
  if (input.caBundlePem !== undefined) {
    const { check, chain } = checkChain(leaf, readBundle(input.caBundlePem, paths.caBundle), commands.chain);
    checks.push(check);
    if (chain.ok) issuers = chain.path.map((c) => c.info);
  }
  checks.push(checkValidity(certificate, issuers, input.now, input.expectedValidityDays, commands.validity));
  if (input.keyPem !== undefined)
    checks.push(checkKeyMatch(leaf.x509, input.keyPem, input.keyPassphrase, commands['key-match']));
  if (input.csr) checks.push(checkCsrMatch(certificate, input.csr, commands['csr-match']));
  if (input.oldCertificate) checks.push(checkOldMatch(certificate, input.oldCertificate, commands['old-match']));
  return { certificate, checks, ok: checks.every((c) => c.ok) };
}
