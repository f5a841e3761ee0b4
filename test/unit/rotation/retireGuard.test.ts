import * as assert from 'assert';
import { canRetireOldKey } from '../../../src/core/rotation/retireGuard';
import { emptyRotationFile, Rotation, updateRotation } from '../../../src/core/rotation/rotationRecord';
import { certificate, key, ROOT } from './builders';
import {
  facts,
  newCert,
  newCsr,
  newKey,
  NOW,
  okCall,
  oldCert,
  oldKey,
  readyToRetire,
  rotation,
  verified,
} from './scenario';

function patched(r: Rotation, patch: Parameters<typeof updateRotation>[2]): Rotation {
  return updateRotation({ ...emptyRotationFile(), rotations: [r] }, r.id, patch).rotations[0];
}

describe('canRetireOldKey', () => {
  it('allows retiring once the new certificate is verified and a test call with it succeeded', () => {
    assert.deepStrictEqual(canRetireOldKey(rotation(), readyToRetire(), NOW), {
      allowed: true,
      reasons: [],
      overridden: [],
      keyPath: oldKey.path,
      otherCopies: [],
    });
  });

  it('refuses without a verified new certificate, saying exactly what is missing', () => {
    const missing = canRetireOldKey(rotation(), facts([oldCert, oldKey, newKey, newCsr], { testCalls: [okCall] }), NOW);
    assert.strictEqual(missing.allowed, false);
    assert.match(
      missing.reasons[0],
      /^no new certificate for C = GB, O = Axys Test, OU = Payments, CN = program-a that ends after 2025-04-01 00:00 UTC and carries the new key is in the workspace/,
    );
    const unverified = canRetireOldKey(rotation(), readyToRetire({ verifications: [] }), NOW);
    assert.deepStrictEqual(unverified.reasons, [
      'the new certificate program-a-new.crt has not been verified yet (CA chain, dates, key match)',
    ]);
    const failed = canRetireOldKey(
      rotation(),
      readyToRetire({
        verifications: [
          {
            ...verified,
            allOk: false,
            checks: [
              { name: 'chain', ok: false },
              { name: 'validity', ok: true },
            ],
          },
        ],
      }),
      NOW,
    );
    assert.deepStrictEqual(failed.reasons, ['verification of the new certificate program-a-new.crt failed: chain']);
    const stray = certificate('program-a-other', { notBefore: newCert.notBefore, notAfter: newCert.notAfter });
    const wrongKey = canRetireOldKey(
      rotation(),
      facts([oldCert, oldKey, newKey, newCsr, stray], { testCalls: [okCall] }),
      NOW,
    );
    assert.match(
      wrongKey.reasons[0],
      /^program-a-other\.crt renews the old certificate but does not carry the new key \(SPKI [0-9a-f]{8}…\)/,
    );
  });

  it('refuses without a successful test call with the new certificate', () => {
    assert.deepStrictEqual(canRetireOldKey(rotation(), readyToRetire({ testCalls: [] }), NOW).reasons, [
      'no test call with the new certificate program-a-new.crt has been made yet',
    ]);
    const failedCalls = [
      { ...okCall, outcome: 'unauthorized', status: 401 },
      { ...okCall, certificateFingerprint: oldCert.fingerprintSha256 },
    ];
    assert.deepStrictEqual(canRetireOldKey(rotation(), readyToRetire({ testCalls: failedCalls }), NOW).reasons, [
      'no test call with the new certificate program-a-new.crt succeeded; the last one (2025-03-06 10:00 UTC) ended in unauthorized (HTTP 401)',
    ]);
  });

  it('never deletes the only key of a valid certificate nothing replaces yet, as a reason of its own', () => {
    const alone = canRetireOldKey(
      rotation(),
      facts([oldCert, oldKey], { verifications: [verified], testCalls: [okCall] }),
      NOW,
    );
    assert.strictEqual(alone.allowed, false);
    const stranding = alone.reasons.filter((r) => r.includes('only key'));
    assert.deepStrictEqual(stranding, [
      'program-a.key is the only key of program-a.crt (C = GB, O = Axys Test, OU = Payments, CN = program-a), which is valid until 2025-04-01 00:00 UTC and not yet replaced by a valid certificate: deleting it leaves that certificate unusable',
    ]);
    // A replacement not valid yet does not count as one.
    const notYet = certificate('program-a-new', { notBefore: '2025-03-10T00:00:00.000Z', notAfter: newCert.notAfter });
    assert.ok(
      canRetireOldKey(
        rotation(),
        facts([oldCert, oldKey, notYet, newKey], { verifications: [verified], testCalls: [okCall] }),
        NOW,
      ).reasons.some((r) => r.includes('only key')),
    );
    // Not the only key: another copy remains (and is reported, since it must go too).
    const copy = key(`${ROOT}/backup/program-a.key`, oldCert.publicKeySha256);
    const copied = canRetireOldKey(rotation(), facts([oldCert, oldKey, copy]), NOW);
    assert.ok(!copied.reasons.some((r) => r.includes('only key')));
    assert.deepStrictEqual(copied.otherCopies, [copy.path]);
    // An expired certificate is stranded by nothing.
    const expired = canRetireOldKey(rotation(), facts([oldCert, oldKey]), new Date('2025-04-01T00:00:00.000Z'));
    assert.ok(!expired.reasons.some((r) => r.includes('only key')));
  });

  it('lets the override waive verification, test call and stranding, and says what was waived', () => {
    const decision = canRetireOldKey(rotation(), facts([oldCert, oldKey]), NOW, { override: true });
    assert.strictEqual(decision.allowed, true);
    assert.deepStrictEqual(decision.reasons, []);
    assert.strictEqual(decision.overridden.length, 3);
    assert.ok(decision.overridden.some((r) => r.includes('only key')));
    assert.strictEqual(decision.keyPath, oldKey.path);
  });

  it('never lets the override delete a file that no longer holds the old key', () => {
    const gone = canRetireOldKey(rotation(), readyToRetire({ inventory: [oldCert, newCert, newKey] }), NOW, {
      override: true,
    });
    assert.deepStrictEqual(
      [gone.allowed, gone.reasons],
      [
        false,
        [
          'certs/program-a.key is not in the inventory as a key: it was moved, deleted or changed since the rotation started',
        ],
      ],
    );
    assert.strictEqual(gone.keyPath, oldKey.path);
    const changed = key(oldKey.path, newKey.publicKeySha256);
    const swapped = canRetireOldKey(
      rotation(),
      readyToRetire({ inventory: [oldCert, changed, newCert, newKey] }),
      NOW,
      { override: true },
    );
    assert.match(
      swapped.reasons[0],
      /^program-a\.key no longer holds the old key \(SPKI [0-9a-f]{8}… instead of [0-9a-f]{8}…\): the file has changed/,
    );
    const encrypted = key(oldKey.path, undefined, { format: 'encrypted-pkcs8' });
    assert.match(
      canRetireOldKey(rotation(), readyToRetire({ inventory: [oldCert, encrypted, newCert, newKey] }), NOW, {
        override: true,
      }).reasons[0],
      /is encrypted/,
    );
    const noKey = { ...rotation(), old: { ...rotation().old, keyPath: undefined } };
    delete noKey.old.keyPath;
    assert.match(
      canRetireOldKey(noKey, readyToRetire(), NOW, { override: true }).reasons[0],
      /records no old key file/,
    );
    const retired = patched(rotation(), { retiredAt: NOW.toISOString() });
    assert.deepStrictEqual(canRetireOldKey(retired, readyToRetire(), NOW, { override: true }).reasons, [
      'the old key was already retired on 2025-03-06 12:00 UTC',
    ]);
  });
});
