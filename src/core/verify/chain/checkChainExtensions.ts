// check_extensions of OpenSSL 3.0 without -x509_strict and without a purpose: unhandled critical extensions,
// proxy certificates, CA-ness of every issuer (X509_check_ca; only the trust anchor may be a v1 root, a
// keyUsage-only or a Netscape CA), explicit EC curves once the chain has more than one certificate, path length.
import { VerifyContext, reportError } from './verifyContext';

export function checkChainExtensions(ctx: VerifyContext): boolean {
  const chain = ctx.chain;
  const num = chain.length;
  let mustBeCa = -1;
  let pathLength = 0;
  for (let i = 0; i < num; i++) {
    const x = chain[i];
    if (x.ext.unhandledCritical && !reportError(ctx, 34, i)) return false;
    if (x.ext.proxy && !reportError(ctx, 40, i)) return false;
    const ca = x.caKind;
    if (mustBeCa === 0 && ca !== 0 && !reportError(ctx, 37, i)) return false;
    if (mustBeCa === 1 && (ca === 0 || (i + 1 < num && ca !== 1)) && !reportError(ctx, 79, i)) return false;
    if (num > 1) {
      // check_curve: a key OpenSSL cannot decode is X509_V_ERR_UNSPECIFIED there.
      if (x.publicKey() === undefined) {
        if (!reportError(ctx, 1, i)) return false;
      } else if (x.explicitCurve && !reportError(ctx, 94, i)) return false;
    }
    if (i > 1 && x.ext.pathLen !== -1 && pathLength > x.ext.pathLen && !reportError(ctx, 25, i)) return false;
    if (i > 0 && !x.selfIssued) pathLength++;
    mustBeCa = x.ext.proxy ? 0 : 1;
  }
  return true;
}
