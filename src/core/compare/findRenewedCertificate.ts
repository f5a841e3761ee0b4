import { CertificateInfo } from '../model';
import { RequestFacts } from './requestFacts';
import { subjectAltNameKey } from './subjectAltNameKey';

/**
 * The certificate a CSR or request config renews: the one the user linked, else a leaf certificate with the same
 * CN or an overlapping SAN and a different key (a renewal always has a new key), the soonest to expire first,
 * since that is the one being replaced.
 */
export function findRenewedCertificate(
  request: RequestFacts,
  certificates: readonly CertificateInfo[],
  linkedFingerprint?: string,
): { certificate: CertificateInfo; how: 'linked' | 'matched' } | undefined {
  if (linkedFingerprint) {
    const linked = certificates.find((c) => c.fingerprintSha256 === linkedFingerprint);
    if (linked) return { certificate: linked, how: 'linked' };
  }
  const cn = request.subject.find((a) => a.type === 'CN')?.value;
  const sans = new Set(request.subjectAltNames.map(subjectAltNameKey));
  const candidates = certificates.filter((certificate) => {
    if (certificate.isCA) return false;
    if (request.key && request.key.publicKeySha256 === certificate.publicKeySha256) return false;
    const sameCn = cn !== undefined && certificate.subject.some((a) => a.type === 'CN' && a.value === cn);
    return sameCn || certificate.subjectAltNames.some((san) => sans.has(subjectAltNameKey(san)));
  });
  candidates.sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
  return candidates[0] ? { certificate: candidates[0], how: 'matched' } : undefined;
}
