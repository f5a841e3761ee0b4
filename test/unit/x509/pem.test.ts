import * as assert from 'assert';
import * as fs from 'fs';
import { looksLikePem, sniffDer, splitPem, toPem } from '../../../src/core/x509/pem';
import { cryptoFixtures } from '../../support/cryptoFixtures';

describe('splitPem', () => {
  it('splits a file with several labels and text around, with 1-based start lines', () => {
    const f = cryptoFixtures();
    const text = fs.readFileSync(f.files['bundle.pem'], 'utf8');
    const { blocks, problems } = splitPem(text);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      blocks.map((b) => b.label),
      ['CERTIFICATE', 'CERTIFICATE', 'CERTIFICATE'],
    );
    const lines = text.split('\n');
    for (const block of blocks) assert.strictEqual(lines[block.line - 1], '-----BEGIN CERTIFICATE-----');
    assert.strictEqual(blocks[0].line, 2);
    const mixed = splitPem(fs.readFileSync(f.files['mixed.pem'], 'utf8'));
    assert.deepStrictEqual(
      mixed.blocks.map((b) => b.label),
      ['CERTIFICATE', 'PRIVATE KEY', 'CERTIFICATE REQUEST'],
    );
  });

  it('keeps lines right with CRLF and a BOM', () => {
    const pem = toPem('CERTIFICATE', Buffer.from([0x30, 0x00]));
    const text = '\ufeff# comment\r\n\r\n' + pem.replace(/\n/g, '\r\n');
    const { blocks } = splitPem(text);
    assert.strictEqual(blocks.length, 1);
    assert.strictEqual(blocks[0].line, 3);
    assert.deepStrictEqual(blocks[0].der, Buffer.from([0x30, 0x00]));
  });

  it('reads legacy encryption headers', () => {
    const f = cryptoFixtures();
    const { blocks } = splitPem(fs.readFileSync(f.files['rsa-legacy-encrypted.key'], 'utf8'));
    assert.strictEqual(blocks[0].label, 'RSA PRIVATE KEY');
    assert.strictEqual(blocks[0].headers['Proc-Type'], '4,ENCRYPTED');
    assert.match(blocks[0].headers['DEK-Info'], /^AES-256-CBC,/);
  });

  it('reports a BEGIN without END as truncated, with its line, and keeps the complete blocks', () => {
    const good = toPem('CERTIFICATE', Buffer.from([0x30, 0x00]));
    const { blocks, problems } = splitPem(good + '-----BEGIN PRIVATE KEY-----\nMIIB\n');
    assert.strictEqual(blocks.length, 1);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].code, 'truncated-pem');
    assert.strictEqual(problems[0].message, 'truncated PEM: BEGIN PRIVATE KEY at line 4 has no END line');
    const twoBegins = splitPem('-----BEGIN CERTIFICATE-----\nMAA=\n' + good);
    assert.strictEqual(twoBegins.blocks.length, 1);
    assert.strictEqual(twoBegins.problems[0].message, 'truncated PEM: BEGIN CERTIFICATE at line 1 has no END line');
    const mismatched = splitPem('-----BEGIN CERTIFICATE-----\nMAA=\n-----END PRIVATE KEY-----\n');
    assert.strictEqual(mismatched.problems[0].code, 'truncated-pem');
  });

  it('reports bad base64 with the offending line', () => {
    const { problems } = splitPem('x\n-----BEGIN CERTIFICATE-----\nMAA=\nMA*A\n-----END CERTIFICATE-----\n');
    assert.strictEqual(problems[0].code, 'bad-base64');
    assert.strictEqual(problems[0].line, 4);
    assert.strictEqual(
      splitPem('-----BEGIN CERTIFICATE-----\nMAA\n-----END CERTIFICATE-----\n').problems[0].code,
      'bad-base64',
    );
    assert.strictEqual(
      splitPem('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n').problems[0].code,
      'bad-base64',
    );
  });

  it('detects PEM by its BEGIN marker', () => {
    assert.ok(looksLikePem(Buffer.from('junk\n-----BEGIN X-----')));
    assert.ok(!looksLikePem(Buffer.from([0x30, 0x82])));
  });
});

describe('sniffDer', () => {
  it('tells certificates, CSRs, keys and PKCS#12 apart by shape', () => {
    const f = cryptoFixtures();
    const der = (file: string) => fs.readFileSync(file);
    const pemDer = (file: string) => splitPem(fs.readFileSync(file, 'utf8')).blocks[0].der;
    assert.strictEqual(sniffDer(der(f.files['rsa.der'])), 'certificate');
    assert.strictEqual(sniffDer(der(f.files['ec-csr.der'])), 'csr');
    assert.strictEqual(sniffDer(der(f.files['ec-key.der'])), 'sec1');
    assert.strictEqual(sniffDer(der(f.files['rsa-pkcs8.der'])), 'pkcs8');
    assert.strictEqual(sniffDer(der(f.files['ec-encrypted.der'])), 'encrypted-pkcs8');
    assert.strictEqual(sniffDer(pemDer(f.files['rsa-pkcs1.key'])), 'pkcs1');
    assert.strictEqual(sniffDer(pemDer(f.files['ec-sec1.key'])), 'sec1');
    assert.strictEqual(sniffDer(der(f.files['rsa-secret.p12'])), 'pkcs12');
    assert.strictEqual(sniffDer(der(f.files['ec-open.pfx'])), 'pkcs12');
    assert.strictEqual(sniffDer(der(f.files['garbage/der-garbage.der'])), undefined);
    assert.strictEqual(sniffDer(Buffer.from('hello')), undefined);
  });
});
