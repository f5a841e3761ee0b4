import { CompareFindingCode } from '../compare/compareFinding';
import { compareRequest } from '../compare/compareRequest';
import { hasErrors } from '../compare/hasErrors';
import { requestFactsFromCertificate } from '../compare/requestFactsFromCertificate';
import { formatName, formatSubjectAltNames } from '../x509/formatName';
import { CertificateInfo } from '../model';
import { VerifyCheck } from './verifyCheck';

/** Key strength is the CSR's business (compare); here only what the renewal must carry over, and the new key. */
const RELEVANT: ReadonlySet<CompareFindingCode> = new Set([
  'subject-mismatch',
  'subject-order',
  'san-removed',
  'san-added',
  'key-reused',
]);

/**
 * The `old-match` check: the new certificate carries the old one's subject and SANs, with another key. The
 * severities are compare's: a different subject or the old key fails; SANs added or dropped are warnings,
 * because the user may have changed them on purpose.
 */
export function checkOldMatch(certificate: CertificateInfo, old: CertificateInfo, command: string): VerifyCheck {
  const findings = compareRequest(old, requestFactsFromCertificate(certificate)).filter((f) => RELEVANT.has(f.code));
  const evidence: Record<string, string> = {
    oldSubject: formatName(old.subject),
    newSubject: formatName(certificate.subject),
    oldSubjectAltNames: formatSubjectAltNames(old.subjectAltNames),
    newSubjectAltNames: formatSubjectAltNames(certificate.subjectAltNames),
    oldPublicKeySha256: old.publicKeySha256,
    newPublicKeySha256: certificate.publicKeySha256,
  };
  const notable = findings.filter((f) => f.severity !== 'info');
  if (notable.length > 0) evidence.differences = notable.map((f) => `${f.code}: ${f.message}`).join('\n');
  if (hasErrors(findings)) {
    const errorsFirst = [
      ...notable.filter((f) => f.severity === 'error'),
      ...notable.filter((f) => f.severity !== 'error'),
    ];
    return {
      name: 'old-match',
      ok: false,
      severity: 'error',
      message: errorsFirst.map((f) => f.message).join(' '),
      evidence,
      opensslCommand: command,
    };
  }
  if (notable.length > 0) {
    return {
      name: 'old-match',
      ok: true,
      severity: 'warning',
      message: notable.map((f) => f.message).join(' '),
      evidence,
      opensslCommand: command,
    };
  }
  const order = findings.some((f) => f.code === 'subject-order') ? " (the subject's attributes in another order)" : '';
  return {
    name: 'old-match',
    ok: true,
    severity: 'info',
    message: `The new certificate carries the old one's subject and SANs${order}, with a new key.`,
    evidence,
    opensslCommand: command,
  };
}
