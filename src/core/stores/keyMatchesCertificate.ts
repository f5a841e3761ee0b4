import { createPublicKey, KeyObject } from 'crypto';
import { CertificateInfo } from '../model';
import { publicKeyFacts } from '../x509/publicKeyFacts';

/** Whether a private key belongs to a certificate: the public key derived from it is the certificate's. */
export function keyMatchesCertificate(key: KeyObject, certificate: Pick<CertificateInfo, 'publicKeySha256'>): boolean {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return publicKeyFacts(spki).publicKeySha256 === certificate.publicKeySha256;
}
