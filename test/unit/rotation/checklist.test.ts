import * as assert from 'assert';
import {
  ChecklistItem,
  ChecklistItemId,
  evaluateChecklist,
  manualChecklistPatch,
} from '../../../src/core/rotation/checklist';
import { overlapPeriod } from '../../../src/core/rotation/overlapPeriod';
import { emptyRegister, recordRotation } from '../../../src/core/rotation/register';
import { RotationFacts } from '../../../src/core/rotation/rotationFacts';
import { evidencePatch, resolveRotationEvidence } from '../../../src/core/rotation/rotationEvidence';
import { emptyRotationFile, Rotation, RotationFile, updateRotation } from '../../../src/core/rotation/rotationRecord';
import { CHECKLIST_COMMANDS } from '../../../src/vscode/rotation/checklistCommands';
import { certificate, csr, key, ROOT } from './builders';
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

function item(id: ChecklistItemId, r: Rotation, f: RotationFacts, now = NOW): ChecklistItem {
  const found = evaluateChecklist(r, f, now).find((i) => i.id === id);
  assert.ok(found, id);
  return found;
}

function patched(r: Rotation, patch: Parameters<typeof updateRotation>[2]): Rotation {
  const file: RotationFile = { ...emptyRotationFile(), rotations: [r] };
  return updateRotation(file, r.id, patch).rotations[0];
}

describe('evaluateChecklist', () => {
  it("lists the brief's eleven items in order, with its wording, sources and commands", () => {
    const items = evaluateChecklist(rotation(), facts([oldCert, oldKey]), NOW);
    assert.deepStrictEqual(
      items.map((i) => [i.label, i.source, i.action ? CHECKLIST_COMMANDS[i.action] : null]),
      [
        ['30-day reminder received (webhook callback)', 'manual', 'mtlsRotation.tickChecklistItem'],
        ['New RSA-2048 key pair generated', 'evidence', 'mtlsRotation.generateKeyAndCsr'],
        [
          'CSR created with current O/OU/CN/SAN fields (updated if calling domains/IPs changed)',
          'evidence',
          'mtlsRotation.generateKeyAndCsr',
        ],
        ['CSR verified with openssl req -text -noout', 'evidence', 'mtlsRotation.compareWithCertificate'],
        ['CSR submitted via Account Management', 'manual', 'mtlsRotation.tickChecklistItem'],
        [
          'New certificate received and validated (CA chain, dates, key-cert modulus match)',
          'evidence',
          'mtlsRotation.verifyCertificate',
        ],
        ['New certificate deployed alongside old certificate (overlap period)', 'evidence', null],
        ['Test call successful with new certificate', 'evidence', 'mtlsRotation.runTestCall'],
        ['All services updated to new certificate', 'evidence', 'mtlsRotation.findOldReferences'],
        ['Old private key removed from secrets store', 'evidence', 'mtlsRotation.retireOldKey'],
        ['Certificate register updated with new expiry date', 'evidence', 'mtlsRotation.updateRegister'],
      ],
    );
    assert.deepStrictEqual(
      items.map((i) => i.state),
      [
        'todo',
        'todo',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
        'blocked',
      ],
    );
    assert.ok(
      items.every(
        (i) => (i.state === 'done') === (i.evidence !== undefined) && (i.state === 'done') !== (i.detail !== undefined),
      ),
    );
  });

  it('manual items: ticked and unticked by the user, stored in rotation.manual', () => {
    const r = rotation();
    const ticked = patched(r, manualChecklistPatch('reminder-received', true, NOW));
    assert.strictEqual(ticked.manual.reminderReceived, NOW.toISOString());
    const it = item('reminder-received', ticked, facts([oldCert]));
    assert.deepStrictEqual([it.state, it.evidence], ['done', 'ticked on 2025-03-06 12:00 UTC']);
    assert.strictEqual(
      item(
        'reminder-received',
        patched(ticked, manualChecklistPatch('reminder-received', false, NOW)),
        facts([oldCert]),
      ).state,
      'todo',
    );
    // Submitting waits for a CSR, unless the user says it happened.
    assert.strictEqual(item('csr-submitted', r, facts([oldCert, oldKey])).state, 'blocked');
    assert.strictEqual(item('csr-submitted', r, facts([oldCert, oldKey, newKey, newCsr])).state, 'todo');
    assert.strictEqual(
      item('csr-submitted', patched(r, manualChecklistPatch('csr-submitted', true, NOW)), facts([oldCert])).state,
      'done',
    );
  });

  describe('new key generated', () => {
    it('ticks a key whose SPKI differs from the old key and matches a renewal CSR', () => {
      const it = item('key-generated', rotation(), facts([oldCert, oldKey, newKey, newCsr]));
      assert.strictEqual(it.state, 'done');
      assert.match(
        it.evidence ?? '',
        /^program-a-new\.key \(RSA-2048, SPKI [0-9a-f]{8}…\) differs from the old key \(SPKI [0-9a-f]{8}…\) and matches program-a-new\.csr$/,
      );
    });

    it("ticks the key recorded as the rotation's new key, even without a CSR", () => {
      const r = patched(rotation(), { new: { keyPath: 'certs/program-a-new.key' } });
      assert.strictEqual(item('key-generated', r, facts([oldCert, oldKey, newKey])).state, 'done');
    });

    it('ticks from the recorded SPKI once the key moved to a secrets store', () => {
      const r = patched(rotation(), { new: { publicKeySha256: newKey.publicKeySha256 } });
      const it = item('key-generated', r, facts([oldCert]));
      assert.strictEqual(it.state, 'done');
      assert.match(it.evidence ?? '', /recorded/);
    });

    it('does not tick the old key, a copy of it, an unrelated key, or a key that is not RSA-2048', () => {
      const copy = key(`${ROOT}/backup/program-a.key`, oldCert.publicKeySha256);
      const stranger = key(`${ROOT}/other.key`, 'f'.repeat(64));
      const foreignCsr = csr(`${ROOT}/other.csr`, 'f'.repeat(64), {
        subject: [{ type: 'CN', value: 'someone-else' }],
        subjectAltNames: [],
      });
      assert.strictEqual(
        item('key-generated', rotation(), facts([oldCert, oldKey, copy, stranger, foreignCsr])).state,
        'todo',
      );
      // A "renewal" CSR made with the old key is no renewal.
      assert.strictEqual(
        item('key-generated', rotation(), facts([oldCert, oldKey, csr(`${ROOT}/reuse.csr`, oldCert.publicKeySha256)]))
          .state,
        'todo',
      );
      const ec = key(newKey.path, newKey.publicKeySha256, { keyType: 'EC', keyBits: 256 });
      const it = item('key-generated', rotation(), facts([oldCert, oldKey, ec, newCsr]));
      assert.strictEqual(it.state, 'todo');
      assert.match(it.detail ?? '', /RSA with at least 2048 bits/);
      const small = key(newKey.path, newKey.publicKeySha256, { keyBits: 1024 });
      assert.strictEqual(item('key-generated', rotation(), facts([oldCert, oldKey, small, newCsr])).state, 'todo');
    });
  });

  it('CSR created: a CSR for the new key that renews the certificate by subject, CN or a shared SAN', () => {
    assert.strictEqual(item('csr-created', rotation(), facts([oldCert, oldKey])).state, 'blocked');
    assert.strictEqual(
      item('csr-created', rotation(), facts([oldCert, oldKey])).detail,
      'generate the new key pair first',
    );
    const byRecord = patched(rotation(), { new: { keyPath: 'certs/program-a-new.key' } });
    assert.strictEqual(item('csr-created', byRecord, facts([oldCert, oldKey, newKey])).state, 'todo');
    const it = item('csr-created', rotation(), facts([oldCert, oldKey, newKey, newCsr]));
    assert.strictEqual(it.state, 'done');
    assert.match(it.evidence ?? '', /^program-a-new\.csr requests CN=program-a with 2 SANs for the new key/);
    // Only one SAN in common, other CN: still a renewal (the domains changed).
    const sanOnly = csr(newCsr.path, newCsr.publicKeySha256, {
      subject: [{ type: 'CN', value: 'program-a-v2' }],
      subjectAltNames: [
        { type: 'DNS', value: 'PROGRAM-A.example' },
        { type: 'IP', value: '10.0.0.9' },
      ],
    });
    assert.strictEqual(item('csr-created', rotation(), facts([oldCert, oldKey, newKey, sanOnly])).state, 'done');
  });

  it('CSR verified: the renewal CSR compared with the old certificate with 0 errors', () => {
    const inventory = [oldCert, oldKey, newKey, newCsr];
    assert.strictEqual(item('csr-verified', rotation(), facts([oldCert, oldKey])).state, 'blocked');
    assert.match(item('csr-verified', rotation(), facts(inventory)).detail ?? '', /has not been compared/);
    const failing = item(
      'csr-verified',
      rotation(),
      facts(inventory, { csrComparisons: [{ csrPath: newCsr.path, errors: 1, warnings: 0 }] }),
    );
    assert.deepStrictEqual(
      [failing.state, failing.detail],
      ['todo', 'program-a-new.csr compared with the old certificate: 1 error, 0 warnings'],
    );
    const other = item(
      'csr-verified',
      rotation(),
      facts(inventory, { csrComparisons: [{ csrPath: `${ROOT}/elsewhere.csr`, errors: 0, warnings: 0 }] }),
    );
    assert.strictEqual(other.state, 'todo');
    // The last comparison counts; a workspace-relative path names the same file.
    const fixed = item(
      'csr-verified',
      rotation(),
      facts(inventory, {
        csrComparisons: [
          { csrPath: newCsr.path, errors: 2, warnings: 0 },
          { csrPath: 'certs/program-a-new.csr', errors: 0, warnings: 1 },
        ],
      }),
    );
    assert.deepStrictEqual(
      [fixed.state, fixed.evidence],
      ['done', 'program-a-new.csr compared with the old certificate: 0 errors, 1 warning'],
    );
  });

  describe('new certificate received and validated', () => {
    const base = [oldCert, oldKey, newKey, newCsr];

    it('waits for the CSR, then for the signed certificate', () => {
      assert.strictEqual(item('certificate-validated', rotation(), facts([oldCert, oldKey])).state, 'blocked');
      assert.deepStrictEqual(
        [
          item('certificate-validated', rotation(), facts(base)).state,
          item('certificate-validated', rotation(), facts(base)).detail,
        ],
        ['blocked', 'submit the CSR first'],
      );
      const submitted = patched(
        rotation(),
        manualChecklistPatch('csr-submitted', true, new Date('2025-03-04T00:00:00Z')),
      );
      const waiting = item('certificate-validated', submitted, facts(base));
      assert.strictEqual(waiting.state, 'todo');
      assert.match(waiting.detail ?? '', /waiting for the signed certificate/);
    });

    it('ticks a later certificate for the new key with an all-ok verification', () => {
      const unverified = item('certificate-validated', rotation(), facts([...base, newCert]));
      assert.match(unverified.detail ?? '', /carries the new key but has not been verified yet/);
      const failed = item(
        'certificate-validated',
        rotation(),
        facts([...base, newCert], {
          verifications: [
            {
              ...verified,
              allOk: false,
              checks: [
                { name: 'chain', ok: false },
                { name: 'key-match', ok: true },
              ],
            },
          ],
        }),
      );
      assert.deepStrictEqual([failed.state, /verification failed \(chain\)/.test(failed.detail ?? '')], ['todo', true]);
      const it = item('certificate-validated', rotation(), facts([...base, newCert], { verifications: [verified] }));
      assert.strictEqual(it.state, 'done');
      assert.match(
        it.evidence ?? '',
        /^program-a-new\.crt \(SHA-256 [0-9a-f]{11}…, expires 2025-06-03 00:00 UTC\) carries the new key and ends after the old one; verified: chain, validity, key-match$/,
      );
    });

    it('does not take a certificate with another key, an earlier end, or another subject', () => {
      const otherKey = certificate('program-a-other', { notAfter: '2025-06-03T00:00:00.000Z' });
      const stray = item(
        'certificate-validated',
        rotation(),
        facts([...base, otherKey], { verifications: [{ ...verified, fingerprintSha256: otherKey.fingerprintSha256 }] }),
      );
      assert.deepStrictEqual(
        [stray.state, stray.detail],
        ['todo', 'program-a-other.crt renews the certificate but does not carry the new key'],
      );
      const earlier = certificate('program-a-new', { notAfter: '2025-03-30T00:00:00.000Z' });
      assert.notStrictEqual(
        item('certificate-validated', rotation(), facts([...base, earlier], { verifications: [verified] })).state,
        'done',
      );
      const stranger = certificate('program-a-new', {
        notAfter: '2025-06-03T00:00:00.000Z',
        subject: [{ type: 'CN', value: 'program-b' }],
        subjectAltNames: [],
      });
      assert.notStrictEqual(
        item('certificate-validated', rotation(), facts([...base, stranger], { verifications: [verified] })).state,
        'done',
      );
      // A verification of another certificate does not count.
      assert.strictEqual(
        item(
          'certificate-validated',
          rotation(),
          facts([...base, newCert], { verifications: [{ ...verified, fingerprintSha256: oldCert.fingerprintSha256 }] }),
        ).state,
        'todo',
      );
    });
  });

  it('deployed alongside: both certificates present; after retirement the overlap is over', () => {
    assert.strictEqual(item('deployed-alongside', rotation(), facts([oldCert, oldKey, newKey])).state, 'blocked');
    const both = item('deployed-alongside', rotation(), facts([oldCert, newCert, newKey]));
    assert.deepStrictEqual(
      [both.state, both.evidence],
      [
        'done',
        'program-a.crt (expires 2025-04-01 00:00 UTC, 25 days left) and program-a-new.crt (expires 2025-06-03 00:00 UTC) are both in the workspace',
      ],
    );
    const cutOver = item('deployed-alongside', rotation(), facts([newCert, newKey]));
    assert.strictEqual(cutOver.state, 'todo');
    const retired = item(
      'deployed-alongside',
      patched(rotation(), { retiredAt: NOW.toISOString() }),
      facts([newCert, newKey]),
    );
    assert.strictEqual(retired.state, 'done');
  });

  it("test call: only an ok call with the NEW certificate's fingerprint counts", () => {
    const inventory = [oldCert, oldKey, newCert, newKey];
    assert.strictEqual(item('test-call', rotation(), facts([oldCert, oldKey])).state, 'blocked');
    assert.match(item('test-call', rotation(), facts(inventory)).detail ?? '', /no test call/);
    const withOld = item(
      'test-call',
      rotation(),
      facts(inventory, { testCalls: [{ ...okCall, certificateFingerprint: oldCert.fingerprintSha256 }] }),
    );
    assert.strictEqual(withOld.state, 'todo');
    const refused = item(
      'test-call',
      rotation(),
      facts(inventory, { testCalls: [{ ...okCall, outcome: 'forbidden-ip', status: 403 }] }),
    );
    assert.match(refused.detail ?? '', /ended in forbidden-ip \(HTTP 403\)/);
    const plainHex = newCert.fingerprintSha256.replace(/:/g, '').toLowerCase();
    const ok = item(
      'test-call',
      rotation(),
      facts(inventory, {
        testCalls: [
          { ...okCall, outcome: 'tls-handshake', status: undefined },
          { ...okCall, certificateFingerprint: plainHex },
        ],
      }),
    );
    assert.strictEqual(ok.state, 'done');
    assert.match(ok.evidence ?? '', /^ok \(HTTP 200\) on 2025-03-06 10:00 UTC with only the new certificate/);
  });

  it('all services updated: the search found no reference to the old certificate or key', () => {
    assert.strictEqual(item('services-updated', rotation(), facts([oldCert, newCert, newKey])).state, 'blocked');
    assert.match(item('services-updated', rotation(), readyToRetire()).detail ?? '', /not been searched/);
    const refs = item(
      'services-updated',
      rotation(),
      readyToRetire({ oldReferences: [{ path: `${ROOT}/deploy/app.yaml`, line: 12, match: 'certs/program-a.key' }] }),
    );
    assert.deepStrictEqual(
      [refs.state, refs.detail],
      ['todo', '1 reference to the old certificate or key remains: app.yaml:12'],
    );
    assert.strictEqual(item('services-updated', rotation(), readyToRetire({ oldReferences: [] })).state, 'done');
  });

  it('old key removed: retiredAt set and no file holds the old key any more', () => {
    assert.strictEqual(item('old-key-removed', rotation(), facts([oldCert, oldKey])).state, 'blocked');
    const ready = item('old-key-removed', rotation(), readyToRetire());
    assert.deepStrictEqual([ready.state, ready.detail], ['todo', 'program-a.key can be retired now']);
    const retired = patched(rotation(), { retiredAt: NOW.toISOString(), retiredKeyPath: 'certs/program-a.key' });
    const gone = item('old-key-removed', retired, facts([oldCert, newCert, newKey]));
    assert.strictEqual(gone.state, 'done');
    const copy = key(`${ROOT}/backup/old.pem`, oldCert.publicKeySha256);
    const stillThere = item('old-key-removed', retired, facts([oldCert, newCert, newKey, copy]));
    assert.deepStrictEqual(
      [stillThere.state, /old\.pem still holds the old key/.test(stillThere.detail ?? '')],
      ['todo', true],
    );
    // Deleted by hand without recording the retirement: not ticked.
    assert.notStrictEqual(
      item(
        'old-key-removed',
        rotation(),
        facts([oldCert, newCert, newKey], { verifications: [verified], testCalls: [okCall] }),
      ).state,
      'done',
    );
  });

  it("register updated: an entry with the new certificate's fingerprint and its expiry", () => {
    assert.strictEqual(item('register-updated', rotation(), facts([oldCert])).state, 'blocked');
    assert.match(item('register-updated', rotation(), readyToRetire()).detail ?? '', /no certificate register/);
    const register = recordRotation(emptyRegister(), { newCertificate: newCert, oldCertificate: oldCert, now: NOW });
    const it = item('register-updated', rotation(), readyToRetire({ register }));
    assert.deepStrictEqual(
      [it.state, it.evidence],
      [
        'done',
        `"program-a" (SHA-256 ${newCert.fingerprintSha256.replace(/:/g, '').toLowerCase().slice(0, 11)}…) is registered, expiring 2025-06-03 00:00 UTC`,
      ],
    );
    const stale = {
      ...register,
      certificates: register.certificates.map((e) => ({ ...e, expiresAt: oldCert.notAfter })),
    };
    assert.match(
      item('register-updated', rotation(), readyToRetire({ register: stale })).detail ?? '',
      /says it expires 2025-04-01/,
    );
    assert.match(
      item(
        'register-updated',
        rotation(),
        readyToRetire({ register: recordRotation(emptyRegister(), { newCertificate: oldCert, now: NOW }) }),
      ).detail ?? '',
      /no entry for the new certificate/,
    );
  });

  it("ticks everything at the end of the brief's workflow", () => {
    const r = patched(rotation(), {
      ...manualChecklistPatch('reminder-received', true, NOW),
      retiredAt: NOW.toISOString(),
    });
    const final = patched(r, manualChecklistPatch('csr-submitted', true, NOW));
    const register = recordRotation(emptyRegister(), {
      newCertificate: newCert,
      oldCertificate: oldCert,
      retiredAt: NOW,
      now: NOW,
    });
    const items = evaluateChecklist(
      final,
      facts([oldCert, newCert, newKey, newCsr], {
        csrComparisons: [{ csrPath: newCsr.path, errors: 0, warnings: 0 }],
        verifications: [verified],
        testCalls: [okCall],
        oldReferences: [],
        register,
      }),
      NOW,
    );
    assert.deepStrictEqual(
      items.filter((i) => i.state !== 'done').map((i) => [i.id, i.detail]),
      [],
    );
  });
});

describe('rotation evidence', () => {
  it('records what it saw so the evidence survives the files moving away', () => {
    const r = rotation();
    const evidence = resolveRotationEvidence(r, readyToRetire());
    const patch = evidencePatch(r, evidence, ROOT);
    assert.deepStrictEqual(patch, {
      new: {
        keyPath: 'certs/program-a-new.key',
        csrPath: 'certs/program-a-new.csr',
        certificatePath: 'certs/program-a-new.crt',
        publicKeySha256: newCert.publicKeySha256,
        fingerprintSha256: newCert.fingerprintSha256,
      },
    });
    const recorded = patched(r, patch ?? {});
    assert.strictEqual(evidencePatch(recorded, resolveRotationEvidence(recorded, readyToRetire()), ROOT), undefined);
    // The new key went to a secrets store: the certificate is still recognised as carrying it.
    const later = resolveRotationEvidence(recorded, facts([oldCert, newCert]));
    assert.strictEqual(later.newCertificate, newCert);
    assert.strictEqual(later.newKeySpki, newCert.publicKeySha256);
  });

  it('recognises the renewal by the recorded subject once the old certificate is gone', () => {
    const e = resolveRotationEvidence(
      rotation(),
      facts([newCert, newKey, csr(newCsr.path, newCsr.publicKeySha256, { subjectAltNames: [] })]),
    );
    assert.strictEqual(e.newCertificate, newCert);
  });
});

describe('overlapPeriod', () => {
  it("gives both expiries and the hard deadline (default: the old certificate's expiry) with days left", () => {
    const o = overlapPeriod(rotation(), readyToRetire(), NOW);
    assert.deepStrictEqual(o, {
      old: { fingerprintSha256: oldCert.fingerprintSha256, notAfter: oldCert.notAfter, daysLeft: 25, expired: false },
      new: { fingerprintSha256: newCert.fingerprintSha256, notAfter: newCert.notAfter, daysLeft: 88, expired: false },
      deadline: { at: oldCert.notAfter, daysLeft: 25, passed: false, source: 'old-certificate-expiry' },
      active: true,
    });
  });

  it('uses an earlier chosen deadline, never a later one, and ends with the retirement', () => {
    const chosen = patched(rotation(), { overlapDeadline: '2025-03-10T00:00:00.000Z' });
    assert.deepStrictEqual(overlapPeriod(chosen, readyToRetire(), NOW).deadline, {
      at: '2025-03-10T00:00:00.000Z',
      daysLeft: 3,
      passed: false,
      source: 'overlap-deadline',
    });
    assert.strictEqual(
      overlapPeriod(chosen, readyToRetire(), new Date('2025-03-10T00:00:00.000Z')).deadline.passed,
      true,
    );
    const late = patched(rotation(), { overlapDeadline: '2025-05-01T00:00:00.000Z' });
    assert.strictEqual(overlapPeriod(late, readyToRetire(), NOW).deadline.source, 'old-certificate-expiry');
    assert.strictEqual(
      overlapPeriod(patched(rotation(), { retiredAt: NOW.toISOString() }), readyToRetire(), NOW).active,
      false,
    );
    const before = overlapPeriod(rotation(), facts([oldCert, oldKey]), NOW);
    assert.deepStrictEqual([before.new, before.active], [undefined, false]);
  });
});
