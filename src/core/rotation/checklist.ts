import { DAY_MS } from '../expiry';
import { describeDate } from '../text/describeDate';
import { shortHash } from './fingerprint';
import { baseName, samePath } from './recordedPath';
import { findRegisterEntry } from './register';
import { canRetireOldKey } from './retireGuard';
import { RotationFacts } from './rotationFacts';
import { RotationEvidence, resolveRotationEvidence } from './rotationEvidence';
import { Rotation, RotationPatch } from './rotationRecord';
import { storeDeployedAlongside, storeOldKeyRemoved, storeServicesUpdated } from './storeEvidence';
import { StoreFact } from './rotationFacts';

/**
 * What the user can do about a step. The adapter decides which command that is: the core names no command ids.
 */
export type ChecklistAction =
  | 'tick'
  | 'generate'
  | 'compare'
  | 'verify'
  | 'test-call'
  | 'find-references'
  | 'retire'
  | 'update-register'
  | 'deploy'
  | 'promote'
  | 'test-call-store';

export type ChecklistItemId =
  | 'reminder-received'
  | 'key-generated'
  | 'csr-created'
  | 'csr-verified'
  | 'csr-submitted'
  | 'certificate-validated'
  | 'deployed-alongside'
  | 'test-call'
  | 'services-updated'
  | 'old-key-removed'
  | 'register-updated';

export type ManualChecklistItemId = 'reminder-received' | 'csr-submitted';

export interface ChecklistItem {
  id: ChecklistItemId;
  /** The brief's wording. */
  label: string;
  /** `blocked`: a step this one depends on is not done yet (`detail` says which). */
  state: 'done' | 'todo' | 'blocked';
  /** `evidence`: ticked by what is in the workspace and the results kept; `manual`: by the user. */
  source: 'evidence' | 'manual';
  /** Why it is ticked. */
  evidence?: string;
  /** Why not, or what is missing. */
  detail?: string;
  action?: ChecklistAction;
}

/** The brief's "Certificate rotation checklist", in its order. */
export const CHECKLIST_LABELS: Readonly<Record<ChecklistItemId, string>> = {
  'reminder-received': '30-day reminder received (webhook callback)',
  'key-generated': 'New RSA-2048 key pair generated',
  'csr-created': 'CSR created with current O/OU/CN/SAN fields (updated if calling domains/IPs changed)',
  'csr-verified': 'CSR verified with openssl req -text -noout',
  'csr-submitted': 'CSR submitted via Account Management',
  'certificate-validated': 'New certificate received and validated (CA chain, dates, key-cert modulus match)',
  'deployed-alongside': 'New certificate deployed alongside old certificate (overlap period)',
  'test-call': 'Test call successful with new certificate',
  'services-updated': 'All services updated to new certificate',
  'old-key-removed': 'Old private key removed from secrets store',
  'register-updated': 'Certificate register updated with new expiry date',
};

/**
 * The brief's recovery path replaces the trigger when the certificate has lapsed: no reminder will come, and the
 * first thing to do is the ticket. Same id, so completion and the tick command treat it as the reminder step.
 */
export const RECOVERY_TICKET_LABEL = 'Support ticket raised immediately, classified as priority: 1 (Critical)';

/**
 * A rotation is on the recovery path when the old certificate expired before it started or has expired since,
 * unless the reminder was ticked while the certificate was still valid (that rotation did start from the trigger).
 */
function onRecoveryPath(rotation: Rotation, now: Date): boolean {
  const expiry = Date.parse(rotation.old.notAfter);
  if (!(expiry <= now.getTime())) return false;
  const ticked = rotation.manual.reminderReceived;
  return ticked === undefined || !(Date.parse(ticked) < expiry);
}

function recoveryTicket(rotation: Rotation): Outcome {
  const ticked = rotation.manual.reminderReceived;
  if (ticked) return done(`ticked on ${describeDate(ticked)}`);
  return todo(
    `the old certificate expired on ${describeDate(rotation.old.notAfter)}: raise the ticket first (Copy Priority-1 Support Ticket copies its text), then generate a new key pair and CSR and submit it via Account Management (or to the account team if Account Management is inaccessible with the expired credential); tick this once the ticket is raised`,
  );
}

const MANUAL_FIELDS = { 'reminder-received': 'reminderReceived', 'csr-submitted': 'csrSubmitted' } as const;

/** The patch that ticks (or unticks) a step only the user can confirm. */
export function manualChecklistPatch(id: ManualChecklistItemId, ticked: boolean, now: Date): RotationPatch {
  return { manual: { [MANUAL_FIELDS[id]]: ticked ? now.toISOString() : null } };
}

type Outcome = Pick<ChecklistItem, 'state' | 'evidence' | 'detail'> & { action?: ChecklistAction };

const done = (evidence: string): Outcome => ({ state: 'done', evidence });
const todo = (detail: string): Outcome => ({ state: 'todo', detail });
const blocked = (detail: string): Outcome => ({ state: 'blocked', detail });

function days(iso: string, now: Date): string {
  const n = Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);
  if (n < 0) return 'expired';
  return `${n} ${n === 1 ? 'day' : 'days'} left`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function keyGenerated(rotation: Rotation, e: RotationEvidence): Outcome {
  const oldSpki = `SPKI ${shortHash(rotation.old.publicKeySha256)}`;
  const key = e.newKey;
  if (!key) {
    if (e.newKeySpki)
      return done(
        `new key SPKI ${shortHash(e.newKeySpki)} recorded when it was generated (its file is no longer in the workspace); it differs from the old key (${oldSpki})`,
      );
    return todo(
      e.renewalCsrs.length
        ? `${baseName(e.renewalCsrs[0].path)} renews the certificate, but no key file for it is in the workspace`
        : 'no key in the workspace differs from the old key and belongs to a renewal CSR',
    );
  }
  const described = `${baseName(key.path)} (${key.keyType ?? 'unknown'}${key.keyBits ? `-${key.keyBits}` : ''}, SPKI ${shortHash(key.publicKeySha256 ?? '')})`;
  if (key.keyType !== 'RSA' || (key.keyBits ?? 0) < 2048) {
    return todo(`${described} is the new key, but the provider asks for RSA with at least 2048 bits`);
  }
  const csr =
    e.newCsr && e.newCsr.publicKeySha256 === key.publicKeySha256 ? ` and matches ${baseName(e.newCsr.path)}` : '';
  const certificate = !csr && e.newCertificate ? ` and matches ${baseName(e.newCertificate.path)}` : '';
  return done(
    `${described} differs from the old key (${oldSpki})${csr || certificate || " (recorded as the rotation's new key)"}`,
  );
}

function csrCreated(e: RotationEvidence): Outcome {
  if (e.newCsr) {
    const cn = e.newCsr.subject.find((a) => a.type === 'CN')?.value;
    return done(
      `${baseName(e.newCsr.path)} requests ${cn === undefined ? 'the subject' : `CN=${cn}`} with ${plural(e.newCsr.subjectAltNames.length, 'SAN')} for the new key (SPKI ${shortHash(e.newCsr.publicKeySha256)})`,
    );
  }
  if (!e.newKeySpki) return blocked('generate the new key pair first');
  return todo(
    e.renewalCsrs.length
      ? `${baseName(e.renewalCsrs[0].path)} renews the certificate but for another key than the new one`
      : "no CSR for the new key with the certificate's subject, CN or SANs is in the workspace",
  );
}

function csrVerified(facts: RotationFacts, e: RotationEvidence): Outcome {
  if (e.renewalCsrs.length === 0) return blocked('create the renewal CSR first');
  const candidates = e.newCsr ? [e.newCsr, ...e.renewalCsrs.filter((c) => c !== e.newCsr)] : e.renewalCsrs;
  const lastComparison = (path: string) =>
    facts.csrComparisons.filter((c) => samePath(c.csrPath, path, facts.workspaceRoot)).at(-1);
  const passed = candidates.find((csr) => lastComparison(csr.path)?.errors === 0);
  if (passed) {
    const result = lastComparison(passed.path);
    return done(
      `${baseName(passed.path)} compared with the old certificate: 0 errors, ${plural(result?.warnings ?? 0, 'warning')}`,
    );
  }
  const first = candidates[0];
  const last = lastComparison(first.path);
  return todo(
    last
      ? `${baseName(first.path)} compared with the old certificate: ${plural(last.errors, 'error')}, ${plural(last.warnings, 'warning')}`
      : `${baseName(first.path)} has not been compared with the old certificate yet`,
  );
}

function certificateValidated(rotation: Rotation, e: RotationEvidence): Outcome {
  const c = e.newCertificate;
  if (!c) {
    const stray = e.strayCertificates[0];
    if (stray) return todo(`${baseName(stray.path)} renews the certificate but does not carry the new key`);
    if (!e.newKeySpki) return blocked('generate the new key pair first');
    return rotation.manual.csrSubmitted
      ? todo(
          `waiting for the signed certificate (the CSR was submitted on ${describeDate(rotation.manual.csrSubmitted)}; typically ~24 hours)`,
        )
      : blocked('submit the CSR first');
  }
  const what = `${baseName(c.path)} (SHA-256 ${shortHash(c.fingerprintSha256, 11)}, expires ${describeDate(c.notAfter)})`;
  if (!e.verification) return todo(`${what} carries the new key but has not been verified yet`);
  if (!e.verification.allOk) {
    const failed = e.verification.checks.filter((k) => !k.ok).map((k) => k.name);
    return todo(`${what}: verification failed${failed.length ? ` (${failed.join(', ')})` : ''}`);
  }
  return done(
    `${what} carries the new key and ends after the old one; verified: ${e.verification.checks.map((k) => k.name).join(', ') || 'all checks ok'}`,
  );
}

function deployedAlongside(rotation: Rotation, e: RotationEvidence, now: Date): Outcome {
  const c = e.newCertificate;
  if (!c) return blocked('the new certificate is not in the workspace yet');
  if (e.oldCertificate) {
    return done(
      `${baseName(e.oldCertificate.path)} (expires ${describeDate(e.oldCertificate.notAfter)}, ${days(e.oldCertificate.notAfter, now)}) and ${baseName(c.path)} (expires ${describeDate(c.notAfter)}) are both in the workspace`,
    );
  }
  if (rotation.retiredAt)
    return done(
      `the overlap ended when the old key was retired on ${describeDate(rotation.retiredAt)}; ${baseName(c.path)} is in place`,
    );
  return todo(
    `the old certificate (${baseName(rotation.old.certificatePath)}) is no longer in the workspace: keep it deployed beside ${baseName(c.path)} until the new one is confirmed`,
  );
}

function testCall(e: RotationEvidence): Outcome {
  const ok = e.successfulTestCall;
  if (ok)
    return done(
      `ok${ok.status === undefined ? '' : ` (HTTP ${ok.status})`} on ${describeDate(ok.at)} with only the new certificate (SHA-256 ${shortHash(ok.certificateFingerprint, 11)})`,
    );
  if (!e.newCertificate) return blocked('the new certificate is not in the workspace yet');
  const last = e.lastTestCall;
  return todo(
    last
      ? `the last test call with ${baseName(e.newCertificate.path)} (${describeDate(last.at)}) ended in ${last.outcome}${last.status === undefined ? '' : ` (HTTP ${last.status})`}`
      : `no test call with ${baseName(e.newCertificate.path)} yet`,
  );
}

function servicesUpdated(facts: RotationFacts, e: RotationEvidence): Outcome {
  const refs = facts.oldReferences;
  if (refs && refs.length === 0)
    return done('no workspace file refers to the old certificate or key by path or fingerprint');
  if (!e.successfulTestCall) return blocked('confirm the new certificate with a test call first');
  if (refs === undefined)
    return todo('the workspace has not been searched for references to the old certificate and key yet');
  const shown = refs
    .slice(0, 3)
    .map((r) => `${baseName(r.path)}:${r.line}`)
    .join(', ');
  return todo(
    `${plural(refs.length, 'reference')} to the old certificate or key ${refs.length === 1 ? 'remains' : 'remain'}: ${shown}${refs.length > 3 ? ', …' : ''}`,
  );
}

function oldKeyRemoved(rotation: Rotation, facts: RotationFacts, e: RotationEvidence, now: Date): Outcome {
  const left = [
    ...e.oldKeys,
    ...(e.oldKeyFile && !e.oldKeys.includes(e.oldKeyFile) && e.oldKeyFile.publicKeySha256 === undefined
      ? [e.oldKeyFile]
      : []),
  ];
  if (rotation.retiredAt && left.length === 0) {
    return done(
      `retired on ${describeDate(rotation.retiredAt)}; no file in the workspace holds the old key (SPKI ${shortHash(rotation.old.publicKeySha256)}) any more`,
    );
  }
  if (rotation.retiredAt)
    return todo(
      `retired on ${describeDate(rotation.retiredAt)}, but ${left.map((k) => baseName(k.path)).join(', ')} still ${left.length === 1 ? 'holds' : 'hold'} the old key`,
    );
  const guard = canRetireOldKey(rotation, facts, now);
  if (!guard.allowed) return blocked(guard.reasons.join('; '));
  return todo(`${guard.keyPath ? baseName(guard.keyPath) : 'the old key'} can be retired now`);
}

function registerUpdated(rotation: Rotation, facts: RotationFacts, e: RotationEvidence): Outcome {
  const fingerprint = e.newCertificate?.fingerprintSha256 ?? rotation.new?.fingerprintSha256;
  if (!fingerprint) return blocked('the new certificate is not in the workspace yet');
  if (!facts.register) return todo('there is no certificate register yet');
  const entry = findRegisterEntry(facts.register, fingerprint);
  if (!entry) return todo(`the register has no entry for the new certificate (SHA-256 ${shortHash(fingerprint, 11)})`);
  if (e.newCertificate && Date.parse(entry.expiresAt) !== Date.parse(e.newCertificate.notAfter)) {
    return todo(
      `the register's entry "${entry.name}" says it expires ${describeDate(entry.expiresAt)}, but the certificate says ${describeDate(e.newCertificate.notAfter)}`,
    );
  }
  return done(
    `"${entry.name}" (SHA-256 ${shortHash(fingerprint, 11)}) is registered, expiring ${describeDate(entry.expiresAt)}`,
  );
}

function manual(rotation: Rotation, id: ManualChecklistItemId, blockedBy?: string): Outcome {
  const ticked = rotation.manual[MANUAL_FIELDS[id]];
  if (ticked) return done(`ticked on ${describeDate(ticked)}`);
  return blockedBy ? blocked(blockedBy) : todo('tick this once it has happened');
}

/**
 * The brief's checklist for one rotation. Evidence items are ticked only by what the facts show, never by
 * having run a command; the two steps that happen outside the workspace are ticked by the user.
 */
export function evaluateChecklist(rotation: Rotation, facts: RotationFacts, now: Date): ChecklistItem[] {
  const e = resolveRotationEvidence(rotation, facts);
  // A rotation whose old pair lives in a store is deployed, switched and retired there: its evidence counts.
  const store: StoreFact | undefined =
    rotation.store === undefined
      ? undefined
      : (facts.store ?? {
          name: rotation.store,
          description: rotation.store,
          error: 'it is not configured in mtlsRotation.stores',
        });
  const newFingerprint = e.newCertificate?.fingerprintSha256 ?? rotation.new?.fingerprintSha256;
  const recovery = onRecoveryPath(rotation, now);
  const csrReady = e.newCsr !== undefined || e.renewalCsrs.length > 0 || rotation.new?.csrPath !== undefined;
  const outcomes: Array<[ChecklistItemId, 'evidence' | 'manual', Outcome, ChecklistAction | undefined]> = [
    [
      'reminder-received',
      'manual',
      recovery ? recoveryTicket(rotation) : manual(rotation, 'reminder-received'),
      'tick',
    ],
    ['key-generated', 'evidence', keyGenerated(rotation, e), 'generate'],
    ['csr-created', 'evidence', csrCreated(e), 'generate'],
    ['csr-verified', 'evidence', csrVerified(facts, e), 'compare'],
    [
      'csr-submitted',
      'manual',
      manual(rotation, 'csr-submitted', csrReady ? undefined : 'create the renewal CSR first'),
      'tick',
    ],
    ['certificate-validated', 'evidence', certificateValidated(rotation, e), 'verify'],
    // Deployment happens in the team's own infrastructure; no command of ours performs it.
    [
      'deployed-alongside',
      'evidence',
      store ? storeDeployedAlongside(rotation, store, newFingerprint) : deployedAlongside(rotation, e, now),
      undefined,
    ],
    ['test-call', 'evidence', testCall(e), store ? 'test-call-store' : 'test-call'],
    [
      'services-updated',
      'evidence',
      store
        ? storeServicesUpdated(rotation, store, newFingerprint, facts.oldReferences, e.successfulTestCall)
        : servicesUpdated(facts, e),
      'find-references',
    ],
    [
      'old-key-removed',
      'evidence',
      store
        ? storeOldKeyRemoved(rotation, store, canRetireOldKey(rotation, facts, now), now)
        : oldKeyRemoved(rotation, facts, e, now),
      'retire',
    ],
    ['register-updated', 'evidence', registerUpdated(rotation, facts, e), 'update-register'],
  ];
  return outcomes.map(([id, source, { action: next, ...outcome }, action]) => ({
    id,
    label: id === 'reminder-received' && recovery ? RECOVERY_TICKET_LABEL : CHECKLIST_LABELS[id],
    source,
    ...outcome,
    ...((next ?? action) ? { action: next ?? action } : {}),
  }));
}
