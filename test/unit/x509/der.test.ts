import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { CoreError } from '../../../src/core/errors';
import { decodeString, decodeTime, readNode } from '../../../src/core/x509/der';
import { formatIp } from '../../../src/core/x509/subjectAltNames';
import { scratchDir } from '../../support/cryptoFixtures';
import { makeSelfSigned, openssl } from '../../support/openssl';

const node = (hex: string) => readNode(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const time = (tag: number, text: string) =>
  readNode(Buffer.concat([Buffer.from([tag, text.length]), Buffer.from(text, 'latin1')]));

describe('DER reader', () => {
  it('decodes every directory string type the way OpenSSL -nameopt utf8 prints it', () => {
    assert.strictEqual(decodeString(node('0c 04 c3 9c 20 ac'.replace('20 ac', '41 42'))), 'ÜAB');
    assert.strictEqual(decodeString(node('13 03 41 42 43')), 'ABC');
    assert.strictEqual(decodeString(node('16 03 61 40 62')), 'a@b');
    assert.strictEqual(decodeString(node('14 02 e9 fc')), 'éü'); // T61String, byte per character
    assert.strictEqual(decodeString(node('1e 04 00 dc 20 ac')), 'Ü€'); // BMPString, UTF-16BE
    assert.strictEqual(decodeString(node('1c 08 00 00 00 dc 00 01 f6 00')), 'Ü😀'); // UniversalString, UTF-32BE
    assert.strictEqual(decodeString(node('02 01 05')), '#020105'); // not a string: RFC 2253 hex
  });

  it('decodes UTCTime (50-99 are 19xx) and GeneralizedTime', () => {
    assert.strictEqual(decodeTime(time(0x17, '491231235959Z')).toISOString(), '2049-12-31T23:59:59.000Z');
    assert.strictEqual(decodeTime(time(0x17, '500101000000Z')).toISOString(), '1950-01-01T00:00:00.000Z');
    assert.strictEqual(decodeTime(time(0x18, '99991231235959Z')).toISOString(), '9999-12-31T23:59:59.000Z');
    assert.strictEqual(decodeTime(time(0x18, '20240229120000.25Z')).toISOString(), '2024-02-29T12:00:00.250Z');
    assert.throws(() => decodeTime(time(0x17, '2401011200Z+')), CoreError);
  });

  it('rejects BER indefinite lengths and lengths past the end', () => {
    assert.throws(
      () => node('30 80 00 00'),
      (e: unknown) => e instanceof CoreError && e.code === 'malformed-der',
    );
    assert.throws(
      () => node('30 05 02 01'),
      (e: unknown) => e instanceof CoreError && e.code === 'malformed-der',
    );
  });

  it('formats IP addresses: IPv4 dotted, IPv6 per RFC 5952', () => {
    const v6 = (hex: string) => formatIp(Buffer.from(hex, 'hex'));
    assert.strictEqual(formatIp(Buffer.from([10, 0, 0, 1])), '10.0.0.1');
    assert.strictEqual(v6('20010db8000000000000000000000001'), '2001:db8::1');
    assert.strictEqual(v6('00000000000000000000000000000001'), '::1');
    assert.strictEqual(v6('00000000000000000000000000000000'), '::');
    assert.strictEqual(v6('20010db8000000010000000000000001'), '2001:db8:0:1::1');
    assert.strictEqual(v6('20010db8000100000000000100000000'), '2001:db8:1::1:0:0'); // first of equal runs
    assert.strictEqual(v6('20010db8000100010001000100010001'), '2001:db8:1:1:1:1:1:1');
    assert.strictEqual(v6('20010db8000000010001000100010001'), '2001:db8:0:1:1:1:1:1'); // a single zero group stays
  });
});

describe('attribute names', () => {
  it('match the short names openssl prints for every attribute we name, in order, with UTF-8 values', function () {
    this.timeout(20_000);
    const oids = [
      '2.5.4.3',
      '2.5.4.4',
      '2.5.4.5',
      '2.5.4.6',
      '2.5.4.7',
      '2.5.4.8',
      '2.5.4.9',
      '2.5.4.10',
      '2.5.4.11',
      '2.5.4.12',
      '2.5.4.13',
      '2.5.4.15',
      '2.5.4.17',
      '2.5.4.41',
      '2.5.4.42',
      '2.5.4.43',
      '2.5.4.44',
      '2.5.4.45',
      '2.5.4.46',
      '2.5.4.65',
      '2.5.4.72',
      '2.5.4.97',
      '1.3.6.1.4.1.311.60.2.1.1',
      '1.3.6.1.4.1.311.60.2.1.2',
      '1.3.6.1.4.1.311.60.2.1.3',
      '1.2.840.113549.1.9.1',
      '0.9.2342.19200300.100.1.25',
      '0.9.2342.19200300.100.1.1',
      '2.5.4.16',
      '2.5.4.18',
      '2.5.4.51',
      '2.5.4.54',
      '2.5.4.100',
      '1.2.840.113549.1.9.2',
    ];
    // DirectoryString attributes get a non-ASCII value; the others are PrintableString or IA5String only.
    const directoryStrings = [
      '2.5.4.3',
      '2.5.4.7',
      '2.5.4.8',
      '2.5.4.9',
      '2.5.4.10',
      '2.5.4.11',
      '2.5.4.12',
      '2.5.4.13',
      '2.5.4.41',
      '2.5.4.42',
    ];
    const value = (oid: string) =>
      oid.endsWith('.6') || oid.endsWith('2.1.3')
        ? 'DE'
        : `v${oid.split('.').pop()}${directoryStrings.includes(oid) ? '-Ü' : ''}`;
    const dir = scratchDir('names-');
    const file = path.join(dir, 'names.crt');
    makeSelfSigned(file, oids.map((oid) => `/${oid}=${value(oid)}`).join(''), {
      key: { type: 'ed25519' },
      days: 1,
      args: ['-utf8'],
    });
    const printed = openssl(['x509', '-in', file, '-noout', '-subject', '-nameopt', 'sep_multiline,sname,utf8'])
      .split('\n')
      .filter((l) => l.startsWith('    '))
      .map((l) => l.trim());
    const ours = readCertificate(fs.readFileSync(file)).subject.map((a) => `${a.type}=${a.value}`);
    assert.strictEqual(ours.length, oids.length);
    assert.deepStrictEqual(ours, printed);
    assert.ok(
      ours.every((line) => !/^\d/.test(line)),
      'every attribute has a short name',
    );
  });
});
