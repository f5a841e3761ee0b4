import { roleOfStage, StoreEntry, StoreRole } from '../stores/secretsStore';
import { describeDate } from '../text/describeDate';
import { sameFingerprint, shortHash } from './fingerprint';
import { ReferenceFact, StoreFact, TestCallFact } from './rotationFacts';
import { Rotation, StoreRetireRecord } from './rotationRecord';

/** A checklist outcome from the store's evidence; `action` is what the user can do next, when it is ours. */
export interface StoreOutcome {
  state: 'done' | 'todo' | 'blocked';
  evidence?: string;
  detail?: string;
  action?: 'deploy' | 'promote' | 'test-call-store' | 'find-references' | 'retire';
}

/** Where the rotation's two certificates sit in the store now. */
export interface StoreRotationState {
  oldEntry?: StoreEntry;
  newEntry?: StoreEntry;
  oldRole?: StoreRole;
  newRole?: StoreRole;
}

const ROLE_ORDER: StoreRole[] = ['current', 'pending', 'previous', 'other'];

/** The entry holding this certificate; when several versions hold it, the one services are closest to. */
function entryOf(entries: StoreEntry[], fingerprint: string | undefined): StoreEntry | undefined {
  const holding = entries.filter((e) => sameFingerprint(e.fingerprintSha256, fingerprint));
  return holding.sort((a, b) => ROLE_ORDER.indexOf(roleOfStage(a.stage)) - ROLE_ORDER.indexOf(roleOfStage(b.stage)))[0];
}

export function storeRotationState(
  rotation: Rotation,
  entries: StoreEntry[],
  newFingerprint: string | undefined,
): StoreRotationState {
  const oldEntry = entryOf(entries, rotation.old.fingerprintSha256);
  const newEntry = newFingerprint === undefined ? undefined : entryOf(entries, newFingerprint);
  return {
    ...(oldEntry ? { oldEntry, oldRole: roleOfStage(oldEntry.stage) } : {}),
    ...(newEntry ? { newEntry, newRole: roleOfStage(newEntry.stage) } : {}),
  };
}

function unlisted(fact: StoreFact): StoreOutcome {
  return {
    state: 'todo',
    detail: `store "${fact.name}" (${fact.description}) cannot be listed: ${fact.error ?? 'not listed yet'}`,
  };
}

function newName(fingerprint: string): string {
  return `the new certificate (SHA-256 ${shortHash(fingerprint, 11)})`;
}

/** The store's retire result, if the old key was retired there. */
export function storeRetireOf(rotation: Rotation, fact: StoreFact | undefined): StoreRetireRecord | undefined {
  return fact?.retire ?? rotation.storeRetire;
}

/**
 * Deployed alongside: the new pair staged and readable while the old one is still current, or, after the switch,
 * the new one current with the old one kept as previous (or retired).
 */
export function storeDeployedAlongside(
  rotation: Rotation,
  fact: StoreFact,
  newFingerprint: string | undefined,
): StoreOutcome {
  if (!fact.entries) return unlisted(fact);
  if (!newFingerprint) return { state: 'blocked', detail: 'the new certificate is not in the workspace yet' };
  const s = storeRotationState(rotation, fact.entries, newFingerprint);
  const name = `"${fact.name}"`;
  const retire = storeRetireOf(rotation, fact);
  if (s.newRole === 'pending' && s.oldRole === 'current')
    return {
      state: 'done',
      evidence: `${name} holds ${newName(newFingerprint)} as ${s.newEntry?.stage}, readable beside the old one (${s.oldEntry?.stage}) that services still get`,
    };
  if (s.newRole === 'current' && s.oldRole === 'previous')
    return {
      state: 'done',
      evidence: `${name} switched to ${newName(newFingerprint)} (${s.newEntry?.stage}); the old one is kept as ${s.oldEntry?.stage} until it is retired`,
    };
  if (s.newRole === 'current' && retire)
    return {
      state: 'done',
      evidence: `the overlap ended when the old key was retired in ${name} on ${describeDate(retire.at)}; ${newName(newFingerprint)} is current`,
    };
  if (s.newRole === 'current')
    return {
      state: 'todo',
      detail: `${newName(newFingerprint)} is current in ${name}, but the old certificate is not kept beside it (${s.oldEntry ? `its stage is ${s.oldEntry.stage}` : 'it is not in the store'})`,
    };
  if (s.newRole === 'pending')
    return {
      state: 'todo',
      detail: `${newName(newFingerprint)} is staged in ${name}, but the old certificate is not current there (${s.oldEntry ? `its stage is ${s.oldEntry.stage}` : 'it is not in the store'})`,
    };
  return {
    state: 'todo',
    detail: `${newName(newFingerprint)} is not staged in ${name} yet${s.newEntry ? ` (it is there as ${s.newEntry.stage}, which services never read)` : ''}: deploy it alongside the old one`,
    action: 'deploy',
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** All services updated: the store gives services the new pair, and no workspace file refers to the old one. */
export function storeServicesUpdated(
  rotation: Rotation,
  fact: StoreFact,
  newFingerprint: string | undefined,
  references: ReferenceFact[] | undefined,
  successfulTestCall: TestCallFact | undefined,
): StoreOutcome {
  if (!fact.entries) return unlisted(fact);
  if (!newFingerprint) return { state: 'blocked', detail: 'the new certificate is not in the workspace yet' };
  const s = storeRotationState(rotation, fact.entries, newFingerprint);
  const name = `"${fact.name}"`;
  if (s.newRole !== 'current') {
    if (!successfulTestCall)
      return {
        state: 'blocked',
        detail: `confirm the staged pair with a test call first (services in ${name} still get the old certificate)`,
        action: s.newRole === 'pending' ? 'test-call-store' : undefined,
      };
    return {
      state: 'todo',
      detail: `services in ${name} still get the old certificate: switch them to ${newName(newFingerprint)}`,
      action: s.newRole === 'pending' ? 'promote' : 'deploy',
    };
  }
  const switched = `${name} gives services ${newName(newFingerprint)} (${s.newEntry?.stage})`;
  if (references === undefined)
    return {
      state: 'todo',
      detail: `${switched}; the workspace has not been searched for references to the old certificate and key yet`,
      action: 'find-references',
    };
  if (references.length > 0)
    return {
      state: 'todo',
      detail: `${switched}, but ${plural(references.length, 'workspace reference')} to the old certificate or key ${references.length === 1 ? 'remains' : 'remain'}: ${references
        .slice(0, 3)
        .map((r) => `${r.path.split(/[\\/]/).pop() ?? r.path}:${r.line}`)
        .join(', ')}${references.length > 3 ? ', …' : ''}`,
      action: 'find-references',
    };
  return { state: 'done', evidence: `${switched} and no workspace file refers to the old certificate or key` };
}

/**
 * Old private key removed: only when the store says so. Where it cannot (`removed: false`), the item stays open
 * with the store's own reason, until a recovery window it named has passed.
 */
export function storeOldKeyRemoved(
  rotation: Rotation,
  fact: StoreFact,
  guard: { allowed: boolean; reasons: string[] },
  now: Date,
): StoreOutcome {
  const name = `"${fact.name}"`;
  const retire = storeRetireOf(rotation, fact);
  if (retire?.removed)
    return {
      state: 'done',
      evidence: `${name} removed the old private key on ${describeDate(retire.at)}: ${retire.message}`,
    };
  if (retire?.recoverableUntil && now.getTime() >= Date.parse(retire.recoverableUntil))
    return {
      state: 'done',
      evidence: `${name} scheduled the old private key for deletion on ${describeDate(retire.at)}; its recovery window ended on ${describeDate(retire.recoverableUntil)}`,
    };
  if (retire)
    return {
      state: 'todo',
      detail: `retired in ${name} on ${describeDate(retire.at)}, but the key is not gone${retire.recoverableUntil ? ` (recoverable until ${describeDate(retire.recoverableUntil)})` : ''}: ${retire.message}`,
    };
  if (!guard.allowed) return { state: 'blocked', detail: guard.reasons.join('; ') };
  return {
    state: 'todo',
    detail: `the old key can be retired in ${name} now${fact.retireMeaning ? ` (${fact.retireMeaning})` : ''}`,
    action: 'retire',
  };
}
