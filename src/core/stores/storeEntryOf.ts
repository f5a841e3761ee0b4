import { CertificateInfo } from '../model';
import { formatName } from '../x509/formatName';
import { StoreEntry, StoreStage } from './secretsStore';

/** Every adapter lists its certificates with the same facts, taken from the certificate itself, never from tags. */
export function storeEntryOf(
  id: string,
  stage: StoreStage,
  certificate: CertificateInfo,
  versionId?: string,
): StoreEntry {
  return {
    id,
    stage,
    ...(versionId === undefined ? {} : { versionId }),
    fingerprintSha256: certificate.fingerprintSha256,
    notAfter: certificate.notAfter,
    subject: formatName(certificate.subject),
    serialNumber: certificate.serialNumber,
    publicKeySha256: certificate.publicKeySha256,
    certificate,
  };
}
