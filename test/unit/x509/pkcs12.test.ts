import * as assert from 'assert';
import * as fs from 'fs';
import { readCertificate } from '../../../src/core/x509/certificate';
import { CoreError } from '../../../src/core/errors';
import { readPkcs12 } from '../../../src/core/x509/pkcs12';
import { cryptoFixtures } from '../../support/cryptoFixtures';

describe('readPkcs12', () => {
  it('lists an empty-password file without being asked', () => {
    const f = cryptoFixtures();
    const p12 = readPkcs12(fs.readFileSync(f.files['rsa-empty.p12']));
    assert.strictEqual(p12.encrypted, false);
    assert.strictEqual(p12.keyCount, 1);
    assert.strictEqual(p12.certificates.length, 1);
    assert.strictEqual(
      p12.certificates[0].fingerprintSha256,
      readCertificate(fs.readFileSync(f.rsa.certPath)).fingerprintSha256,
    );
  });

  it('lists an unprotected file holding an EC certificate with its original bytes', () => {
    const f = cryptoFixtures();
    const p12 = readPkcs12(fs.readFileSync(f.files['ec-open.pfx']));
    assert.strictEqual(p12.encrypted, false);
    assert.strictEqual(p12.keyCount, 1);
    assert.strictEqual(
      p12.certificates[0].fingerprintSha256,
      readCertificate(fs.readFileSync(f.ec.certPath)).fingerprintSha256,
    );
  });

  it('reports a protected file as encrypted, opens it with the passphrase, rejects a wrong one', () => {
    const f = cryptoFixtures();
    const bytes = fs.readFileSync(f.files['rsa-secret.p12']);
    assert.deepStrictEqual(readPkcs12(bytes), {
      kind: 'pkcs12',
      path: '',
      index: 0,
      line: 1,
      encrypted: true,
      certificates: [],
      keyCount: 0,
    });
    const opened = readPkcs12(bytes, { passphrase: 'secret' });
    assert.strictEqual(opened.encrypted, true);
    assert.strictEqual(opened.keyCount, 1);
    assert.deepStrictEqual(
      opened.certificates.map((c) => c.fingerprintSha256).sort(),
      [f.rsa.certPath, f.ca.certPath].map((p) => readCertificate(fs.readFileSync(p)).fingerprintSha256).sort(),
    );
    assert.throws(
      () => readPkcs12(bytes, { passphrase: 'nope' }),
      (e: unknown) => e instanceof CoreError && e.code === 'pkcs12-wrong-passphrase',
    );
  });
});
