import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { readCsr } from '../../../src/core/x509/csr';
import { cryptoFixtures, opensslSpkiSha256, RSA_SANS } from '../../support/cryptoFixtures';

/** OpenSSL 3.0's `req -verify` exits 0 either way; only its message tells. */
function opensslVerifies(file: string): boolean {
  const result = spawnSync('openssl', ['req', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
  return /verify OK/.test(result.stdout + result.stderr) && !/failure/.test(result.stdout + result.stderr);
}

describe('readCsr', () => {
  it('reads RSA, EC and Ed25519 requests: subject, SANs, key hash, signature', () => {
    const f = cryptoFixtures();
    const rsa = readCsr(fs.readFileSync(f.rsa.csrPath, 'utf8'));
    assert.deepStrictEqual(
      rsa.subject.map((a) => `${a.type}=${a.value}`),
      ['C=DE', 'O=Test Org', 'OU=Payments', 'CN=rsa-client'],
    );
    assert.deepStrictEqual(
      rsa.subjectAltNames.map((s) => `${s.type}:${s.value}`),
      RSA_SANS,
    );
    assert.strictEqual(rsa.signatureAlgorithm, 'sha256WithRSAEncryption');
    assert.strictEqual(rsa.signatureValid, true);
    assert.strictEqual(rsa.keyType, 'RSA');
    assert.strictEqual(rsa.publicKeySha256, opensslSpkiSha256(f.rsa.csrPath, 'csr'));

    const ec = readCsr(fs.readFileSync(f.files['ec-csr.der']));
    assert.strictEqual(ec.keyType, 'EC');
    assert.strictEqual(ec.signatureAlgorithm, 'ecdsa-with-SHA256');
    assert.strictEqual(ec.signatureValid, true);
    assert.deepStrictEqual(ec.subjectAltNames, [
      { type: 'DNS', value: 'ec.example' },
      { type: 'IP', value: 'fe80::1:0:0:2' },
    ]);
    assert.strictEqual(ec.publicKeySha256, opensslSpkiSha256(f.ec.keyPath, 'key'));

    const ed = readCsr(fs.readFileSync(f.ed25519.csrPath, 'utf8'));
    assert.strictEqual(ed.keyType, 'Ed25519');
    assert.strictEqual(ed.signatureAlgorithm, 'ED25519');
    assert.strictEqual(ed.signatureValid, true);
    assert.strictEqual(ed.publicKeySha256, opensslSpkiSha256(f.ed25519.keyPath, 'key'));
  });

  it('verifies RSA-PSS, SHA-1 and ECDSA-SHA384 signatures and reads IPv6 SANs', () => {
    const f = cryptoFixtures();
    const pss = readCsr(fs.readFileSync(f.files['pss.csr'], 'utf8'));
    assert.strictEqual(pss.signatureAlgorithm, 'rsassaPss');
    assert.strictEqual(pss.signatureValid, true);
    assert.strictEqual(
      readCsr(fs.readFileSync(f.files['sha1.csr'], 'utf8')).signatureAlgorithm,
      'sha1WithRSAEncryption',
    );
    const ec384 = readCsr(fs.readFileSync(f.files['ec-sha384.csr'], 'utf8'));
    assert.strictEqual(ec384.signatureAlgorithm, 'ecdsa-with-SHA384');
    assert.strictEqual(ec384.signatureValid, true);
    assert.deepStrictEqual(ec384.subjectAltNames, [
      { type: 'IP', value: '::1' },
      { type: 'IP', value: '2001:db8::1:0:0:1' },
      { type: 'DNS', value: 'x.example' },
    ]);
  });

  it('agrees with openssl req -verify, including on a tampered request', () => {
    const f = cryptoFixtures();
    for (const file of [
      f.rsa.csrPath,
      f.ed25519.csrPath,
      f.files['pss.csr'],
      f.files['sha1.csr'],
      f.files['tampered.csr'],
    ]) {
      let ours: boolean;
      try {
        ours = readCsr(fs.readFileSync(file, 'utf8')).signatureValid;
      } catch {
        ours = false;
      }
      assert.strictEqual(ours, opensslVerifies(file), file);
    }
    assert.strictEqual(opensslVerifies(f.files['tampered.csr']), false);
  });
});
