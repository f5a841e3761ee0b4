import { CsrInfo } from '../model';
import { RequestFacts } from './requestFacts';

export function requestFactsFromCsr(csr: CsrInfo): RequestFacts {
  const key: RequestFacts['key'] = { publicKeySha256: csr.publicKeySha256, keyType: csr.keyType };
  if (csr.keyBits !== undefined) key.keyBits = csr.keyBits;
  if (csr.curve !== undefined) key.curve = csr.curve;
  return {
    kind: 'csr',
    subject: csr.subject.map(({ type, value }) => ({ type, value })),
    subjectAltNames: csr.subjectAltNames.map(({ type, value }) => ({ type, value })),
    key,
    signatureValid: csr.signatureValid,
    signatureAlgorithm: csr.signatureAlgorithm,
  };
}
