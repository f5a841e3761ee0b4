// build_chain of OpenSSL 3.0 as `openssl verify` runs it (trusted-first, no DANE, no alternate chains): at each
// step the trust store is asked first; the untrusted certificates are used until an issuer comes from the store;
// a store certificate ends the chain when X509_check_trust calls it trusted (self-signed, by the compatibility
// rule); the chain may grow one past the depth limit, which is then error 22.
import { ChainCertificate } from './chainCertificate';
import { findIssuer } from './findIssuer';
import { TrustStore } from './trustStore';
import { VerifyContext, isSelfSigned, reportError } from './verifyContext';

/** openssl verify's default verify depth (X509_VERIFY_PARAM "default"). */
export const DEFAULT_DEPTH = 100;

const DO_UNTRUSTED = 1;
const DO_TRUSTED = 2;

/** check_trust without auxiliary trust settings: a store certificate is trusted when self-signed and valid. */
function trustedFrom(ctx: VerifyContext, from: number): boolean {
  for (let i = from; i < ctx.chain.length; i++) if (isSelfSigned(ctx.chain[i])) return true;
  return false;
}

/** true when the chain is trusted, or when the callback let an untrusted chain go on. */
export function buildChain(
  ctx: VerifyContext,
  store: TrustStore,
  untrusted: readonly ChainCertificate[] | undefined,
): boolean {
  const maxDepth = DEFAULT_DEPTH + 1;
  const pool = untrusted === undefined ? [] : [...untrusted];
  let search = (untrusted !== undefined ? DO_UNTRUSTED : 0) | DO_TRUSTED;
  let trusted = false;
  const chain = ctx.chain;

  while (search !== 0) {
    if (search & DO_TRUSTED) {
      let num = chain.length;
      const curr = chain[num - 1];
      let issuer = num > maxDepth ? undefined : store.issuerOf(curr, ctx.at);
      if (issuer !== undefined) {
        let selfSigned = isSelfSigned(curr);
        if (!selfSigned) {
          chain.push(issuer);
          selfSigned = isSelfSigned(issuer);
        } else if (!issuer.der.equals(curr.der)) {
          // A self-signed certificate mimicking a store one (same name, other bytes) is not taken for it.
          issuer = undefined;
        } else {
          ctx.numUntrusted = --num;
          chain[num] = issuer;
        }
        if (issuer !== undefined) {
          search &= ~DO_UNTRUSTED;
          if (trustedFrom(ctx, num)) {
            trusted = true;
            search = 0;
            continue;
          }
          if (!selfSigned) continue;
        }
      }
      if ((search & DO_UNTRUSTED) === 0) break;
    }
    if (search & DO_UNTRUSTED) {
      const num = chain.length;
      const curr = chain[num - 1];
      const issuer = isSelfSigned(curr) || num > maxDepth ? undefined : findIssuer(pool, chain, curr, ctx.at);
      if (issuer === undefined) {
        search = (search & ~DO_UNTRUSTED) | DO_TRUSTED;
        continue;
      }
      pool.splice(pool.indexOf(issuer), 1);
      chain.push(issuer);
      ctx.numUntrusted++;
    }
  }

  if (trusted) return true;
  const num = chain.length;
  if (num > maxDepth) return reportError(ctx, 22, num - 1);
  if (isSelfSigned(chain[num - 1])) return reportError(ctx, num === 1 ? 18 : 19, num - 1);
  return reportError(ctx, ctx.numUntrusted < num ? 2 : 20, num - 1);
}
