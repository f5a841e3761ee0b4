import { CertificateInfo, SubjectAltName } from '../model';
import { CompareFinding } from './compareFinding';
import { diffSubject } from './diffSubject';
import { diffSubjectAltNames } from './diffSubjectAltNames';
import { RequestFacts } from './requestFacts';

export interface CompareRequestOptions {
  /** SPKI SHA-256 hashes (hex, any case, colons allowed) of other keys known to be old: earlier renewals' keys. */
  oldKeys?: string[];
}

/** The provider asks for RSA-2048; smaller RSA moduli are refused outright. */
const MIN_RSA_BITS = 2048;

function normaliseHash(hash: string): string {
  return hash.replace(/[:\s]/g, '').toLowerCase();
}

/** A SAN as findings show it: a config's value from the environment or an included file is named, not shown. */
function sanText(san: SubjectAltName & { shown?: string }): string {
  return `${san.type}:${san.shown ?? san.value}`;
}

/** Whether a SAN is something the provider's allowlist is about (calling IPs and domains). */
function isCallingName(san: SubjectAltName): boolean {
  return san.type === 'IP' || san.type === 'DNS';
}

function what(request: RequestFacts): string {
  return request.kind === 'certificate'
    ? 'the new certificate'
    : request.kind === 'config'
      ? 'the request config'
      : 'the CSR';
}

/**
 * Holds a renewal request (a CSR, a request config or the issued certificate) against the certificate it renews,
 * by the guide's rules: a new key pair, RSA-2048, a valid self-signature, and the same subject and SANs unless
 * the user means to change them. Differences of spelling that mean the same thing are not findings.
 */
export function compareRequest(
  old: CertificateInfo,
  request: RequestFacts,
  options: CompareRequestOptions = {},
): CompareFinding[] {
  const findings: CompareFinding[] = [];
  const subject = what(request);
  const Subject = subject[0].toUpperCase() + subject.slice(1);

  if (request.signatureValid === false) {
    findings.push({
      severity: 'error',
      code: 'signature-invalid',
      message: `${Subject}'s signature does not verify against its own public key${request.signatureAlgorithm ? ` (${request.signatureAlgorithm})` : ''}: the file was altered or damaged, and the provider will refuse it. Make the CSR again from its key.`,
      ...(request.signatureAlgorithm ? { data: { signatureAlgorithm: request.signatureAlgorithm } } : {}),
    });
  }

  const key = request.key;
  if (key) {
    const hash = normaliseHash(key.publicKeySha256);
    const fromOld = normaliseHash(old.publicKeySha256) === hash;
    const fromOthers = !fromOld && (options.oldKeys ?? []).some((k) => normaliseHash(k) === hash);
    if (fromOld || fromOthers) {
      findings.push({
        severity: 'error',
        code: 'key-reused',
        message: fromOld
          ? `${Subject} uses the old certificate's key (public key SHA-256 ${hash.slice(0, 16)}…): the guide demands a new key pair on every renewal. Generate a new key and CSR.`
          : `${Subject} uses an old key (public key SHA-256 ${hash.slice(0, 16)}…, listed as a retired key): the guide demands a new key pair on every renewal. Generate a new key and CSR.`,
        data: { publicKeySha256: hash, reusedFrom: fromOld ? 'old-certificate' : 'old-keys' },
      });
    }
    const rsa = key.keyType === 'RSA' || key.keyType === 'RSA-PSS';
    const bits = key.keyBits;
    const keyData = { publicKeySha256: hash, keyType: key.keyType, ...(bits !== undefined ? { keyBits: bits } : {}) };
    if (rsa && bits !== undefined && bits < MIN_RSA_BITS) {
      findings.push({
        severity: 'error',
        code: 'weak-key',
        message: `${Subject}'s key is RSA-${bits}, below 2048 bits: the provider asks for RSA-2048. Generate a 2048-bit key (openssl genrsa 2048).`,
        data: keyData,
      });
    } else if (key.keyType !== 'RSA') {
      const name =
        key.keyType === 'EC'
          ? `an EC key${key.curve ? ` (${key.curve})` : ''}`
          : key.keyType === 'RSA-PSS'
            ? 'an RSA-PSS key'
            : `a${/^[AEIOUaeiou]/.test(key.keyType) ? 'n' : ''} ${key.keyType} key`;
      findings.push({
        severity: 'warning',
        code: 'weak-key',
        message: `${Subject} has ${name}; the provider asks for RSA-2048 keys and may refuse it.`,
        data: keyData,
      });
    }
  }

  const names = diffSubject(old.subject, request.subject);
  for (const change of names.changed) {
    const at = request.subject[change.index];
    // A config's value from the environment or an included file is compared, never shown.
    const newValue = at?.shown ?? change.newValue;
    findings.push({
      severity: 'error',
      code: 'subject-mismatch',
      message: `Subject ${change.type} differs: the old certificate has "${change.oldValue}", ${subject} has "${newValue}"${change.caseOnly ? ' (only in letter case, but the guide asks for the same subject exactly)' : ''}.`,
      attribute: change.type,
      oldValue: change.oldValue,
      newValue,
      ...(at?.range ? { range: at.range } : {}),
      data: { difference: 'changed', caseOnly: change.caseOnly },
    });
  }
  for (const gone of names.missing) {
    findings.push({
      severity: 'error',
      code: 'subject-mismatch',
      message: `Subject ${gone.type} = "${gone.value}" of the old certificate is missing from ${subject}.`,
      attribute: gone.type,
      oldValue: gone.value,
      ...(request.subjectRange ? { range: request.subjectRange } : {}),
      data: { difference: 'missing' },
    });
  }
  for (const added of names.extra) {
    const at = request.subject[added.index];
    const newValue = at?.shown ?? added.value;
    findings.push({
      severity: 'error',
      code: 'subject-mismatch',
      message: `${Subject} adds subject ${added.type} = "${newValue}", which the old certificate does not have.`,
      attribute: added.type,
      newValue,
      ...(at?.range ? { range: at.range } : {}),
      data: { difference: 'extra' },
    });
  }
  if (names.reordered) {
    findings.push({
      severity: 'info',
      code: 'subject-order',
      message: `${Subject} lists the same subject attributes in another order (old: ${names.oldOrder.join(', ')}; new: ${names.newOrder.join(', ')}).`,
      ...(request.subjectRange ? { range: request.subjectRange } : {}),
      data: { oldOrder: names.oldOrder, newOrder: names.newOrder },
    });
  }

  for (const refused of request.refusedSubjectAltNames ?? []) {
    findings.push({
      severity: 'error',
      code: 'san-refused',
      message: `openssl req would refuse ${subject}: ${refused.message} The other SANs are compared as written.`,
      ...(refused.range ? { range: refused.range } : {}),
      data: { configCode: refused.configCode },
    });
  }
  const sans = diffSubjectAltNames(old.subjectAltNames, request.subjectAltNames);
  for (const san of sans.removed) {
    findings.push({
      severity: 'warning',
      code: 'san-removed',
      message: isCallingName(san)
        ? `${sanText(san)} of the old certificate is missing from ${subject}: calls that rely on ${san.type === 'IP' ? 'this IP address' : 'this domain'} will no longer be covered. Keep it unless it is no longer a calling ${san.type === 'IP' ? 'address' : 'domain'}.`
        : `${sanText(san)} of the old certificate is missing from ${subject}.`,
      san: { type: san.type, value: san.value },
      oldValue: sanText(san),
      ...(request.subjectAltNamesRange ? { range: request.subjectAltNamesRange } : {}),
    });
  }
  for (const san of sans.added) {
    findings.push({
      severity: 'warning',
      code: 'san-added',
      message: isCallingName(san)
        ? `${Subject} adds ${sanText(san)}, which the old certificate does not have: a new ${san.type === 'IP' ? 'IP address' : 'domain'} must be allowlisted with the provider, or the test call fails with 403 "No Authorised IPs configured".`
        : `${Subject} adds ${sanText(san)}, which the old certificate does not have.`,
      san: { type: san.type, value: san.shown ?? san.value },
      newValue: sanText(san),
      ...(san.range ? { range: san.range } : {}),
    });
  }
  return findings;
}
