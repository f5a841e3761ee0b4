import * as assert from 'assert';
import { buildInventoryModel } from '../../../src/core/inventory/buildInventoryModel';
import { emptyRegister, recordRotation, RegisterFile } from '../../../src/core/rotation/register';
import {
  describeReplacement,
  replacedCertificates,
  replacementOf,
} from '../../../src/core/rotation/replacedCertificates';
import { RotationFile, updateRotation } from '../../../src/core/rotation/rotationRecord';
import { certificate, fingerprint } from './builders';
import { newCert, NOW, oldCert, rotation } from './scenario';

function record(completed: boolean): RotationFile {
  const r = rotation();
  return updateRotation({ version: 1, rotations: [r] }, r.id, {
    new: {
      fingerprintSha256: newCert.fingerprintSha256,
      ...(completed
        ? { serialNumber: 'ABCD01', subject: 'O = Axys Test, CN = program-a', notAfter: newCert.notAfter }
        : {}),
    },
    ...(completed ? { completedAt: NOW.toISOString() } : {}),
  });
}

const registered: RegisterFile = recordRotation(emptyRegister(), {
  newCertificate: newCert,
  oldCertificate: oldCert,
  now: new Date('2025-03-06T10:00:00.000Z'),
});

describe('replacedCertificates', () => {
  it("gives a completed rotation's old certificate, replaced by its new one, with the record's facts", () => {
    const replaced = replacedCertificates(record(true), undefined);
    assert.strictEqual(replaced.size, 1);
    const r = replacementOf(replaced, { fingerprintSha256: oldCert.fingerprintSha256.toLowerCase() });
    assert.ok(r, 'found by any spelling of the fingerprint');
    assert.deepStrictEqual(r, {
      fingerprintSha256: oldCert.fingerprintSha256,
      by: {
        fingerprintSha256: newCert.fingerprintSha256,
        subject: 'O = Axys Test, CN = program-a',
        serialNumber: 'ABCD01',
        notAfter: newCert.notAfter,
      },
      at: NOW.toISOString(),
      rotationId: rotation().id,
    });
    assert.strictEqual(describeReplacement(r), 'replaced by program-a (serial ABCD01, expires 2025-06-03)');
    assert.strictEqual(replacementOf(replaced, newCert), undefined, 'the new certificate is not replaced');
  });

  it('takes what the record lacks from the register entry of the new certificate', () => {
    const bare = record(false);
    const completed = updateRotation(bare, bare.rotations[0].id, { completedAt: NOW.toISOString() });
    const r = replacementOf(replacedCertificates(completed, registered), oldCert);
    assert.deepStrictEqual(r?.by, {
      fingerprintSha256: newCert.fingerprintSha256,
      subject: 'C = GB, O = Axys Test, OU = Payments, CN = program-a',
      serialNumber: newCert.serialNumber,
      notAfter: newCert.notAfter,
    });
    assert.strictEqual(r?.at, NOW.toISOString(), "the rotation's completion is the date");
  });

  it('counts a register\'s "replaces" without a record, but not while that rotation is still open', () => {
    const fromRegister = replacementOf(replacedCertificates(undefined, registered), oldCert);
    assert.strictEqual(fromRegister?.by.fingerprintSha256, newCert.fingerprintSha256);
    assert.strictEqual(fromRegister?.at, '2025-03-06T10:00:00.000Z');
    assert.strictEqual(fromRegister?.rotationId, undefined);
    // The register is written mid-rotation (its own checklist item): the old certificate stays due until the end.
    assert.strictEqual(replacedCertificates(record(false), registered).size, 0);
  });

  it('gives nothing for nothing, and ignores an entry that claims to replace itself', () => {
    assert.strictEqual(replacedCertificates(undefined, undefined).size, 0);
    const self: RegisterFile = {
      version: 1,
      certificates: [
        {
          ...registered.certificates[0],
          replaces: { fingerprintSha256: newCert.fingerprintSha256, serialNumber: '01', replacedAt: NOW.toISOString() },
        },
      ],
    };
    assert.strictEqual(replacedCertificates(undefined, self).size, 0);
  });
});

describe('buildInventoryModel with replaced certificates', () => {
  // Days from NOW: the old certificate is due (26 days), the new one is not, a third one is due on its own.
  const other = certificate('program-b', {
    subject: [{ type: 'CN', value: 'program-b' }],
    notAfter: '2025-03-20T00:00:00.000Z',
  });
  const items = [oldCert, newCert, other];

  it('leaves the replaced certificate out of what counts, keeps it in the tree, last, with its replacement', () => {
    const before = buildInventoryModel(items, [], NOW, [30, 15, 5]);
    assert.deepStrictEqual(
      before.certificates.filter((c) => c.expiry.status !== 'ok').map((c) => c.certificate.path),
      [other.path, oldCert.path],
    );
    const model = buildInventoryModel(
      items,
      [],
      NOW,
      [30, 15, 5],
      undefined,
      replacedCertificates(record(true), undefined),
    );
    assert.deepStrictEqual(
      model.certificates.map((c) => c.certificate.path),
      [other.path, newCert.path],
    );
    assert.deepStrictEqual(
      model.certificates.filter((c) => c.expiry.status !== 'ok').map((c) => c.certificate.path),
      [other.path],
      'only the certificate nobody replaced is due',
    );
    assert.deepStrictEqual(
      model.replaced.map((r) => [r.certificate.path, r.replacedBy.by.fingerprintSha256]),
      [[oldCert.path, newCert.fingerprintSha256]],
    );
    const roots = model.roots.flatMap((n) => (n.type === 'certificate' ? [[n.certificate.path, !!n.replacedBy]] : []));
    assert.deepStrictEqual(roots, [
      [other.path, false],
      [newCert.path, false],
      [oldCert.path, true],
    ]);
  });

  it('shows nothing as replaced once the replaced file is gone', () => {
    const model = buildInventoryModel(
      [newCert],
      [],
      NOW,
      [30],
      undefined,
      replacedCertificates(record(true), undefined),
    );
    assert.deepStrictEqual(model.replaced, []);
    assert.strictEqual(model.certificates.length, 1);
  });

  it('keeps unrelated certificates with the same name', () => {
    const lookalike = certificate('lookalike', { fingerprintSha256: fingerprint('lookalike') });
    const model = buildInventoryModel(
      [lookalike, oldCert],
      [],
      NOW,
      [30],
      undefined,
      replacedCertificates(record(true), undefined),
    );
    assert.deepStrictEqual(
      model.certificates.map((c) => c.certificate.path),
      [lookalike.path],
    );
  });
});
