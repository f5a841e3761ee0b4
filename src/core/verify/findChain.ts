import { X509Certificate } from 'crypto';
import { CertificateInfo } from '../model';

export interface ChainCertificate {
  info: CertificateInfo;
  x509: X509Certificate;
}

export type ChainFailure =
  | 'bundle-empty'
  /** No certificate in the bundle carries the issuer's name (and key identifier). */
  | 'no-issuer'
  /** A certificate in the bundle names the issuer, but its key did not sign the certificate. */
  | 'bad-signature'
  /** The issuer found is not a CA certificate. */
  | 'not-a-ca'
  /** A CA in the bundle has the issuer's name, but not its key identifier (or may not sign certificates). */
  | 'name-only'
  /** The path stops at a CA that is not self-signed: the bundle lacks a root. */
  | 'no-root'
  /** The certificate signs itself and is not in the bundle. */
  | 'self-signed';

export type ChainResult =
  | {
      ok: true;
      /** The issuers, from the certificate's issuer up to the root in the bundle. */ path: ChainCertificate[];
    }
  | {
      ok: false;
      reason: ChainFailure;
      /** The certificate whose issuer could not be found or checked. */ at: ChainCertificate;
      candidate?: ChainCertificate;
    };

/** OpenSSL's self-issued test (names and key identifiers agree), as openssl verify detects a trust anchor. */
function selfIssued(c: ChainCertificate): boolean {
  return c.x509.checkIssued(c.x509);
}

const MAX_DEPTH = 16;

/**
 * A signature path from `leaf` to a self-signed CA in `bundle`, as `openssl verify -no_check_time -CAfile
 * BUNDLE` builds it: every certificate of the bundle is trusted, an issuer is found by name and key identifier,
 * its key must verify the signature and it must be a CA, and the path must end at a self-signed certificate
 * (a bundle holding only an intermediate fails, as it does without -partial_chain). Dates are not looked at.
 */
export function findChain(leaf: ChainCertificate, bundle: readonly ChainCertificate[]): ChainResult {
  if (bundle.length === 0) return { ok: false, reason: 'bundle-empty', at: leaf };
  if (selfIssued(leaf)) {
    const trusted = bundle.some((c) => c.x509.raw.equals(leaf.x509.raw));
    return trusted ? { ok: true, path: [] } : { ok: false, reason: 'self-signed', at: leaf };
  }
  return extend(leaf, bundle, new Set([leaf.info.fingerprintSha256]), 0);
}

// Failures deeper in the path say more than "no issuer" at the top, and a wrong signature more than a name miss.
const rank: Record<ChainFailure, number> = {
  'bundle-empty': 0,
  'self-signed': 0,
  'no-issuer': 1,
  'name-only': 2,
  'no-root': 3,
  'not-a-ca': 4,
  'bad-signature': 5,
};

function extend(
  current: ChainCertificate,
  bundle: readonly ChainCertificate[],
  seen: Set<string>,
  depth: number,
): ChainResult {
  const candidates = bundle.filter((c) => !seen.has(c.info.fingerprintSha256) && current.x509.checkIssued(c.x509));
  if (candidates.length === 0) {
    // openssl's issuer test also wants the key identifier and, in a CA, keyCertSign: say which part failed.
    const named = bundle.find((c) => !seen.has(c.info.fingerprintSha256) && c.x509.subject === current.x509.issuer);
    if (named) return { ok: false, reason: named.info.isCA ? 'name-only' : 'not-a-ca', at: current, candidate: named };
    return { ok: false, reason: depth === 0 ? 'no-issuer' : 'no-root', at: current };
  }
  let best: Extract<ChainResult, { ok: false }> | undefined;
  const worse = (failure: Extract<ChainResult, { ok: false }>) => {
    if (!best || rank[failure.reason] > rank[best.reason]) best = failure;
  };
  for (const candidate of candidates) {
    if (!current.x509.verify(candidate.x509.publicKey)) {
      worse({ ok: false, reason: 'bad-signature', at: current, candidate });
      continue;
    }
    if (!candidate.info.isCA) {
      worse({ ok: false, reason: 'not-a-ca', at: current, candidate });
      continue;
    }
    // OpenSSL does not check a trust anchor's own signature; a self-issued CA ends the path.
    if (selfIssued(candidate)) return { ok: true, path: [candidate] };
    if (depth + 1 >= MAX_DEPTH) {
      worse({ ok: false, reason: 'no-root', at: candidate });
      continue;
    }
    const rest = extend(candidate, bundle, new Set([...seen, candidate.info.fingerprintSha256]), depth + 1);
    if (rest.ok) return { ok: true, path: [candidate, ...rest.path] };
    worse(rest);
  }
  return best ?? { ok: false, reason: 'no-issuer', at: current };
}
