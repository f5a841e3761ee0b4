// The X509_STORE `openssl verify -CAfile` fills: certificates indexed by canonical subject, duplicates (same DER)
// dropped as X509_STORE_add_cert drops them, equal subjects kept in file order (probed: with several CAs sharing
// a subject and no key identifiers, openssl takes the first in the file).
import { ChainCertificate } from './chainCertificate';
import { certTimeValid } from './checkCertTime';
import { expiresLater } from './certificateTimeOrder';
import { likelyIssued } from './likelyIssued';

export class TrustStore {
  private readonly bySubject = new Map<string, ChainCertificate[]>();

  constructor(certificates: readonly ChainCertificate[]) {
    for (const cert of certificates) {
      const list = this.bySubject.get(cert.subjectKey);
      if (list === undefined) this.bySubject.set(cert.subjectKey, [cert]);
      else if (!list.some((other) => other.der.equals(cert.der))) list.push(cert);
    }
  }

  /** X509_STORE_CTX_get1_issuer: the first likely issuer valid at `at`, else the latest-expiring one. */
  issuerOf(cert: ChainCertificate, at: number | undefined): ChainCertificate | undefined {
    const candidates = this.bySubject.get(cert.issuerKey);
    if (candidates === undefined) return undefined;
    let best: ChainCertificate | undefined;
    for (const candidate of candidates) {
      if (!likelyIssued(candidate, cert)) continue;
      if (certTimeValid(candidate, at)) return candidate;
      if (best === undefined || expiresLater(candidate, best)) best = candidate;
    }
    return best;
  }
}
