import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';

// OpenSSL's traditional DSA keys (`DSA PRIVATE KEY`, and the same structure in DER), as `openssl dsa` writes
// them: openssl reads them as keys, so the inventory lists them as keys.
describe('traditional DSA private keys', function () {
  this.timeout(30_000);
  const dir = scratchDir('dsa-');
  const file = (name: string) => path.join(dir, name);
  before(() => {
    openssl(['dsaparam', '-out', file('params.pem'), '1024']);
    openssl(['gendsa', '-out', file('pkcs8.pem'), file('params.pem')]);
    openssl(['dsa', '-in', file('pkcs8.pem'), '-out', file('traditional.pem')]);
    openssl(['dsa', '-in', file('pkcs8.pem'), '-outform', 'DER', '-out', file('traditional.der')]);
    openssl(['dsa', '-in', file('pkcs8.pem'), '-aes128', '-passout', 'pass:x', '-out', file('encrypted.pem')]);
  });

  const bits = () =>
    Number(/\((\d+) bit\)/.exec(openssl(['pkey', '-in', file('pkcs8.pem'), '-noout', '-text_pub']))![1]);

  it('are what openssl dsa writes', () => {
    assert.match(fs.readFileSync(file('traditional.pem'), 'latin1'), /^-----BEGIN DSA PRIVATE KEY-----/);
    assert.match(fs.readFileSync(file('encrypted.pem'), 'latin1'), /Proc-Type: 4,ENCRYPTED/);
    assert.match(openssl(['pkey', '-inform', 'DER', '-in', file('traditional.der'), '-noout', '-text_pub']), /bit/);
  });

  for (const [name, format] of [
    ['traditional.pem', 'dsa'],
    ['traditional.der', 'der'],
  ]) {
    it(`reads ${name} with the public key and size openssl derives`, () => {
      const { items, errors } = readCryptoFile(file(name), fs.readFileSync(file(name)));
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(items.length, 1);
      const key = items[0];
      assert.ok(key.kind === 'key');
      assert.strictEqual(key.format, format);
      assert.strictEqual(key.keyType, 'DSA');
      assert.strictEqual(key.keyBits, bits());
      assert.strictEqual(key.publicKeySha256, opensslSpkiSha256(file('pkcs8.pem'), 'key'));
    });
  }

  it('recognises an encrypted one, and opens it with its passphrase', () => {
    const locked = readCryptoFile(file('encrypted.pem'), fs.readFileSync(file('encrypted.pem')));
    assert.deepStrictEqual(locked.errors, []);
    assert.deepStrictEqual(
      locked.items.map((k) => k.kind === 'key' && [k.format, k.encrypted]),
      [['dsa', true]],
    );
    const opened = readCryptoFile(file('encrypted.pem'), fs.readFileSync(file('encrypted.pem')), { passphrase: 'x' });
    const key = opened.items[0];
    assert.ok(key.kind === 'key');
    assert.strictEqual(key.publicKeySha256, opensslSpkiSha256(file('encrypted.pem'), 'key', 'x'));
  });
});
