import { CertificateInfo } from '../model';
import { fingerprintHex, sameFingerprint } from './fingerprint';

/** What a rotation in progress expects the signed certificate to carry. */
export interface AwaitedCertificate {
  rotationId: string;
  oldFingerprint: string;
  /** SPKI hashes of the new key and of the new CSR's key (the same key, unless the CSR was made elsewhere). */
  newKeySpkis: string[];
}

/**
 * Certificates that carry a rotation's new key and were not offered before: the provider's signed certificate
 * has arrived in the workspace. The old certificate and CAs never count; each certificate is offered once.
 */
export function arrivedCertificates(
  awaited: readonly AwaitedCertificate[],
  certificates: readonly CertificateInfo[],
  offered: readonly string[],
): Array<{ rotationId: string; certificate: CertificateInfo }> {
  const seen = new Set(offered.map(fingerprintHex));
  const found: Array<{ rotationId: string; certificate: CertificateInfo }> = [];
  for (const rotation of awaited) {
    const spkis = new Set(rotation.newKeySpkis.filter((s) => s !== ''));
    for (const certificate of certificates) {
      const key = fingerprintHex(certificate.fingerprintSha256);
      if (certificate.isCA || seen.has(key)) continue;
      if (sameFingerprint(certificate.fingerprintSha256, rotation.oldFingerprint)) continue;
      if (!spkis.has(certificate.publicKeySha256)) continue;
      seen.add(key);
      found.push({ rotationId: rotation.rotationId, certificate });
    }
  }
  return found;
}
