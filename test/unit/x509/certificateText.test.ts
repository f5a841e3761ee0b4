import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { certificateText } from '../../../src/core/x509/certificateText';
import { readCertificate } from '../../../src/core/x509/certificate';
import { childSlices } from '../../support/fuzzMutations';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../../support/openssl';

function opensslText(file: string): string[] {
  return openssl(['x509', '-in', file, '-text', '-noout'])
    .split('\n')
    .map((line) => line.trimEnd());
}

function fingerprint(file: string, digest: string): string {
  return openssl(['x509', '-in', file, '-noout', '-fingerprint', `-${digest}`])
    .trim()
    .split('=')[1];
}

function decoded(file: string): string[] {
  return certificateText(readCertificate(fs.readFileSync(file, 'utf8'), { path: file })).split('\n');
}

/** Every line we print before the fingerprints is a line openssl prints, in the same order. */
function assertOpensslLines(file: string): string[] {
  const ours = decoded(file);
  const theirs = opensslText(file);
  let at = 0;
  for (const line of ours.slice(0, ours.indexOf(''))) {
    const found = theirs.indexOf(line, at);
    assert.ok(found >= 0, `openssl prints ${JSON.stringify(line)} (after line ${at}):\n${theirs.join('\n')}`);
    at = found + 1;
  }
  return ours;
}

describe('certificateText', () => {
  const dir = tempDir();
  const ca = makeCa(path.join(dir, 'ca'), 'Text Root CA');
  const rsa = makeLeaf(ca, path.join(dir, 'rsa'), 'rsa', {
    subject: '/O=Axys Test/OU=Program A/CN=program-a.example.com',
    sans: ['DNS:program-a.example.com', 'DNS:alt.example.com', 'IP:203.0.113.10', 'email:ops@example.com'],
    notBefore: new Date('2025-01-02T03:04:05Z'),
    notAfter: daysFromNow(12),
    key: { type: 'rsa', bits: 3072 },
  });
  const ec = makeLeaf(ca, path.join(dir, 'ec'), 'ec', {
    notAfter: daysFromNow(200),
    key: { type: 'ec', curve: 'secp384r1' },
    serial: '1F',
  });
  const bigSerial = makeLeaf(ca, path.join(dir, 'big'), 'big', {
    notAfter: daysFromNow(30),
    serial: 'C3A1F00D5EEDFACE0123456789ABCDEF01',
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints an RSA client certificate as openssl x509 -text does: names, serial, dates, SANs, key size, extensions', () => {
    const text = assertOpensslLines(rsa.certPath).join('\n');
    for (const expected of [
      'Subject: O = Axys Test, OU = Program A, CN = program-a.example.com',
      'Issuer: O = Test, CN = Text Root CA',
      'Not Before: Jan  2 03:04:05 2025 GMT',
      'Public-Key: (3072 bit)',
      'Exponent: 65537 (0x10001)',
      'DNS:program-a.example.com, DNS:alt.example.com, IP Address:203.0.113.10, email:ops@example.com',
      'X509v3 Basic Constraints:',
      'CA:FALSE',
      'X509v3 Key Usage: critical',
      'Digital Signature, Key Encipherment',
      'TLS Web Client Authentication, TLS Web Server Authentication',
      'X509v3 Subject Key Identifier:',
      'X509v3 Authority Key Identifier:',
      'Signature Algorithm: sha256WithRSAEncryption',
    ])
      assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    const serial = opensslText(rsa.certPath).find((line) => line.includes('Serial Number:'));
    assert.ok(serial && text.includes(serial.trim()), 'the serial line as openssl prints it');
  });

  it('prints an EC certificate with its curve, and a small serial in decimal and hex', () => {
    const text = assertOpensslLines(ec.certPath).join('\n');
    assert.ok(text.includes('Serial Number: 31 (0x1f)'), text);
    assert.ok(text.includes('Public Key Algorithm: id-ecPublicKey'), text);
    assert.ok(text.includes('Public-Key: (384 bit)'), text);
    assert.ok(text.includes('ASN1 OID: secp384r1'), text);
    assert.ok(text.includes('NIST CURVE: P-384'), text);
  });

  it('prints a serial too long for 64 bits in colon hex on its own line', () => {
    const lines = assertOpensslLines(bigSerial.certPath);
    const at = lines.findIndex((line) => line.trim() === 'Serial Number:');
    assert.ok(at > 0, lines.join('\n'));
    assert.strictEqual(lines[at + 1].trim(), 'c3:a1:f0:0d:5e:ed:fa:ce:01:23:45:67:89:ab:cd:ef:01');
  });

  it('prints a CA certificate with CA:TRUE and its key usages', () => {
    const text = assertOpensslLines(ca.certPath).join('\n');
    assert.ok(text.includes('X509v3 Basic Constraints: critical\n                CA:TRUE'), text);
    assert.ok(text.includes('Certificate Sign, CRL Sign'), text);
  });

  it('ends with the SHA-256 and SHA-1 fingerprints openssl prints', () => {
    for (const file of [rsa.certPath, ec.certPath, ca.certPath]) {
      const text = decoded(file).join('\n');
      assert.ok(text.includes(`SHA-256: ${fingerprint(file, 'sha256')}`), text);
      assert.ok(text.includes(`SHA-1: ${fingerprint(file, 'sha1')}`), text);
    }
  });

  // An empty value whose long-form length ends its parent (`30 81 00` as the last bytes of [3]): openssl loads it,
  // but OpenSSL releases before the fix of openssl/openssl#23356 refuse it, Node's among them. Every certificate
  // the inventory lists opens as text, whatever Node's own OpenSSL makes of it.
  it('prints every certificate openssl loads, also one with an empty value in long form at the end of its parent', () => {
    const der = Buffer.from(
      fs
        .readFileSync(ec.certPath, 'utf8')
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s+/g, ''),
      'base64',
    );
    const [tbs, algorithm, signature] = childSlices(der) ?? [];
    const fields = (childSlices(tbs) ?? []).filter((field) => field[0] !== 0xa3);
    const crafted = sequence(sequence(...fields, Buffer.from('a303308100', 'hex')), algorithm, signature);
    const file = path.join(dir, 'long-empty.der');
    fs.writeFileSync(file, crafted);
    openssl(['x509', '-inform', 'DER', '-in', file, '-noout']);
    const text = certificateText(readCertificate(crafted, { path: file }));
    for (const digest of ['sha256', 'sha1']) {
      const expected = openssl(['x509', '-inform', 'DER', '-in', file, '-noout', '-fingerprint', `-${digest}`])
        .trim()
        .split('=')[1];
      assert.ok(text.includes(`${digest === 'sha1' ? 'SHA-1' : 'SHA-256'}: ${expected}`), text);
    }
  });
});

/** A DER SEQUENCE around `parts`. */
function sequence(...parts: Buffer[]): Buffer {
  const contents = Buffer.concat(parts);
  const length = contents.length;
  const header =
    length < 0x80 ? [0x30, length] : length < 0x100 ? [0x30, 0x81, length] : [0x30, 0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from(header), contents]);
}
