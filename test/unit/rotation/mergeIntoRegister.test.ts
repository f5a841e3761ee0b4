import * as assert from 'assert';
import { mergeIntoRegister } from '../../../src/core/rotation/mergeIntoRegister';
import {
  emptyRegister,
  parseRegister,
  recordRotation,
  RegisterFile,
  serializeRegister,
} from '../../../src/core/rotation/register';
import { certificate } from './builders';
import { newCert, NOW, oldCert } from './scenario';

const other = certificate('program-b', {
  subject: [{ type: 'CN', value: 'program-b' }],
  subjectAltNames: [],
  notAfter: '2025-05-01T00:00:00.000Z',
});
const ca = certificate('ca', { isCA: true, subject: [{ type: 'CN', value: 'Axys Test CA' }] });

describe('mergeIntoRegister', () => {
  it('adds every non-CA certificate once, soonest expiry first, with its source', () => {
    const copy = { ...other, path: '/ws/elsewhere/program-b.pem' };
    const { register, added, refreshed } = mergeIntoRegister(
      emptyRegister(),
      [newCert, ca, other, copy, oldCert],
      'workspace',
    );
    assert.deepStrictEqual(
      register.certificates.map((e) => [e.name, e.fingerprintSha256, e.expiresAt, e.source]),
      [
        ['program-a', oldCert.fingerprintSha256, '2025-04-01T00:00:00.000Z', 'workspace'],
        ['program-b', other.fingerprintSha256, '2025-05-01T00:00:00.000Z', 'workspace'],
        ['program-a', newCert.fingerprintSha256, '2025-06-03T00:00:00.000Z', 'workspace'],
      ],
    );
    assert.deepStrictEqual(added, [oldCert.fingerprintSha256, other.fingerprintSha256, newCert.fingerprintSha256]);
    assert.deepStrictEqual(refreshed, []);
    // What it writes is a valid register.
    assert.deepStrictEqual(parseRegister(serializeRegister(register)), register);
  });

  it("keeps what people wrote (name, notes, replaces, retirement) and refreshes the certificate's own facts", () => {
    const rotated = recordRotation(emptyRegister(), {
      newCertificate: newCert,
      oldCertificate: oldCert,
      retiredAt: '2025-03-06T11:00:00.000Z',
      now: NOW,
    });
    const edited: RegisterFile = {
      ...rotated,
      certificates: [
        {
          ...rotated.certificates[0],
          name: 'Program A (production)',
          notes: 'renewed by the payments team',
          expiresAt: '2099-01-01T00:00:00.000Z', // a hand edit the certificate contradicts
          subjectAltNames: [],
        },
      ],
    };
    const { register, added, refreshed } = mergeIntoRegister(edited, [newCert, other], 'workspace');
    assert.deepStrictEqual(added, [other.fingerprintSha256]);
    assert.deepStrictEqual(refreshed, [newCert.fingerprintSha256]);
    const [entry] = register.certificates;
    assert.strictEqual(entry.name, 'Program A (production)');
    assert.strictEqual(entry.notes, 'renewed by the payments team');
    assert.deepStrictEqual(entry.replaces, rotated.certificates[0].replaces);
    assert.strictEqual(entry.oldKeyRetiredAt, '2025-03-06T11:00:00.000Z');
    assert.strictEqual(entry.expiresAt, newCert.notAfter);
    assert.deepStrictEqual(entry.subjectAltNames, ['DNS:program-a.example', 'IP:10.0.0.1']);
    assert.strictEqual(entry.source, 'workspace');
  });

  it('changes nothing the second time, and keeps the first source of a certificate found in two places', () => {
    const first = mergeIntoRegister(emptyRegister(), [newCert], 'workspace').register;
    const again = mergeIntoRegister(first, [newCert], 'prod-secrets');
    assert.deepStrictEqual(again.added, []);
    assert.deepStrictEqual(again.refreshed, []);
    assert.strictEqual(serializeRegister(again.register), serializeRegister(first));
    const fromStore = mergeIntoRegister(first, [other], 'prod-secrets').register;
    assert.deepStrictEqual(
      fromStore.certificates.map((e) => e.source),
      ['workspace', 'prod-secrets'],
    );
  });

  it('keeps entries of certificates no longer found (history) in their place', () => {
    const first = mergeIntoRegister(emptyRegister(), [oldCert, newCert], 'workspace').register;
    const later = mergeIntoRegister(first, [newCert], 'workspace').register;
    assert.deepStrictEqual(later, first);
  });
});
