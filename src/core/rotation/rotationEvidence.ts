import { formatName } from '../x509/formatName';
import { CertificateInfo, CsrInfo, DistinguishedName, PrivateKeyInfo, SubjectAltName } from '../model';
import { sameFingerprint } from './fingerprint';
import { samePath, toRecordedPath } from './recordedPath';
import { Rotation, RotationNew, RotationPatch } from './rotationRecord';
import { RotationFacts, TestCallFact, VerificationFact } from './rotationFacts';

/** The inventory read in the light of one rotation: which files are the old material and which the new. */
export interface RotationEvidence {
  /** The old certificate, when still in the workspace. */
  oldCertificate?: CertificateInfo;
  /** Every key file in the workspace that holds the old key. */
  oldKeys: PrivateKeyInfo[];
  /** Whatever the inventory has at the recorded old key path (it may hold another key by now, or be encrypted). */
  oldKeyFile?: PrivateKeyInfo;
  /** CSRs for another key with the old certificate's subject, CN or SANs. */
  renewalCsrs: CsrInfo[];
  newKey?: PrivateKeyInfo;
  /** The new key's SPKI hash: from its file, else as recorded when it was last seen. */
  newKeySpki?: string;
  newCsr?: CsrInfo;
  /** Renews the old certificate (same subject, CN or a shared SAN), ends later, and carries the new key. */
  newCertificate?: CertificateInfo;
  /** Renewals of the old certificate that do not carry the new key: worth telling the user about. */
  strayCertificates: CertificateInfo[];
  /** The last verification of the new certificate. */
  verification?: VerificationFact;
  lastTestCall?: TestCallFact;
  successfulTestCall?: TestCallFact;
}

function cn(name: DistinguishedName): string | undefined {
  return name.find((a) => a.type === 'CN')?.value;
}

function sanKey(san: SubjectAltName): string {
  return san.type === 'DNS' || san.type === 'email'
    ? `${san.type}:${san.value.toLowerCase()}`
    : `${san.type}:${san.value}`;
}

function byTime<T extends { at: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function resolveRotationEvidence(rotation: Rotation, facts: RotationFacts): RotationEvidence {
  const root = facts.workspaceRoot;
  const recorded: RotationNew = rotation.new ?? {};
  const certificates: CertificateInfo[] = [];
  const keys: PrivateKeyInfo[] = [];
  const csrs: CsrInfo[] = [];
  for (const item of facts.inventory) {
    if (item.kind === 'certificate') certificates.push(item);
    else if (item.kind === 'key') keys.push(item);
    else if (item.kind === 'csr') csrs.push(item);
    else certificates.push(...item.certificates); // a PKCS#12 bundle deploys its certificate as well
  }
  const oldSpki = rotation.old.publicKeySha256;
  const oldCertificate = certificates.find((c) => sameFingerprint(c.fingerprintSha256, rotation.old.fingerprintSha256));

  // Without the old certificate at hand only its recorded subject is left to recognise a renewal by.
  const oldCn = oldCertificate ? cn(oldCertificate.subject) : undefined;
  const oldSans = new Set((oldCertificate?.subjectAltNames ?? []).map(sanKey));
  const renews = (item: { subject: DistinguishedName; subjectAltNames: SubjectAltName[] }): boolean =>
    formatName(item.subject) === rotation.old.subject ||
    (oldCn !== undefined && cn(item.subject) === oldCn) ||
    item.subjectAltNames.some((san) => oldSans.has(sanKey(san)));

  const renewalCsrs = csrs.filter(
    (c) => c.publicKeySha256 !== oldSpki && (renews(c) || samePath(c.path, recorded.csrPath, root)),
  );
  const oldNotAfter = Date.parse(rotation.old.notAfter);
  const renewals = certificates.filter(
    (c) =>
      !c.isCA &&
      c.publicKeySha256 !== oldSpki &&
      !sameFingerprint(c.fingerprintSha256, rotation.old.fingerprintSha256) &&
      Date.parse(c.notAfter) > oldNotAfter &&
      (renews(c) || sameFingerprint(c.fingerprintSha256, recorded.fingerprintSha256)),
  );

  const otherKeys = keys.filter((k) => k.publicKeySha256 !== undefined && k.publicKeySha256 !== oldSpki);
  const newKey =
    otherKeys.find((k) => samePath(k.path, recorded.keyPath, root)) ??
    otherKeys.find((k) => recorded.publicKeySha256 !== undefined && k.publicKeySha256 === recorded.publicKeySha256) ??
    otherKeys.find((k) => renewals.some((c) => c.publicKeySha256 === k.publicKeySha256)) ??
    otherKeys.find((k) => renewalCsrs.some((c) => c.publicKeySha256 === k.publicKeySha256));
  const newKeySpki = newKey?.publicKeySha256 ?? recorded.publicKeySha256;

  const newCsr =
    renewalCsrs.find((c) => newKeySpki !== undefined && c.publicKeySha256 === newKeySpki) ??
    renewalCsrs.find((c) => samePath(c.path, recorded.csrPath, root));
  const withNewKey = renewals.filter((c) => newKeySpki !== undefined && c.publicKeySha256 === newKeySpki);
  const newCertificate =
    withNewKey.find((c) => sameFingerprint(c.fingerprintSha256, recorded.fingerprintSha256)) ??
    [...withNewKey].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];

  const verifications = newCertificate
    ? facts.verifications.filter((v) => sameFingerprint(v.fingerprintSha256, newCertificate.fingerprintSha256))
    : [];
  const fingerprint = newCertificate?.fingerprintSha256 ?? recorded.fingerprintSha256;
  const calls = byTime(facts.testCalls.filter((t) => sameFingerprint(t.certificateFingerprint, fingerprint)));
  const successful = calls.filter((t) => t.outcome === 'ok');

  return {
    ...(oldCertificate ? { oldCertificate } : {}),
    oldKeys: keys.filter((k) => k.publicKeySha256 === oldSpki),
    ...optional(
      'oldKeyFile',
      rotation.old.keyPath === undefined ? undefined : keys.find((k) => samePath(k.path, rotation.old.keyPath, root)),
    ),
    renewalCsrs,
    ...optional('newKey', newKey),
    ...optional('newKeySpki', newKeySpki),
    ...optional('newCsr', newCsr),
    ...optional('newCertificate', newCertificate),
    strayCertificates: renewals.filter((c) => !withNewKey.includes(c)),
    ...optional('verification', verifications[verifications.length - 1]),
    ...optional('lastTestCall', calls[calls.length - 1]),
    ...optional('successfulTestCall', successful[successful.length - 1]),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * What to write into `rotation.new` now that these files were seen, or undefined when the record already says it:
 * the new key may move into a secrets store outside the workspace, and the record keeps the proof it existed.
 */
export function evidencePatch(
  rotation: Rotation,
  evidence: RotationEvidence,
  workspaceRoot?: string,
): RotationPatch | undefined {
  const recorded = rotation.new ?? {};
  const seen: RotationNew = {
    ...(evidence.newKey ? { keyPath: toRecordedPath(evidence.newKey.path, workspaceRoot) } : {}),
    ...(evidence.newCsr ? { csrPath: toRecordedPath(evidence.newCsr.path, workspaceRoot) } : {}),
    ...(evidence.newCertificate
      ? { certificatePath: toRecordedPath(evidence.newCertificate.path, workspaceRoot) }
      : {}),
    ...(evidence.newKeySpki ? { publicKeySha256: evidence.newKeySpki } : {}),
    ...(evidence.newCertificate ? { fingerprintSha256: evidence.newCertificate.fingerprintSha256 } : {}),
  };
  const changed = Object.entries(seen).filter(([k, v]) => recorded[k as keyof RotationNew] !== v);
  return changed.length === 0 ? undefined : { new: Object.fromEntries(changed) };
}
