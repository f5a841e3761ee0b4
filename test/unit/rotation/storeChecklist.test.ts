import * as assert from 'assert';
import { ChecklistItem, ChecklistItemId, evaluateChecklist } from '../../../src/core/rotation/checklist';
import { canRetireOldKey } from '../../../src/core/rotation/retireGuard';
import { RotationFacts, StoreFact } from '../../../src/core/rotation/rotationFacts';
import {
  emptyRotationFile,
  parseRotationFile,
  Rotation,
  serializeRotationFile,
  startRotation,
  updateRotation,
} from '../../../src/core/rotation/rotationRecord';
import { StoreEntry, StoreStage } from '../../../src/core/stores/secretsStore';
import { CertificateInfo } from '../../../src/core/model';
import { formatName } from '../../../src/core/x509/formatName';
import { ROOT } from './builders';
import { facts, newCert, newKey, NOW, okCall, oldCert, STARTED, verified } from './scenario';

// The rotation's old pair lives in a secrets store: deployment, switch and retire are ticked by what the store
// lists and says, not by workspace files.

function entry(
  certificate: CertificateInfo,
  stage: StoreStage,
  id = `${certificate.serialNumber}-${stage}`,
): StoreEntry {
  return {
    id,
    stage,
    versionId: id,
    fingerprintSha256: certificate.fingerprintSha256,
    notAfter: certificate.notAfter,
    subject: formatName(certificate.subject),
    serialNumber: certificate.serialNumber,
    publicKeySha256: certificate.publicKeySha256,
    certificate: { ...certificate, path: `aws-sm:program-a@${id}` },
  };
}

function store(entries: StoreEntry[] | undefined, more: Partial<StoreFact> = {}): StoreFact {
  return {
    name: 'program-a',
    description: 'aws-sm:program-a?layout=staged',
    ...(entries ? { entries } : {}),
    ...more,
  };
}

/** A rotation started from the store entry: no old key file in the workspace. */
function storeRotation(): Rotation {
  return startRotation(emptyRotationFile(), entry(oldCert, 'current').certificate, undefined, STARTED, {
    workspaceRoot: ROOT,
    store: 'program-a',
  }).rotation;
}

function patched(r: Rotation, patch: Parameters<typeof updateRotation>[2]): Rotation {
  return updateRotation({ ...emptyRotationFile(), rotations: [r] }, r.id, patch).rotations[0];
}

/** The new pair generated, verified and tested in the workspace; the old one only in the store. */
function withStore(fact: StoreFact, more: Partial<RotationFacts> = {}): RotationFacts {
  return facts([newCert, newKey], { verifications: [verified], testCalls: [okCall], store: fact, ...more });
}

function item(id: ChecklistItemId, r: Rotation, f: RotationFacts, now = NOW): ChecklistItem {
  const found = evaluateChecklist(r, f, now).find((i) => i.id === id);
  assert.ok(found, id);
  return found;
}

describe('checklist evidence from a secrets store', () => {
  it('records the store a rotation names, in the canonical order, and reads it back', () => {
    const r = storeRotation();
    assert.strictEqual(r.store, 'program-a');
    const retired = patched(r, {
      retiredAt: NOW.toISOString(),
      storeRetire: {
        removed: false,
        recoverable: true,
        message: 'stays readable by its VersionId',
        at: NOW.toISOString(),
      },
    });
    const text = serializeRotationFile({ ...emptyRotationFile(), rotations: [retired] });
    assert.deepStrictEqual(Object.keys(JSON.parse(text).rotations[0]), [
      'id',
      'startedAt',
      'old',
      'store',
      'manual',
      'retiredAt',
      'storeRetire',
    ]);
    assert.deepStrictEqual(parseRotationFile(text).rotations[0], retired);
    assert.throws(
      () => parseRotationFile(text.replace('"removed": false', '"removed": "no"')),
      /removed/,
      'a hand-edited retire result that is not a boolean is refused',
    );
  });

  it('deployed alongside: only once the new pair is staged while the old one is current, or switched with the old kept as previous', () => {
    const r = storeRotation();
    const notYet = item('deployed-alongside', r, withStore(store([entry(oldCert, 'current')])));
    assert.strictEqual(notYet.state, 'todo');
    assert.match(notYet.detail ?? '', /not staged in "program-a" yet/);
    assert.strictEqual(notYet.action, 'deploy');

    const staged = item(
      'deployed-alongside',
      r,
      withStore(store([entry(oldCert, 'current'), entry(newCert, 'pending')])),
    );
    assert.strictEqual(staged.state, 'done');
    assert.match(staged.evidence ?? '', /as pending, readable beside the old one \(current\)/);

    const switched = item(
      'deployed-alongside',
      r,
      withStore(store([entry(oldCert, 'previous'), entry(newCert, 'current')])),
    );
    assert.strictEqual(switched.state, 'done');
    assert.match(switched.evidence ?? '', /kept as previous/);

    // The directory store's names play the same roles.
    const directory = item('deployed-alongside', r, withStore(store([entry(oldCert, 'live'), entry(newCert, 'next')])));
    assert.strictEqual(directory.state, 'done');

    // Two workspace files are no evidence for a store rotation.
    const filesOnly = item(
      'deployed-alongside',
      r,
      facts([oldCert, newCert, newKey], { store: store([entry(oldCert, 'current')]) }),
    );
    assert.strictEqual(filesOnly.state, 'todo');

    const replacedOutright = item('deployed-alongside', r, withStore(store([entry(newCert, 'current')])));
    assert.strictEqual(replacedOutright.state, 'todo', 'no overlap was kept: the old one is not beside the new one');
    assert.match(replacedOutright.detail ?? '', /not kept beside it/);
  });

  it('an unreachable store leaves the items open with its message, never done', () => {
    const r = storeRotation();
    const down = withStore(store(undefined, { error: 'store-unreachable: connect ECONNREFUSED 127.0.0.1:9' }));
    for (const id of ['deployed-alongside', 'services-updated'] as const) {
      const found = item(id, r, down);
      assert.strictEqual(found.state, 'todo', id);
      assert.match(found.detail ?? '', /cannot be listed: store-unreachable: connect ECONNREFUSED/);
    }
    assert.strictEqual(item('old-key-removed', r, down).state, 'blocked');

    const notConfigured = item('deployed-alongside', r, facts([newCert, newKey]));
    assert.match(notConfigured.detail ?? '', /not configured in mtlsRotation.stores/);
  });

  it('all services updated: promoted (new is current) and no workspace reference left', () => {
    const r = storeRotation();
    const stagedEntries = [entry(oldCert, 'current'), entry(newCert, 'pending')];
    const untested = item('services-updated', r, withStore(store(stagedEntries), { testCalls: [] }));
    assert.strictEqual(untested.state, 'blocked');
    assert.strictEqual(untested.action, 'test-call-store');

    const staged = item('services-updated', r, withStore(store(stagedEntries), { oldReferences: [] }));
    assert.strictEqual(staged.state, 'todo', 'no reference left is not enough while services get the old pair');
    assert.match(staged.detail ?? '', /still get the old certificate: switch/);
    assert.strictEqual(staged.action, 'promote');

    const switchedEntries = [entry(oldCert, 'previous'), entry(newCert, 'current')];
    const unsearched = item('services-updated', r, withStore(store(switchedEntries)));
    assert.strictEqual(unsearched.state, 'todo');
    assert.strictEqual(unsearched.action, 'find-references');
    const referenced = item(
      'services-updated',
      r,
      withStore(store(switchedEntries), {
        oldReferences: [{ path: `${ROOT}/deploy/service.yaml`, line: 3, match: 'program-a.crt' }],
      }),
    );
    assert.strictEqual(referenced.state, 'todo');
    assert.match(
      referenced.detail ?? '',
      /1 workspace reference to the old certificate or key remains: service.yaml:3/,
    );

    const done = item('services-updated', r, withStore(store(switchedEntries), { oldReferences: [] }));
    assert.strictEqual(done.state, 'done');
    assert.match(done.evidence ?? '', /gives services the new certificate .* \(current\) and no workspace file refers/);
  });

  it('the retire guard for a store: the old pair must be there and no longer current; the workspace file rules do not apply', () => {
    const r = storeRotation();
    const staged = canRetireOldKey(r, withStore(store([entry(oldCert, 'current'), entry(newCert, 'pending')])), NOW);
    assert.strictEqual(staged.allowed, false);
    assert.match(
      staged.reasons.join('\n'),
      /services in "program-a" still get the old certificate \(current\): switch/,
    );
    assert.ok(
      !staged.reasons.some((reason) => /old.keyPath|not in the inventory/.test(reason)),
      staged.reasons.join('\n'),
    );

    const switched = withStore(store([entry(oldCert, 'previous'), entry(newCert, 'current')]));
    const ready = canRetireOldKey(r, switched, NOW);
    assert.deepStrictEqual(ready.reasons, []);
    assert.strictEqual(ready.allowed, true);
    assert.strictEqual(ready.keyPath, undefined, 'no workspace file is deleted for a store rotation');

    const untested = canRetireOldKey(r, { ...switched, testCalls: [] }, NOW);
    assert.match(untested.reasons.join('\n'), /no test call with the new certificate/, 'the same guard as for files');

    const gone = canRetireOldKey(r, withStore(store([entry(newCert, 'current')])), NOW);
    assert.match(gone.reasons.join('\n'), /not in store "program-a": there is nothing to retire/);
  });

  it('old private key removed: only when the store says removed; a recoverable key keeps the item open with the reason', () => {
    const r = storeRotation();
    const switched = withStore(store([entry(oldCert, 'previous'), entry(newCert, 'current')]));
    const before = item('old-key-removed', r, switched);
    assert.strictEqual(before.state, 'todo');
    assert.strictEqual(before.action, 'retire');
    assert.match(before.detail ?? '', /can be retired in "program-a" now/);

    const at = '2025-03-06T11:00:00.000Z';
    const stagedMessage =
      'the labels were removed, but AWS cannot delete one version: it stays readable by its VersionId; use the generation layout to really delete';
    const staged = patched(r, {
      retiredAt: at,
      storeRetire: { removed: false, recoverable: true, message: stagedMessage, at },
    });
    const afterStaged = item(
      'old-key-removed',
      staged,
      withStore(store([entry(oldCert, 'none'), entry(newCert, 'current')])),
    );
    assert.strictEqual(afterStaged.state, 'todo');
    assert.match(afterStaged.detail ?? '', /but the key is not gone: the labels were removed, .*generation layout/);

    const windowed = patched(r, {
      retiredAt: at,
      storeRetire: {
        removed: false,
        recoverable: true,
        recoverableUntil: '2025-03-13T11:00:00.000Z',
        message: 'scheduled for deletion',
        at,
      },
    });
    const during = item('old-key-removed', windowed, withStore(store([entry(newCert, 'current')])));
    assert.strictEqual(during.state, 'todo');
    assert.match(during.detail ?? '', /recoverable until 2025-03-13 11:00 UTC/);
    const after = item(
      'old-key-removed',
      windowed,
      withStore(store([entry(newCert, 'current')])),
      new Date('2025-03-13T11:00:00.000Z'),
    );
    assert.strictEqual(after.state, 'done');
    assert.match(after.evidence ?? '', /recovery window ended on 2025-03-13 11:00 UTC/);

    const forced = patched(r, {
      retiredAt: at,
      storeRetire: { removed: true, recoverable: false, message: 'deleted without recovery', at },
    });
    const removed = item('old-key-removed', forced, withStore(store([entry(newCert, 'current')])));
    assert.strictEqual(removed.state, 'done');
    assert.match(
      removed.evidence ?? '',
      /"program-a" removed the old private key on 2025-03-06 11:00 UTC: deleted without recovery/,
    );
    // Deployed alongside stays ticked once the overlap ended with the retire.
    assert.strictEqual(item('deployed-alongside', forced, withStore(store([entry(newCert, 'current')]))).state, 'done');
  });

  it('without a store, the workspace-file rules stay as they were', () => {
    const plain = startRotation(emptyRotationFile(), oldCert, undefined, STARTED, { workspaceRoot: ROOT }).rotation;
    const both = item('deployed-alongside', plain, facts([oldCert, newCert, newKey], { store: store([]) }));
    assert.strictEqual(both.state, 'done', 'a store fact without rotation.store is ignored');
    assert.strictEqual(both.action, undefined);
  });
});
