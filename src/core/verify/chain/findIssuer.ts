// find_issuer over the -untrusted certificates still unused: the first likely issuer not already in the chain
// (a self-issued target may be its own issuer) that is valid at -attime, else the latest-expiring such one.
import { ChainCertificate } from './chainCertificate';
import { certTimeValid } from './checkCertTime';
import { expiresLater } from './certificateTimeOrder';
import { likelyIssued } from './likelyIssued';

export function findIssuer(
  pool: readonly ChainCertificate[],
  chain: readonly ChainCertificate[],
  cert: ChainCertificate,
  at: number | undefined,
): ChainCertificate | undefined {
  let best: ChainCertificate | undefined;
  const selfIssuedAlone = cert.selfIssued && chain.length === 1;
  for (const candidate of pool) {
    if (!likelyIssued(candidate, cert)) continue;
    if (!selfIssuedAlone && chain.some((link) => link.der.equals(candidate.der))) continue;
    if (certTimeValid(candidate, at)) return candidate;
    if (best === undefined || expiresLater(candidate, best)) best = candidate;
  }
  return best;
}
