import * as assert from 'assert';
import { evaluateChecklist } from '../../../src/core/rotation/checklist';
import { completionPatch, isChecklistComplete } from '../../../src/core/rotation/completion';
import { emptyRegister, recordRotation } from '../../../src/core/rotation/register';
import { RotationFacts } from '../../../src/core/rotation/rotationFacts';
import {
  parseRotationFile,
  Rotation,
  serializeRotationFile,
  updateRotation,
} from '../../../src/core/rotation/rotationRecord';
import { facts, newCert, newCsr, newKey, NOW, okCall, oldCert, rotation, verified } from './scenario';

/** The brief's rotation with every step behind it: old key retired, services moved, register written. */
function finished(): { rotation: Rotation; facts: RotationFacts } {
  const started = rotation();
  const file = updateRotation({ version: 1, rotations: [started] }, started.id, {
    manual: { reminderReceived: '2025-03-02T09:00:00.000Z', csrSubmitted: '2025-03-03T09:00:00.000Z' },
    retiredAt: '2025-03-06T11:00:00.000Z',
    retiredKeyPath: 'certs/program-a.key',
  });
  return {
    rotation: file.rotations[0],
    facts: facts([oldCert, newCert, newKey, newCsr], {
      verifications: [verified],
      testCalls: [okCall],
      csrComparisons: [{ csrPath: newCsr.path, errors: 0, warnings: 0 }],
      oldReferences: [],
      register: recordRotation(emptyRegister(), { newCertificate: newCert, oldCertificate: oldCert, now: NOW }),
    }),
  };
}

describe('completionPatch', () => {
  it('completes a rotation once all eleven items are done, archiving the new certificate with the date', () => {
    const { rotation: r, facts: f } = finished();
    const items = evaluateChecklist(r, f, NOW);
    assert.deepStrictEqual(
      items.filter((i) => i.state !== 'done').map((i) => [i.id, i.detail]),
      [],
      'the scenario is finished',
    );
    assert.strictEqual(items.length, 11);
    assert.strictEqual(isChecklistComplete(items), true);
    const patch = completionPatch(r, f, NOW);
    assert.deepStrictEqual(patch, {
      completedAt: NOW.toISOString(),
      new: {
        fingerprintSha256: newCert.fingerprintSha256,
        serialNumber: newCert.serialNumber,
        subject: 'C = GB, O = Axys Test, OU = Payments, CN = program-a',
        notAfter: newCert.notAfter,
      },
    });
    // The record keeps it, in its schema, across a write and a read.
    const completed = updateRotation({ version: 1, rotations: [r] }, r.id, patch);
    const reread = parseRotationFile(serializeRotationFile(completed)).rotations[0];
    assert.strictEqual(reread.completedAt, NOW.toISOString());
    assert.strictEqual(reread.startedAt, r.startedAt);
    assert.strictEqual(reread.new?.notAfter, newCert.notAfter);
    assert.strictEqual(reread.new?.serialNumber, newCert.serialNumber);
  });

  it('leaves a rotation open while any one item is not done', () => {
    const { rotation: r, facts: f } = finished();
    const cases: Array<[string, Rotation, RotationFacts]> = [
      [
        'csr-submitted unticked',
        updateRotation({ version: 1, rotations: [r] }, r.id, { manual: { csrSubmitted: null } }).rotations[0],
        f,
      ],
      ['a reference left', r, { ...f, oldReferences: [{ path: '/ws/service.yaml', line: 2, match: 'program-a.crt' }] }],
      ['no register', r, { ...f, register: undefined }],
      ['no successful test call', r, { ...f, testCalls: [] }],
    ];
    for (const [what, rotationCase, factsCase] of cases) {
      assert.strictEqual(isChecklistComplete(evaluateChecklist(rotationCase, factsCase, NOW)), false, what);
      assert.strictEqual(completionPatch(rotationCase, factsCase, NOW), undefined, what);
    }
  });

  it('completes once: a completed rotation is never completed again', () => {
    const { rotation: r, facts: f } = finished();
    const done = { ...r, completedAt: '2025-03-06T11:30:00.000Z' };
    assert.strictEqual(completionPatch(done, f, NOW), undefined);
  });
});
