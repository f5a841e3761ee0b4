import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatSerial, readCertificate } from '../../../src/core/x509/certificate';
import { CoreError } from '../../../src/core/errors';
import { CertificateInfo } from '../../../src/core/model';
import { cryptoFixtures, opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';
import { flatten, mozillaFiles, OpensslReading, opensslReadings } from '../../support/opensslReadings';

function asLines(name: CertificateInfo['subject']): string[] {
  return name.map((a) => `${a.type}=${a.value}`);
}

describe('readCertificate', () => {
  describe('all Mozilla roots, against openssl x509', function () {
    this.timeout(60_000);
    const files = mozillaFiles();
    let readings: Map<string, OpensslReading>;
    before(function () {
      if (files.length === 0) this.skip();
      readings = opensslReadings(files);
    });

    // Debian's ca-certificates changes with its updates (142 roots in 2026-11, 148 in 2026-12): openssl's count rules.
    it('finds every certificate of the store, one a file, as openssl does', () => {
      assert.ok(files.length > 100, `${files.length} files`);
      assert.strictEqual(readings.size, files.length);
    });

    it('reads serial, fingerprint, dates, subject, issuer and key hash exactly as openssl prints them', () => {
      const mismatches: string[] = [];
      for (const file of files) {
        const cert = readCertificate(fs.readFileSync(file, 'utf8'), { path: file });
        const want = readings.get(file)!;
        const check = (field: string, got: unknown, expected: unknown) => {
          if (JSON.stringify(got) !== JSON.stringify(expected))
            mismatches.push(`${path.basename(file)} ${field}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
        };
        check('serial', cert.serialNumber, want.serial);
        check('fingerprint', cert.fingerprintSha256, want.fingerprint);
        check('notBefore', cert.notBefore, want.notBefore);
        check('notAfter', cert.notAfter, want.notAfter);
        check('subject', asLines(cert.subject), flatten(want.subject));
        check('issuer', asLines(cert.issuer), flatten(want.issuer));
        check('publicKeySha256', cert.publicKeySha256, want.spkiSha256);
      }
      assert.deepStrictEqual(mismatches, []);
    });

    it('knows every key type and size, and that roots are self-signed CAs', () => {
      for (const file of files) {
        const cert = readCertificate(fs.readFileSync(file));
        assert.ok(cert.keyType === 'RSA' || cert.keyType === 'EC', `${file}: ${cert.keyType}`);
        assert.ok((cert.keyBits ?? 0) >= 256, file);
        if (cert.keyType === 'EC') assert.ok(cert.curve, file);
        assert.strictEqual(cert.selfSigned, true, file);
        assert.strictEqual(cert.isCA, true, file);
      }
    });
  });

  describe('fixture certificates', () => {
    it('reads the RSA leaf: names, SANs in order, dates, key facts', () => {
      const f = cryptoFixtures();
      const cert = readCertificate(fs.readFileSync(f.rsa.certPath, 'utf8'), { path: f.rsa.certPath });
      assert.deepStrictEqual(cert.subject, [
        { type: 'C', value: 'DE' },
        { type: 'O', value: 'Test Org' },
        { type: 'OU', value: 'Payments' },
        { type: 'CN', value: 'rsa-client' },
      ]);
      assert.deepStrictEqual(cert.issuer, [
        { type: 'O', value: 'Test' },
        { type: 'CN', value: 'Test Root CA' },
      ]);
      assert.deepStrictEqual(cert.subjectAltNames, [
        { type: 'DNS', value: 'client.example' },
        { type: 'DNS', value: 'alt.example' },
        { type: 'IP', value: '10.0.0.1' },
        { type: 'IP', value: '2001:db8::1' },
        { type: 'email', value: 'ops@example.com' },
        { type: 'URI', value: 'https://example.com/client' },
      ]);
      assert.strictEqual(cert.notAfter, '2030-01-01T00:00:00.000Z');
      assert.strictEqual(cert.notBefore, '2025-01-01T00:00:00.000Z');
      assert.strictEqual(cert.keyType, 'RSA');
      assert.strictEqual(cert.keyBits, 2048);
      assert.strictEqual(cert.selfSigned, false);
      assert.strictEqual(cert.isCA, false);
      assert.strictEqual(cert.line, 1);
      assert.strictEqual(cert.signatureAlgorithm, 'sha256WithRSAEncryption');
      assert.strictEqual(cert.publicKeySha256, opensslSpkiSha256(f.rsa.keyPath, 'key'));
      assert.match(cert.pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    });

    it('reads EC and Ed25519 leaves, the CA, and DER', () => {
      const f = cryptoFixtures();
      const ec = readCertificate(fs.readFileSync(f.ec.certPath, 'utf8'));
      assert.strictEqual(ec.keyType, 'EC');
      assert.strictEqual(ec.curve, 'prime256v1');
      assert.strictEqual(ec.keyBits, 256);
      assert.deepStrictEqual(ec.subjectAltNames, [
        { type: 'DNS', value: 'ec.example' },
        { type: 'IP', value: 'fe80::1:0:0:2' },
      ]);
      assert.strictEqual(ec.publicKeySha256, opensslSpkiSha256(f.ec.keyPath, 'key'));
      const ed = readCertificate(fs.readFileSync(f.ed25519.certPath, 'utf8'));
      assert.strictEqual(ed.keyType, 'Ed25519');
      assert.strictEqual(ed.publicKeySha256, opensslSpkiSha256(f.ed25519.keyPath, 'key'));
      const ca = readCertificate(fs.readFileSync(f.ca.certPath, 'utf8'));
      assert.strictEqual(ca.selfSigned, true);
      assert.strictEqual(ca.isCA, true);
      const der = readCertificate(fs.readFileSync(f.files['rsa.der']));
      const pem = readCertificate(fs.readFileSync(f.rsa.certPath, 'utf8'));
      assert.deepStrictEqual({ ...der, line: 0 }, { ...pem, line: 0 });
    });

    it('prints IPv6 SANs in RFC 5952 form, which openssl reads back as the same address', () => {
      const f = cryptoFixtures();
      const text = openssl(['x509', '-in', f.ec.certPath, '-noout', '-ext', 'subjectAltName']);
      assert.match(text, /IP Address:FE80:0:0:0:1:0:0:2/i);
    });
  });

  describe('serial numbers', () => {
    it('formats like i2a_ASN1_INTEGER: at least two digits, no sign byte, minus for negatives', () => {
      assert.strictEqual(formatSerial(Buffer.from([0x00])), '00');
      assert.strictEqual(formatSerial(Buffer.from([0x01])), '01');
      assert.strictEqual(formatSerial(Buffer.from([0x00, 0x80])), '80');
      assert.strictEqual(formatSerial(Buffer.from([0x01, 0x00])), '0100');
      assert.strictEqual(formatSerial(Buffer.from([0xfb])), '-05');
      assert.strictEqual(formatSerial(Buffer.from([0xff, 0x7f])), '-81');
      assert.strictEqual(formatSerial(Buffer.from([0x80])), '-80');
      assert.strictEqual(formatSerial(Buffer.from([0xff, 0x00])), '-0100');
    });

    it('agrees with openssl on small, high-bit and negative serials', function () {
      this.timeout(20_000);
      const dir = scratchDir('serials-');
      const key = path.join(dir, 'k.pem');
      openssl(['genpkey', '-algorithm', 'ED25519', '-out', key]);
      for (const serial of ['0', '1', '128', '255', '65536', '-5', '-129', '-256']) {
        const file = path.join(dir, `s${serial}.crt`);
        openssl(['req', '-x509', '-key', key, '-subj', '/CN=s', '-days', '1', '-set_serial', serial, '-out', file]);
        const want = openssl(['x509', '-in', file, '-noout', '-serial']).trim().replace('serial=', '');
        assert.strictEqual(readCertificate(fs.readFileSync(file, 'utf8')).serialNumber, want, `serial ${serial}`);
      }
    });
  });

  describe('errors', () => {
    it('rejects a block that is not a certificate with malformed-certificate', () => {
      const pem = '-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n';
      assert.throws(
        () => readCertificate(pem),
        (e: unknown) => e instanceof CoreError && e.code === 'malformed-certificate',
      );
    });
  });
});
