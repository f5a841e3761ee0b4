import { formatName } from '../x509/formatName';
import { ChainCertificate, ChainResult, findChain } from './findChain';
import { VerifyCheck } from './verifyCheck';

function quoted(c: ChainCertificate): string {
  return `"${formatName(c.info.subject)}"`;
}

function failureMessage(result: Extract<ChainResult, { ok: false }>, bundle: readonly ChainCertificate[]): string {
  const at = result.at;
  switch (result.reason) {
    case 'bundle-empty':
      return 'The CA bundle holds no certificate: there is nothing to verify the certificate against.';
    case 'self-signed':
      return 'The certificate is self-signed and is not in the CA bundle: no CA issued it.';
    case 'no-issuer':
      return `No CA in the bundle issued this certificate: its issuer "${formatName(at.info.issuer)}" is not among the bundle's ${bundle.length} certificate(s) (${bundle.map(quoted).join(', ')}).`;
    case 'bad-signature':
      return `${quoted(result.candidate ?? at)} in the bundle carries the issuer's name, but the signature of ${quoted(at)} does not verify with its key: another CA with the same name issued it, or the certificate was altered.`;
    case 'name-only':
      return `${quoted(result.candidate ?? at)} in the bundle carries the issuer's name, but it is not the CA that issued ${quoted(at)}: its key identifier differs (another CA with the same name) or it may not sign certificates.`;
    case 'not-a-ca':
      return `${quoted(result.candidate ?? at)} in the bundle would have issued ${quoted(at)}, but it is not a CA certificate (no basicConstraints CA:TRUE).`;
    case 'no-root':
      return `The path stops at ${quoted(at)}: the bundle lacks its issuer "${formatName(at.info.issuer)}", a root CA, and openssl verify fails without one.`;
  }
}

/** The `chain` check: a signature path to a self-signed CA in the bundle, dates aside. */
export function checkChain(
  leaf: ChainCertificate,
  bundle: readonly ChainCertificate[],
  command: string,
): { check: VerifyCheck; chain: ChainResult } {
  const chain = findChain(leaf, bundle);
  const evidence: Record<string, string> = {
    issuer: formatName(leaf.info.issuer),
    bundleCertificates: String(bundle.length),
  };
  if (!chain.ok) {
    if (chain.candidate) {
      evidence.candidateSubject = formatName(chain.candidate.info.subject);
      evidence.candidateFingerprintSha256 = chain.candidate.info.fingerprintSha256;
    }
    return {
      chain,
      check: {
        name: 'chain',
        ok: false,
        severity: 'error',
        message: failureMessage(chain, bundle),
        evidence,
        opensslCommand: command,
      },
    };
  }
  // A self-signed certificate found in the bundle is its own anchor.
  const root = chain.path[chain.path.length - 1] ?? leaf;
  const intermediates = chain.path.slice(0, -1);
  evidence.caSubject = formatName(root.info.subject);
  evidence.caFingerprintSha256 = root.info.fingerprintSha256;
  evidence.path = [leaf, ...chain.path].map((c) => formatName(c.info.subject)).join(' <- ');
  if (intermediates.length > 0)
    evidence.intermediates = intermediates.map((c) => formatName(c.info.subject)).join('; ');
  const through = intermediates.length > 0 ? ` through ${intermediates.map(quoted).join(', ')}` : '';
  const message =
    chain.path.length === 0
      ? 'The certificate is self-signed and is itself in the CA bundle (dates aside).'
      : `Signed by ${quoted(root)} from the CA bundle${through} (dates aside).`;
  return { chain, check: { name: 'chain', ok: true, severity: 'info', message, evidence, opensslCommand: command } };
}
