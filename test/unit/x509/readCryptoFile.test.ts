import * as assert from 'assert';
import * as fs from 'fs';
import { CertificateInfo } from '../../../src/core/model';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { cryptoFixtures } from '../../support/cryptoFixtures';

function read(file: string, passphrase?: string) {
  return readCryptoFile(file, fs.readFileSync(file), passphrase === undefined ? {} : { passphrase });
}

describe('readCryptoFile', () => {
  it('yields one item per certificate of a bundle, with index and line', () => {
    const f = cryptoFixtures();
    const result = read(f.files['bundle.pem']);
    assert.deepStrictEqual(result.errors, []);
    assert.deepStrictEqual(
      result.items.map((i) => [i.kind, i.index]),
      [
        ['certificate', 0],
        ['certificate', 1],
        ['certificate', 2],
      ],
    );
    assert.strictEqual(result.items[0].line, 2);
    const text = fs.readFileSync(f.files['bundle.pem'], 'utf8').split('\n');
    for (const item of result.items) assert.strictEqual(text[item.line - 1], '-----BEGIN CERTIFICATE-----');
    assert.deepStrictEqual(
      result.items.map((i) => (i as CertificateInfo).subject.at(-1)?.value),
      ['rsa-client', 'ec-client', 'Test Root CA'],
    );
  });

  it('reads a file mixing certificate, key and CSR', () => {
    const f = cryptoFixtures();
    const result = read(f.files['mixed.pem']);
    assert.deepStrictEqual(
      result.items.map((i) => i.kind),
      ['certificate', 'key', 'csr'],
    );
    assert.deepStrictEqual(
      result.items.map((i) => i.index),
      [0, 1, 2],
    );
    const keys = new Set(result.items.map((i) => ('publicKeySha256' in i ? i.publicKeySha256 : undefined)));
    assert.strictEqual(keys.size, 1);
  });

  it('reads DER certificates, CSRs, keys and PKCS#12', () => {
    const f = cryptoFixtures();
    assert.strictEqual(read(f.files['rsa.der']).items[0].kind, 'certificate');
    assert.strictEqual(read(f.files['ec-csr.der']).items[0].kind, 'csr');
    assert.strictEqual(read(f.files['ec-key.der']).items[0].kind, 'key');
    assert.strictEqual(read(f.files['rsa-empty.p12']).items[0].kind, 'pkcs12');
  });

  it('lists a key or PKCS#12 that a wrong passphrase does not open, next to the error', () => {
    const f = cryptoFixtures();
    const key = read(f.files['rsa-encrypted-pkcs8.key'], 'wrong');
    assert.deepStrictEqual(
      key.items.map((i) => [i.kind, 'encrypted' in i && i.encrypted]),
      [['key', true]],
    );
    assert.deepStrictEqual(
      key.errors.map((e) => e.code),
      ['key-wrong-passphrase'],
    );
    const p12 = read(f.files['rsa-secret.p12'], 'wrong');
    assert.deepStrictEqual(
      p12.items.map((i) => i.kind),
      ['pkcs12'],
    );
    assert.deepStrictEqual(
      p12.errors.map((e) => e.code),
      ['pkcs12-wrong-passphrase'],
    );
    assert.strictEqual(read(f.files['rsa-secret.p12'], 'secret').errors.length, 0);
  });

  it('turns every kind of garbage into a specific error and never throws', () => {
    const f = cryptoFixtures();
    const codes = (name: string) => read(f.files[`garbage/${name}`]).errors.map((e) => e.code);
    assert.deepStrictEqual(codes('random.pem'), ['not-pem-or-der']);
    assert.deepStrictEqual(codes('notes.crt'), ['not-pem-or-der']);
    assert.deepStrictEqual(codes('empty.pem'), ['empty-file']);
    assert.deepStrictEqual(codes('blank.crt'), ['empty-file']);
    assert.deepStrictEqual(codes('truncated.pem'), ['truncated-pem']);
    assert.strictEqual(
      read(f.files['garbage/truncated.pem']).errors[0].message,
      'truncated PEM: BEGIN CERTIFICATE at line 1 has no END line',
    );
    assert.deepStrictEqual(codes('badbase64.pem'), ['bad-base64']);
    assert.deepStrictEqual(codes('der-garbage.der'), ['not-pem-or-der']);
    const unsupported = readCryptoFile(
      'x.pem',
      Buffer.from('-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n'),
    );
    assert.deepStrictEqual(
      unsupported.errors.map((e) => [e.code, e.line]),
      [['unsupported-pem-label', 1]],
    );
    const broken = readCryptoFile(
      'x.pem',
      Buffer.from('-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n'),
    );
    assert.deepStrictEqual(
      broken.errors.map((e) => e.code),
      ['malformed-certificate'],
    );
    const csr = readCryptoFile(
      'x.csr',
      Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n'),
    );
    assert.deepStrictEqual(
      csr.errors.map((e) => e.code),
      ['malformed-csr'],
    );
    for (let seed = 0; seed < 200; seed++) {
      const bytes = Buffer.from(
        Array.from({ length: 40 + seed }, (_, i) => (i === 0 ? 0x30 : (seed * 31 + i * 17) & 0xff)),
      );
      const result = readCryptoFile('fuzz.der', bytes);
      assert.strictEqual(result.items.length + result.errors.length > 0, true);
    }
  });

  it('keeps the good blocks of a file with a broken one', () => {
    const f = cryptoFixtures();
    const text = fs.readFileSync(f.rsa.certPath, 'utf8') + '-----BEGIN CERTIFICATE-----\nMIIB\n';
    const result = readCryptoFile('half.pem', Buffer.from(text));
    assert.strictEqual(result.items.length, 1);
    assert.deepStrictEqual(
      result.errors.map((e) => [e.code, e.line]),
      [['truncated-pem', text.split('\n').length - 2]],
    );
  });
});
