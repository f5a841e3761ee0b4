import * as assert from 'assert';
import { ChecklistItem, evaluateChecklist, manualChecklistPatch } from '../../../src/core/rotation/checklist';
import { nextStep } from '../../../src/core/rotation/nextStep';
import { emptyRotationFile, Rotation, updateRotation } from '../../../src/core/rotation/rotationRecord';
import { facts, newCert, newCsr, newKey, NOW, oldCert, oldKey, readyToRetire, rotation, verified } from './scenario';

function ticked(r: Rotation, ...ids: Array<'reminder-received' | 'csr-submitted'>): Rotation {
  let file = { ...emptyRotationFile(), rotations: [r] };
  for (const id of ids) file = updateRotation(file, r.id, manualChecklistPatch(id, true, NOW));
  return file.rotations[0];
}

const compared = { csrPath: newCsr.path, errors: 0, warnings: 0 };

describe('nextStep', () => {
  it('starts with the trigger: tick the 30-day reminder', () => {
    const step = nextStep(evaluateChecklist(rotation(), facts([oldCert, oldKey]), NOW));
    assert.deepStrictEqual(step, {
      kind: 'tick',
      itemId: 'reminder-received',
      action: 'tick',
      button: 'Mark as Done: 30-day reminder received (webhook callback)',
      detail: 'tick this once it has happened',
    });
  });

  it('then generates the key and CSR, compares it, then asks for it to be submitted', () => {
    const r = ticked(rotation(), 'reminder-received');
    const generate = nextStep(evaluateChecklist(r, facts([oldCert, oldKey]), NOW));
    assert.strictEqual(generate.kind, 'command');
    assert.ok(generate.kind === 'command' && generate.action === 'generate');
    assert.ok(generate.kind === 'command' && generate.button === 'Generate Key and CSR');
    const compare = nextStep(evaluateChecklist(r, facts([oldCert, oldKey, newKey, newCsr]), NOW));
    assert.ok(compare.kind === 'command' && compare.action === 'compare', JSON.stringify(compare));
    assert.ok(compare.kind === 'command' && compare.button === 'Compare CSR with Certificate');
    const submit = nextStep(
      evaluateChecklist(r, facts([oldCert, oldKey, newKey, newCsr], { csrComparisons: [compared] }), NOW),
    );
    assert.strictEqual(submit.kind, 'tick');
    assert.ok(submit.kind === 'tick' && submit.itemId === 'csr-submitted');
  });

  it('offers verification once the certificate arrives, and a test call once it is verified', () => {
    const r = ticked(rotation(), 'reminder-received', 'csr-submitted');
    const verify = nextStep(
      evaluateChecklist(r, facts([oldCert, oldKey, newKey, newCsr, newCert], { csrComparisons: [compared] }), NOW),
    );
    assert.ok(verify.kind === 'command' && verify.action === 'verify', JSON.stringify(verify));
    const call = nextStep(
      evaluateChecklist(
        r,
        facts([oldCert, oldKey, newKey, newCsr, newCert], { verifications: [verified], csrComparisons: [compared] }),
        NOW,
      ),
    );
    assert.ok(call.kind === 'command' && call.action === 'test-call', JSON.stringify(call));
    assert.ok(call.kind === 'command' && call.button === 'Run Test Call');
  });

  it('offers the search for references after a successful test call', () => {
    const r = ticked(rotation(), 'reminder-received', 'csr-submitted');
    const step = nextStep(evaluateChecklist(r, readyToRetire({ csrComparisons: [compared] }), NOW));
    assert.ok(step.kind === 'command' && step.action === 'find-references', JSON.stringify(step));
  });

  const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
    id: 'key-generated',
    label: 'step',
    state: 'done',
    source: 'evidence',
    ...over,
  });

  it('names a step done outside the workspace without a button, and skips blocked steps for one that can be done', () => {
    assert.deepStrictEqual(
      nextStep([item({}), item({ id: 'deployed-alongside', state: 'todo', detail: 'deploy it' })]),
      { kind: 'outside', itemId: 'deployed-alongside', detail: 'deploy it' },
    );
    const step = nextStep([
      item({ id: 'csr-submitted', state: 'blocked', detail: 'create the CSR first', action: 'tick' }),
      item({ id: 'csr-created', state: 'todo', action: 'generate' }),
    ]);
    assert.ok(step.kind === 'command' && step.itemId === 'csr-created');
  });

  it('reports a rotation where everything open is blocked, and one with nothing left', () => {
    assert.deepStrictEqual(
      nextStep([item({}), item({ id: 'old-key-removed', label: 'Old key', state: 'blocked', detail: 'wait' })]),
      { kind: 'blocked', itemId: 'old-key-removed', detail: 'Old key: wait' },
    );
    assert.strictEqual(nextStep([item({})]).kind, 'complete');
    assert.strictEqual(
      nextStep([item({ state: 'todo', action: 'generate' })], '2025-03-09T00:00:00.000Z').kind,
      'complete',
    );
  });
});
