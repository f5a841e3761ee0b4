// ossl_x509_likely_issued: the issuer's subject equals the subject's issuer (canonical names), the subject's
// AKID does not contradict the issuer, and the issuer's key type can make the subject's signature. Invalid
// certificates (EXFLAG_INVALID) are never issuers nor issued.
import { ChainCertificate, checkAkid } from './chainCertificate';
import { signatureMatchesKey } from './signatureKeyType';

export function likelyIssued(issuer: ChainCertificate, subject: ChainCertificate): boolean {
  if (issuer.subjectKey !== subject.issuerKey) return false;
  if (issuer.ext.invalid || subject.ext.invalid) return false;
  if (checkAkid(issuer, subject) !== 0) return false;
  if (issuer.publicKey() === undefined) return false;
  return signatureMatchesKey(subject.signatureOid, issuer.keyType);
}
