import { CertificateInfo } from '../model';
import { RequestFacts } from './requestFacts';

/** An issued certificate read as the request it answers, so that it can be held against the one it renews. */
export function requestFactsFromCertificate(certificate: CertificateInfo): RequestFacts {
  const key: RequestFacts['key'] = { publicKeySha256: certificate.publicKeySha256, keyType: certificate.keyType };
  if (certificate.keyBits !== undefined) key.keyBits = certificate.keyBits;
  if (certificate.curve !== undefined) key.curve = certificate.curve;
  return {
    kind: 'certificate',
    subject: certificate.subject.map(({ type, value }) => ({ type, value })),
    subjectAltNames: certificate.subjectAltNames.map(({ type, value }) => ({ type, value })),
    key,
  };
}
