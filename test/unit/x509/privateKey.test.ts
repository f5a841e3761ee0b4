import * as assert from 'assert';
import * as fs from 'fs';
import { CoreError } from '../../../src/core/errors';
import { readPrivateKey } from '../../../src/core/x509/privateKey';
import { cryptoFixtures, opensslSpkiSha256 } from '../../support/cryptoFixtures';

describe('readPrivateKey', () => {
  it('reads PKCS#8, PKCS#1, SEC1 and DER keys with the public-key hash openssl derives', () => {
    const f = cryptoFixtures();
    const cases: Array<[string, string, string, string, number | undefined]> = [
      [f.rsa.keyPath, 'pkcs8', 'RSA', f.rsa.keyPath, 2048],
      [f.files['rsa-pkcs1.key'], 'pkcs1', 'RSA', f.rsa.keyPath, 2048],
      [f.files['ec-sec1.key'], 'sec1', 'EC', f.ec.keyPath, 256],
      [f.files['ec-key.der'], 'der', 'EC', f.ec.keyPath, 256],
      [f.files['rsa-pkcs8.der'], 'der', 'RSA', f.rsa.keyPath, 2048],
      [f.ed25519.keyPath, 'pkcs8', 'Ed25519', f.ed25519.keyPath, undefined],
      [f.orphanKey, 'pkcs8', 'EC', f.orphanKey, 384],
    ];
    for (const [file, format, keyType, original, bits] of cases) {
      const key = readPrivateKey(fs.readFileSync(file), { path: file });
      assert.strictEqual(key.format, format, file);
      assert.strictEqual(key.encrypted, false, file);
      assert.strictEqual(key.keyType, keyType, file);
      assert.strictEqual(key.keyBits, bits, file);
      assert.strictEqual(key.publicKeySha256, opensslSpkiSha256(original, 'key'), file);
    }
  });

  it('recognises encrypted keys without a passphrase, and pairs them with one', () => {
    const f = cryptoFixtures();
    const expected = opensslSpkiSha256(f.rsa.keyPath, 'key');
    for (const [file, format] of [
      [f.files['rsa-encrypted-pkcs8.key'], 'encrypted-pkcs8'],
      [f.files['rsa-legacy-encrypted.key'], 'pkcs1'],
      [f.files['ec-encrypted.der'], 'der'],
    ]) {
      const locked = readPrivateKey(fs.readFileSync(file));
      assert.strictEqual(locked.encrypted, true, file);
      assert.strictEqual(locked.format, format, file);
      assert.strictEqual(locked.publicKeySha256, undefined, file);
      const opened = readPrivateKey(fs.readFileSync(file), { passphrase: 'x' });
      assert.strictEqual(opened.encrypted, true, file);
      assert.strictEqual(
        opened.publicKeySha256,
        file.endsWith('.der') ? opensslSpkiSha256(f.ec.keyPath, 'key') : expected,
        file,
      );
    }
  });

  it('says wrong passphrase without quoting the key', () => {
    const f = cryptoFixtures();
    const text = fs.readFileSync(f.files['rsa-encrypted-pkcs8.key'], 'utf8');
    assert.throws(
      () => readPrivateKey(text, { passphrase: 'wrong' }),
      (e: unknown) => {
        assert.ok(e instanceof CoreError);
        assert.strictEqual(e.code, 'key-wrong-passphrase');
        assert.ok(
          !text
            .split('\n')
            .slice(1, -2)
            .some((line) => line.length > 8 && e.message.includes(line.slice(0, 8))),
        );
        return true;
      },
    );
  });

  it('rejects a damaged key as malformed-key without echoing it', () => {
    const body = 'MIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAq7BFUpkGp3+LQmlQ';
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    assert.throws(
      () => readPrivateKey(pem),
      (e: unknown) => e instanceof CoreError && e.code === 'malformed-key' && !e.message.includes(body.slice(0, 12)),
    );
  });
});
