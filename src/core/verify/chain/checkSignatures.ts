// internal_verify of OpenSSL 3.0: from the top of the chain down, the issuer's keyUsage must allow certificate
// signing, its key must decode, the signature must verify (OpenSSL's X509_verify, through Node's
// X509Certificate.verify); a self-signed top's own signature is not checked (no X509_V_FLAG_CHECK_SS_SIGNATURE).
// Each certificate's dates are checked after its signature.
import { ChainCertificate } from './chainCertificate';
import { checkCertTime } from './checkCertTime';
import { KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN } from './extensionFacts';
import { likelyIssued } from './likelyIssued';
import { VerifyContext, reportError } from './verifyContext';

function signingAllowed(issuer: ChainCertificate, subject: ChainCertificate): number {
  const usage = issuer.ext.keyUsage;
  if (usage === undefined) return 0;
  if (subject.ext.proxy) return usage & KU_DIGITAL_SIGNATURE ? 0 : 39;
  return usage & KU_KEY_CERT_SIGN ? 0 : 32;
}

function signatureVerifies(subject: ChainCertificate, issuer: ChainCertificate): boolean {
  const key = issuer.publicKey();
  const cert = subject.x509();
  if (key === undefined || cert === undefined) return false;
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

export function checkSignatures(ctx: VerifyContext): boolean {
  const chain = ctx.chain;
  let n = chain.length - 1;
  let xi = chain[n];
  let xs: ChainCertificate;
  if (likelyIssued(xi, xi)) xs = xi;
  else {
    if (n <= 0) {
      if (!reportError(ctx, 21, 0)) return false;
      return checkCertTime(ctx, xi, 0);
    }
    n--;
    xs = chain[n];
  }
  for (;;) {
    if (xs !== xi) {
      const usage = signingAllowed(xi, xs);
      if (usage !== 0 && !reportError(ctx, usage, n + 1)) return false;
      if (xi.publicKey() === undefined) {
        if (!reportError(ctx, 6, n + 1)) return false;
      } else if (!signatureVerifies(xs, xi) && !reportError(ctx, 7, n)) return false;
    }
    if (!checkCertTime(ctx, xs, n)) return false;
    if (--n < 0) return true;
    xi = xs;
    xs = chain[n];
  }
}
