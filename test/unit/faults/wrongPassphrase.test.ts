// Fault: a wrong passphrase for an encrypted key (PKCS#8 in PEM and DER, legacy PEM with DEK-Info) or an encrypted
// PKCS#12 file. Each reader says so with its own code and a plain message that holds neither the passphrase nor
// any key material; the file is unchanged, and a scan still lists the key (as encrypted) next to the error.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { inspect } from 'util';
import { CoreError, isCoreError } from '../../../src/core/errors';
import { readInventoryFile, scanInventory } from '../../../src/core/inventory/scanInventory';
import { readPkcs12 } from '../../../src/core/x509/pkcs12';
import { readPrivateKey } from '../../../src/core/x509/privateKey';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { cryptoFixtures, opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';

const WRONG = 'Tr0ub4dor&3-not-this-one';
const WRONG_PASSPHRASES = [WRONG, '', ' ', 'X', 'x '.repeat(5000), 'pässwörd-\u{1f511}', 'a\u0000b'];

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Neither the passphrase nor anything of the file (base64 runs, hex runs) in the error, its inspection or its JSON. */
function assertNothingSecret(error: CoreError, file: string, passphrase: string): void {
  const bytes = fs.readFileSync(file);
  const shown = [error.message, inspect(error, { depth: 5 }), JSON.stringify(error)];
  for (const text of shown) {
    if (passphrase.trim().length >= 3)
      assert.ok(!text.includes(passphrase), `the passphrase appears in: ${text.slice(0, 300)}`);
    for (const run of text.match(/[A-Za-z0-9+/]{24,}/g) ?? [])
      assert.ok(
        !bytes.toString('latin1').includes(run) && !bytes.toString('base64').includes(run),
        `file content in: ${run}`,
      );
    for (const run of text.match(/[0-9a-fA-F]{16,}/g) ?? [])
      assert.ok(!bytes.toString('hex').includes(run.toLowerCase()), `key bytes in: ${run}`);
  }
}

describe('faults: wrong passphrases', function () {
  this.timeout(60_000);

  const keys = [
    ['encrypted PKCS#8 (PEM)', 'rsa-encrypted-pkcs8.key', 'rsa'],
    ['legacy encrypted PEM (Proc-Type, DEK-Info)', 'rsa-legacy-encrypted.key', 'rsa'],
    ['encrypted PKCS#8 (DER)', 'ec-encrypted.der', 'ec'],
  ] as const;

  for (const [name, fileName, leaf] of keys) {
    it(`${name}: key-wrong-passphrase with a clear message, the right one opens it`, () => {
      const f = cryptoFixtures();
      const file = f.files[fileName];
      const before = sha256(file);
      for (const passphrase of WRONG_PASSPHRASES) {
        assert.throws(
          () => readPrivateKey(fs.readFileSync(file), { passphrase }),
          (error: unknown) => {
            assert.ok(isCoreError(error), String(error));
            assert.strictEqual(error.code, 'key-wrong-passphrase');
            assert.strictEqual(error.message, 'could not decrypt the private key: wrong passphrase?');
            assertNothingSecret(error, file, passphrase);
            return true;
          },
        );
      }
      const opened = readPrivateKey(fs.readFileSync(file), { passphrase: 'x' });
      assert.strictEqual(opened.encrypted, true);
      assert.strictEqual(opened.publicKeySha256, opensslSpkiSha256(f[leaf].keyPath, 'key'));
      assert.strictEqual(sha256(file), before, 'the file is unchanged');
    });
  }

  it('a scan with the wrong passphrase lists each encrypted key and an error entry for it', async () => {
    const f = cryptoFixtures();
    const dir = scratchDir('wrong-pass-scan-');
    for (const [, fileName] of keys) fs.copyFileSync(f.files[fileName], path.join(dir, fileName));
    fs.copyFileSync(f.files['rsa-secret.p12'], path.join(dir, 'rsa-secret.p12'));
    fs.copyFileSync(f.rsa.certPath, path.join(dir, 'plain.crt'));
    const result = await scanInventory([dir], { passphrase: WRONG });
    assert.deepStrictEqual(
      result.items.map((i) => [path.basename(i.path), i.kind, 'encrypted' in i ? i.encrypted : undefined]),
      [
        ['ec-encrypted.der', 'key', true],
        ['plain.crt', 'certificate', undefined],
        ['rsa-encrypted-pkcs8.key', 'key', true],
        ['rsa-legacy-encrypted.key', 'key', true],
        ['rsa-secret.p12', 'pkcs12', true],
      ],
    );
    assert.deepStrictEqual(
      result.errors.map((e) => [path.basename(e.path), e.code]),
      [
        ['ec-encrypted.der', 'key-wrong-passphrase'],
        ['rsa-encrypted-pkcs8.key', 'key-wrong-passphrase'],
        ['rsa-legacy-encrypted.key', 'key-wrong-passphrase'],
        ['rsa-secret.p12', 'pkcs12-wrong-passphrase'],
      ],
    );
    for (const error of result.errors) assert.ok(!error.message.includes(WRONG));
    const single = await readInventoryFile(path.join(dir, 'rsa-encrypted-pkcs8.key'), { passphrase: WRONG });
    assert.deepStrictEqual(
      single.errors.map((e) => e.code),
      ['key-wrong-passphrase'],
    );
    assert.deepStrictEqual(
      single.items.map((i) => i.kind),
      ['key'],
    );
  });

  it('PKCS#12: pkcs12-wrong-passphrase with a clear message, for a passphrase-protected and an empty-passphrase file', () => {
    const f = cryptoFixtures();
    for (const fileName of ['rsa-secret.p12', 'rsa-empty.p12']) {
      const file = f.files[fileName];
      const before = sha256(file);
      for (const passphrase of WRONG_PASSPHRASES.filter((p) => !(fileName === 'rsa-empty.p12' && p === ''))) {
        assert.throws(
          () => readPkcs12(fs.readFileSync(file), { passphrase }),
          (error: unknown) => {
            assert.ok(isCoreError(error), String(error));
            assert.strictEqual(
              error.code,
              'pkcs12-wrong-passphrase',
              `${fileName} with ${JSON.stringify(passphrase.slice(0, 20))}: ${error.message}`,
            );
            assert.strictEqual(error.message, 'the passphrase does not open this PKCS#12 file');
            assertNothingSecret(error, file, passphrase);
            return true;
          },
        );
      }
      assert.strictEqual(sha256(file), before);
    }
    const opened = readPkcs12(fs.readFileSync(f.files['rsa-secret.p12']), { passphrase: 'secret' });
    assert.deepStrictEqual([opened.keyCount, opened.certificates.length], [1, 2]);
    const result = readCryptoFile('x.p12', fs.readFileSync(f.files['rsa-secret.p12']), { passphrase: WRONG });
    assert.deepStrictEqual(
      result.errors.map((e) => e.code),
      ['pkcs12-wrong-passphrase'],
    );
    assert.deepStrictEqual(
      result.items.map((i) => i.kind === 'pkcs12' && i.encrypted),
      [true],
    );
  });
});
