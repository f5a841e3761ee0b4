import { formatName } from '../x509/formatName';
import { CertificateInfo, DistinguishedName, SubjectAltName } from '../model';
import { describeDate } from '../text/describeDate';
import { shortHash } from './fingerprint';
import { baseName, resolveRecordedPath } from './recordedPath';
import { RotationFacts } from './rotationFacts';
import { resolveRotationEvidence } from './rotationEvidence';
import { Rotation } from './rotationRecord';
import { storeRotationState } from './storeEvidence';

export interface RetireDecision {
  allowed: boolean;
  /** Why not, each naming the file, certificate or call concerned; empty when allowed. */
  reasons: string[];
  /** Reasons the override waived: what the user is accepting by overriding. */
  overridden: string[];
  /** The file to delete (the inventory's path), when it was found. */
  keyPath?: string;
  /** Other files holding the same old key: the key is retired only once they are gone too. */
  otherCopies: string[];
}

function cn(name: DistinguishedName): string | undefined {
  return name.find((a) => a.type === 'CN')?.value;
}

function sanKey(san: SubjectAltName): string {
  return san.type === 'DNS' || san.type === 'email'
    ? `${san.type}:${san.value.toLowerCase()}`
    : `${san.type}:${san.value}`;
}

function renews(candidate: CertificateInfo, certificate: CertificateInfo): boolean {
  if (
    candidate.publicKeySha256 === certificate.publicKeySha256 ||
    Date.parse(candidate.notAfter) <= Date.parse(certificate.notAfter)
  )
    return false;
  if (formatName(candidate.subject) === formatName(certificate.subject)) return true;
  const name = cn(certificate.subject);
  if (name !== undefined && cn(candidate.subject) === name) return true;
  const sans = new Set(certificate.subjectAltNames.map(sanKey));
  return candidate.subjectAltNames.some((s) => sans.has(sanKey(s)));
}

function validAt(certificate: CertificateInfo, now: Date): boolean {
  return Date.parse(certificate.notBefore) <= now.getTime() && now.getTime() < Date.parse(certificate.notAfter);
}

/**
 * Whether the old key file may be deleted now. The brief's order is strict: the old key goes only once the new
 * certificate is verified and a test call with it succeeded; `override` waives that (and the stranding rule) for
 * people who know better, but never the check that the file still holds the old key.
 */
export function canRetireOldKey(
  rotation: Rotation,
  facts: RotationFacts,
  now: Date,
  options: { override?: boolean } = {},
): RetireDecision {
  const evidence = resolveRotationEvidence(rotation, facts);
  const hard: string[] = [];
  const soft: string[] = [];
  const recordedPath = rotation.old.keyPath;
  const file = evidence.oldKeyFile;
  const oldSpki = rotation.old.publicKeySha256;

  if (rotation.retiredAt !== undefined)
    hard.push(`the old key was already retired on ${describeDate(rotation.retiredAt)}`);
  if (rotation.store !== undefined) {
    // The old key lives in the store: what matters is where the store has it, not a workspace file.
    hard.push(
      ...storeRetireBlockers(
        rotation,
        facts,
        evidence.newCertificate?.fingerprintSha256 ?? rotation.new?.fingerprintSha256,
      ),
    );
  } else if (recordedPath === undefined) {
    hard.push('the rotation records no old key file (old.keyPath), so there is no file to retire');
  } else if (!file) {
    hard.push(
      `${recordedPath} is not in the inventory as a key: it was moved, deleted or changed since the rotation started`,
    );
  } else if (file.publicKeySha256 === undefined) {
    hard.push(
      `${baseName(file.path)} is encrypted, so its key could not be compared with the old certificate's (SPKI ${shortHash(oldSpki)})`,
    );
  } else if (file.publicKeySha256 !== oldSpki) {
    hard.push(
      `${baseName(file.path)} no longer holds the old key (SPKI ${shortHash(file.publicKeySha256)} instead of ${shortHash(oldSpki)}): the file has changed since the rotation started`,
    );
  }

  const fresh = evidence.newCertificate;
  if (!fresh) {
    const stray = evidence.strayCertificates[0];
    soft.push(
      stray
        ? `${baseName(stray.path)} renews the old certificate but does not carry the new key${evidence.newKeySpki ? ` (SPKI ${shortHash(evidence.newKeySpki)})` : ''}, so no new certificate is verified yet`
        : `no new certificate for ${rotation.old.subject || 'the old subject'} that ends after ${describeDate(rotation.old.notAfter)} and carries the new key is in the workspace, so none is verified yet`,
    );
  } else if (!evidence.verification) {
    soft.push(`the new certificate ${baseName(fresh.path)} has not been verified yet (CA chain, dates, key match)`);
  } else if (!evidence.verification.allOk) {
    const failed = evidence.verification.checks.filter((c) => !c.ok).map((c) => c.name);
    soft.push(
      `verification of the new certificate ${baseName(fresh.path)} failed${failed.length ? `: ${failed.join(', ')}` : ''}`,
    );
  }
  if (!evidence.successfulTestCall) {
    const last = evidence.lastTestCall;
    const which = fresh ? ` ${baseName(fresh.path)}` : '';
    soft.push(
      last
        ? `no test call with the new certificate${which} succeeded; the last one (${describeDate(last.at)}) ended in ${last.outcome}${last.status === undefined ? '' : ` (HTTP ${last.status})`}`
        : `no test call with the new certificate${which} has been made yet`,
    );
  }

  // Deleting the last copy of a key strands every still-valid certificate issued for it that nothing replaces yet.
  if (rotation.store === undefined && file && file.publicKeySha256 === oldSpki && evidence.oldKeys.length <= 1) {
    const certificates = facts.inventory.flatMap((i) =>
      i.kind === 'certificate' ? [i] : i.kind === 'pkcs12' ? i.certificates : [],
    );
    const stranded = certificates.filter(
      (c) =>
        c.publicKeySha256 === oldSpki && validAt(c, now) && !certificates.some((r) => validAt(r, now) && renews(r, c)),
    );
    const seen = new Set<string>();
    for (const c of stranded) {
      if (seen.has(c.fingerprintSha256)) continue;
      seen.add(c.fingerprintSha256);
      soft.push(
        `${baseName(file.path)} is the only key of ${baseName(c.path)} (${formatName(c.subject) || c.fingerprintSha256}), which is valid until ${describeDate(c.notAfter)} and not yet replaced by a valid certificate: deleting it leaves that certificate unusable`,
      );
    }
  }

  const override = options.override === true;
  const reasons = [...hard, ...(override ? [] : soft)];
  const keyPath =
    rotation.store !== undefined
      ? undefined
      : (file?.path ??
        (recordedPath === undefined ? undefined : resolveRecordedPath(recordedPath, facts.workspaceRoot)));
  return {
    allowed: reasons.length === 0,
    reasons,
    overridden: override ? soft : [],
    ...(keyPath === undefined ? {} : { keyPath }),
    otherCopies: rotation.store !== undefined ? [] : evidence.oldKeys.filter((k) => k !== file).map((k) => k.path),
  };
}

/** What stops retiring the old key in the rotation's store: it must be there, and services must no longer get it. */
function storeRetireBlockers(rotation: Rotation, facts: RotationFacts, newFingerprint: string | undefined): string[] {
  const fact = facts.store;
  const name = `"${rotation.store}"`;
  if (!fact || !fact.entries)
    return [`store ${name} cannot be listed: ${fact?.error ?? 'it is not configured in mtlsRotation.stores'}`];
  if (rotation.storeRetire && rotation.retiredAt === undefined)
    return [`the old key was already retired in ${name} on ${describeDate(rotation.storeRetire.at)}`];
  const { oldEntry, oldRole, newRole } = storeRotationState(rotation, fact.entries, newFingerprint);
  if (!oldEntry)
    return [
      `the old certificate (SHA-256 ${shortHash(rotation.old.fingerprintSha256, 11)}) is not in store ${name}: there is nothing to retire there`,
    ];
  if (oldRole === 'current' || oldRole === 'pending')
    return [`services in ${name} still get the old certificate (${oldEntry.stage}): switch them to the new one first`];
  if (newRole !== 'current')
    return [
      `the new certificate is not current in ${name}: retiring the old key now would leave services without a working pair`,
    ];
  return [];
}
