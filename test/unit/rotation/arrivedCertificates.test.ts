import * as assert from 'assert';
import { arrivedCertificates } from '../../../src/core/rotation/arrivedCertificates';
import { certificate, hex64 } from './builders';

describe('arrivedCertificates', () => {
  const old = certificate('old');
  const signed = certificate('new', { publicKeySha256: hex64('spki:new-key') });
  const other = certificate('unrelated');
  const ca = certificate('ca', { isCA: true, publicKeySha256: hex64('spki:new-key') });
  const awaited = [{ rotationId: 'r1', oldFingerprint: old.fingerprintSha256, newKeySpkis: [hex64('spki:new-key')] }];

  it('finds the certificate that carries the new key, and nothing else', () => {
    assert.deepStrictEqual(arrivedCertificates(awaited, [old, other, ca, signed], []), [
      { rotationId: 'r1', certificate: signed },
    ]);
  });

  it('offers a certificate once, whatever the fingerprint spelling remembered', () => {
    const remembered = signed.fingerprintSha256.replace(/:/g, '').toLowerCase();
    assert.deepStrictEqual(arrivedCertificates(awaited, [signed], [remembered]), []);
    // Two rotations awaiting the same key still offer it once.
    assert.strictEqual(arrivedCertificates([...awaited, { ...awaited[0], rotationId: 'r2' }], [signed], []).length, 1);
  });

  it('never offers the old certificate, even if it carries a key listed as new (key reuse)', () => {
    const reuse = [{ rotationId: 'r1', oldFingerprint: old.fingerprintSha256, newKeySpkis: [old.publicKeySha256] }];
    assert.deepStrictEqual(arrivedCertificates(reuse, [old], []), []);
  });

  it('waits while the rotation has no new key yet', () => {
    assert.deepStrictEqual(
      arrivedCertificates([{ rotationId: 'r1', oldFingerprint: old.fingerprintSha256, newKeySpkis: [] }], [signed], []),
      [],
    );
  });
});
