// The part of X509_STORE_CTX the checks share, with apps/verify.c's callback: each error is recorded as
// `openssl verify` prints it, and only the codes its callback lets through allow the checks to go on.
import { ChainCertificate } from './chainCertificate';
import { VerifyChainError } from './verifyChain';
import { verifyError } from './verifyErrors';

// apps/verify.c's cb: after these the callback returns 1 and X509_verify_cert goes on.
const CONTINUED = new Set([
  43, 10, 18, 79, 37, 25, 12, 11, 34, 26, 80, 81, 89, 92, 82, 83, 84, 88, 87, 78, 90, 91, 85, 86, 93,
]);

export interface VerifyContext {
  chain: ChainCertificate[];
  numUntrusted: number;
  /** -attime in whole seconds; undefined for -no_check_time. */
  at?: number;
  errors: VerifyChainError[];
}

/** verify_cb_cert: records the error; true when the callback lets verification go on. */
export function reportError(ctx: VerifyContext, code: number, depth: number): boolean {
  ctx.errors.push({ error: verifyError(code), depth });
  return CONTINUED.has(code);
}

/** X509_self_signed(cert, 0) > 0: an invalid certificate is never self-signed there. */
export function isSelfSigned(cert: ChainCertificate): boolean {
  return !cert.ext.invalid && cert.selfSigned;
}
