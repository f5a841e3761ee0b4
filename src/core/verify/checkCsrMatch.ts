import { diffSubject } from '../compare/diffSubject';
import { diffSubjectAltNames } from '../compare/diffSubjectAltNames';
import { formatName, formatSubjectAltNames } from '../x509/formatName';
import { CertificateInfo, CsrInfo } from '../model';
import { VerifyCheck } from './verifyCheck';

/**
 * The `csr-match` check: the CA certified this request, with its key, subject and SANs. Subject order and
 * spellings that mean the same (IPv6 forms, DNS case) do not count; anything else the CA changed does.
 */
export function checkCsrMatch(certificate: CertificateInfo, csr: CsrInfo, command: string): VerifyCheck {
  const problems: string[] = [];
  if (certificate.publicKeySha256 !== csr.publicKeySha256) {
    problems.push("The certificate's public key is not the CSR's: it answers another request.");
  }
  const names = diffSubject(csr.subject, certificate.subject);
  for (const c of names.changed)
    problems.push(`Subject ${c.type} is "${c.newValue}" in the certificate, "${c.oldValue}" in the CSR.`);
  for (const m of names.missing)
    problems.push(`Subject ${m.type} = "${m.value}" of the CSR is missing from the certificate.`);
  for (const e of names.extra)
    problems.push(`The certificate adds subject ${e.type} = "${e.value}", which the CSR does not request.`);
  const sans = diffSubjectAltNames(csr.subjectAltNames, certificate.subjectAltNames);
  for (const s of sans.removed) problems.push(`SAN ${s.type}:${s.value} of the CSR is missing from the certificate.`);
  for (const s of sans.added)
    problems.push(`The certificate adds SAN ${s.type}:${s.value}, which the CSR does not request.`);

  const evidence: Record<string, string> = {
    certificatePublicKeySha256: certificate.publicKeySha256,
    csrPublicKeySha256: csr.publicKeySha256,
    certificateSubject: formatName(certificate.subject),
    csrSubject: formatName(csr.subject),
    certificateSubjectAltNames: formatSubjectAltNames(certificate.subjectAltNames),
    csrSubjectAltNames: formatSubjectAltNames(csr.subjectAltNames),
  };
  if (problems.length > 0) {
    evidence.differences = problems.join('\n');
    return {
      name: 'csr-match',
      ok: false,
      severity: 'error',
      message: problems.join(' '),
      evidence,
      opensslCommand: command,
    };
  }
  const order = names.reordered ? " (the subject's attributes in another order)" : '';
  return {
    name: 'csr-match',
    ok: true,
    severity: 'info',
    message: `The certificate carries the CSR's public key, subject and SANs${order}.`,
    evidence,
    opensslCommand: command,
  };
}
