import * as assert from 'assert';
import { evaluateChecklist, manualChecklistPatch } from '../../../src/core/rotation/checklist';
import { completionPatch, isChecklistComplete } from '../../../src/core/rotation/completion';
import { emptyRegister, recordRotation } from '../../../src/core/rotation/register';
import { emptyRotationFile, startRotation, updateRotation } from '../../../src/core/rotation/rotationRecord';
import { certificate, key, ROOT } from './builders';
import { facts, newCert, newCsr, newKey, NOW, okCall, oldCert, rotation, STARTED, verified } from './scenario';

// program-b: expired a day before its rotation started.
const expiredCert = certificate('program-a', { notAfter: '2025-03-01T09:00:00.000Z' });
const expiredKey = key(`${ROOT}/certs/program-a.key`, expiredCert.publicKeySha256);

function expiredRotation() {
  return startRotation(emptyRotationFile(), expiredCert, expiredKey.path, STARTED, { workspaceRoot: ROOT }).rotation;
}

describe('the checklist of a rotation for an expired certificate', () => {
  it('starts with the recovery path: a priority-1 support ticket, not the 30-day reminder', () => {
    const items = evaluateChecklist(expiredRotation(), facts([expiredCert, expiredKey]), NOW);
    assert.strictEqual(items.length, 11);
    const first = items[0];
    assert.strictEqual(first.id, 'reminder-received', 'the id stays: completion and the tick command count it');
    assert.match(first.label, /support ticket/i);
    assert.match(first.label, /priority: 1 \(Critical\)/);
    assert.doesNotMatch(first.label, /30-day reminder/);
    assert.strictEqual(first.state, 'todo');
    assert.match(first.detail ?? '', /expired on 2025-03-01/);
    assert.match(first.detail ?? '', /Copy Priority-1 Support Ticket/);
  });

  it('takes the recovery path once the certificate lapses during the rotation, unless the reminder was ticked', () => {
    const r = rotation();
    const lapsed = new Date(Date.parse(oldCert.notAfter) + 1000);
    assert.match(evaluateChecklist(r, facts([oldCert]), NOW)[0].label, /30-day reminder/);
    assert.match(evaluateChecklist(r, facts([oldCert]), lapsed)[0].label, /support ticket/i);
    const ticked = updateRotation(
      { version: 1, rotations: [r] },
      r.id,
      manualChecklistPatch('reminder-received', true, NOW),
    ).rotations[0];
    assert.match(evaluateChecklist(ticked, facts([oldCert]), lapsed)[0].label, /30-day reminder/);
  });

  it('completes once the ticket step is ticked with the others', () => {
    const started = expiredRotation();
    const r = updateRotation({ version: 1, rotations: [started] }, started.id, {
      manual: { reminderReceived: '2025-03-02T09:30:00.000Z', csrSubmitted: '2025-03-03T09:00:00.000Z' },
      retiredAt: '2025-03-06T11:00:00.000Z',
      retiredKeyPath: 'certs/program-a.key',
    }).rotations[0];
    const f = facts([expiredCert, newCert, newKey, newCsr], {
      verifications: [verified],
      testCalls: [okCall],
      csrComparisons: [{ csrPath: newCsr.path, errors: 0, warnings: 0 }],
      oldReferences: [],
      register: recordRotation(emptyRegister(), { newCertificate: newCert, oldCertificate: expiredCert, now: NOW }),
    });
    const items = evaluateChecklist(r, f, NOW);
    assert.deepStrictEqual(
      items.filter((i) => i.state !== 'done').map((i) => [i.id, i.detail]),
      [],
    );
    assert.match(items[0].label, /support ticket/i);
    assert.strictEqual(isChecklistComplete(items), true);
    assert.strictEqual(completionPatch(r, f, NOW)?.new?.fingerprintSha256, newCert.fingerprintSha256);
  });
});
