// The certificate structure check against the machine's openssl: certificates made by openssl, taken apart
// and put back together with one field crafted (an INTEGER with padding, a BIT STRING with eight unused bits,
// a bad UTF8String in a name, an OID with 0x80 padding, a BOOLEAN of two bytes, trailing fields), each judged
// by `openssl x509 -inform DER -noout`. What openssl refuses, readCertificate refuses; what it loads, the
// structure check lets through (readCertificate may still refuse it for reasons of its own, such as a time
// it cannot read).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { readCertificate } from '../../../src/core/x509/certificate';
import { checkCertificateStructure } from '../../../src/core/x509/certificateStructure';
import { scratchDir } from '../../support/cryptoFixtures';
import { childSlices } from '../../support/fuzzMutations';
import { makeSelfSigned } from '../../support/openssl';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with `tag` (one identifier byte) around `parts` (hex text or bytes). */
function tlv(tag: number, ...parts: (string | Buffer)[]): Buffer {
  const contents = Buffer.concat(parts.map((p) => (typeof p === 'string' ? hex(p) : p)));
  return Buffer.concat([Buffer.from([tag]), lengthBytes(contents.length), contents]);
}
const seq = (...parts: (string | Buffer)[]) => tlv(0x30, ...parts);
const set = (...parts: (string | Buffer)[]) => tlv(0x31, ...parts);
const ascii = (text: string) => Buffer.from(text, 'latin1');

/** The fields of a certificate openssl made, to be replaced one at a time. */
interface Parts {
  version: Buffer | null;
  serial: Buffer;
  algorithm: Buffer;
  issuer: Buffer;
  validity: Buffer;
  subject: Buffer;
  spki: Buffer;
  /** Fields between the key and the extensions (unique identifiers). */
  middle: Buffer[];
  extensions: Buffer | null;
  /** Fields after the extensions. */
  tail: Buffer[];
  outerAlgorithm?: Buffer;
  signature: Buffer;
}

function split(der: Buffer): Parts {
  const [tbs, algorithm, signature] = childSlices(der) ?? [];
  const [version, serial, innerAlgorithm, issuer, validity, subject, spki, extensions] = childSlices(tbs) ?? [];
  assert.ok(algorithm.equals(innerAlgorithm));
  return {
    version,
    serial,
    algorithm,
    issuer,
    validity,
    subject,
    spki,
    middle: [],
    extensions,
    tail: [],
    signature,
  };
}

function join(p: Parts): Buffer {
  const fields = [p.version, p.serial, p.algorithm, p.issuer, p.validity, p.subject, p.spki, ...p.middle];
  if (p.extensions) fields.push(p.extensions);
  const tbs = seq(...[...fields, ...p.tail].filter((f): f is Buffer => f !== null));
  return seq(tbs, p.outerAlgorithm ?? p.algorithm, p.signature);
}

function opensslLoads(der: Buffer): boolean {
  return spawnSync('openssl', ['x509', '-inform', 'DER', '-noout'], { input: der }).status === 0;
}

const nameWith = (value: Buffer) => seq(set(seq(tlv(0x06, '550403'), value)));
const extensionsWith = (...extensions: Buffer[]) => tlv(0xa3, seq(...extensions));
const ECDSA_SHA256 = '2a8648ce3d040302';
const TIME = tlv(0x17, ascii('261203111845Z'));

/** Cases whose crafted field openssl refuses, then cases it loads though they look wrong. */
function cases(base: Parts): { refused: Record<string, Parts>; loaded: Record<string, Parts> } {
  const withAlgorithm = (parameters: Buffer) => {
    const algorithm = seq(tlv(0x06, ECDSA_SHA256), parameters);
    return { ...base, algorithm, outerAlgorithm: algorithm };
  };
  const withName = (value: Buffer) => ({ ...base, subject: nameWith(value) });
  const key = childSlices(base.spki) ?? [];
  return {
    refused: {
      'serial with a leading 00 padding': { ...base, serial: tlv(0x02, '007f') },
      'serial with a leading ff padding': { ...base, serial: tlv(0x02, 'ff80') },
      'empty serial': { ...base, serial: tlv(0x02, '') },
      'serial in constructed form': { ...base, serial: tlv(0x22, tlv(0x02, '01')) },
      'version with padding': { ...base, version: tlv(0xa0, tlv(0x02, '0002')) },
      'version tag not constructed': { ...base, version: tlv(0x80, tlv(0x02, '02')) },
      'signature BIT STRING with 8 unused bits': { ...base, signature: tlv(0x03, '08') },
      'empty signature BIT STRING': { ...base, signature: tlv(0x03, '') },
      'signature in segments with 8 unused bits': { ...base, signature: tlv(0x23, tlv(0x03, '08')) },
      'issuerUID with 8 unused bits': { ...base, middle: [tlv(0x81, '08')] },
      'subjectUID before issuerUID': { ...base, middle: [tlv(0x82, '00'), tlv(0x81, '00')] },
      'bad UTF8String in the subject (lone continuation byte)': withName(tlv(0x0c, '80')),
      'overlong UTF8String in the subject': withName(tlv(0x0c, 'c080')),
      'UTF8String with a surrogate in the subject': withName(tlv(0x0c, 'eda080')),
      'UTF8String past U+10FFFF in the subject': withName(tlv(0x0c, 'f4908080')),
      'bad UTF8String in BER segments': withName(tlv(0x2c, tlv(0x04, 'c3'))),
      'BMPString of odd length in the subject': withName(tlv(0x1e, '0041 00')),
      'BMPString with a surrogate in the subject': withName(tlv(0x1e, 'd800')),
      'UniversalString past U+10FFFF in the subject': withName(tlv(0x1c, '00110000')),
      'UniversalString of 3 bytes in the subject': withName(tlv(0x1c, '000041')),
      'VisibleString in the subject': withName(tlv(0x1a, '41')),
      'INTEGER as a name value': withName(tlv(0x02, '01')),
      'SEQUENCE as a name value, not constructed': withName(tlv(0x10, '')),
      'context-tagged name value': withName(tlv(0x80, '41')),
      'name value with 6 nested segments': withName(
        tlv(0x2c, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x04, '41')))))))),
      ),
      'attribute without a value': { ...base, subject: seq(set(seq(tlv(0x06, '550403')))) },
      'attribute with two values': {
        ...base,
        subject: seq(set(seq(tlv(0x06, '550403'), tlv(0x0c, '41'), tlv(0x0c, '41')))),
      },
      'attribute type OID with 0x80 padding': {
        ...base,
        subject: seq(set(seq(tlv(0x06, '80550403'), tlv(0x0c, '41')))),
      },
      'attribute type OID ending mid-subidentifier': {
        ...base,
        subject: seq(set(seq(tlv(0x06, '550483'), tlv(0x0c, '41')))),
      },
      'empty attribute type OID': { ...base, subject: seq(set(seq(tlv(0x06, ''), tlv(0x0c, '41')))) },
      'RDN as a SEQUENCE': { ...base, subject: seq(seq(seq(tlv(0x06, '550403'), tlv(0x0c, '41')))) },
      'BOOLEAN critical of length 2': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0f'), tlv(0x01, 'ffff'), tlv(0x04, '03020780'))),
      },
      'BOOLEAN critical of length 0': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0f'), tlv(0x01, ''), tlv(0x04, '03020780'))),
      },
      'extension without a value': { ...base, extensions: extensionsWith(seq(tlv(0x06, '551d0f'))) },
      'extension OID with 0x80 padding': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '80551d0e'), tlv(0x04, '040141'))),
      },
      'critical after the value': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0f'), tlv(0x04, '03020780'), tlv(0x01, 'ff'))),
      },
      'empty [3]': { ...base, extensions: tlv(0xa3) },
      'two SEQUENCEs in [3]': { ...base, extensions: tlv(0xa3, seq(), seq()) },
      'trailing INTEGER inside the TBSCertificate': { ...base, tail: [tlv(0x02, '01')] },
      'a second extensions block': { ...base, tail: [base.extensions ?? seq()] },
      'three times in the validity': { ...base, validity: seq(TIME, TIME, TIME) },
      'a UTF8String in the validity': { ...base, validity: seq(tlv(0x0c, ascii('261203111845Z')), TIME) },
      'NULL parameters of length 1': withAlgorithm(tlv(0x05, '00')),
      'INTEGER parameters with padding': withAlgorithm(tlv(0x02, '0001')),
      'BOOLEAN parameters of length 2': withAlgorithm(tlv(0x01, '0000')),
      'OID parameters with 0x80 padding': withAlgorithm(tlv(0x06, '8001')),
      'BIT STRING parameters with 8 unused bits': withAlgorithm(tlv(0x03, '08')),
      'BMPString parameters of odd length': withAlgorithm(tlv(0x1e, '00')),
      'ENUMERATED parameters with padding': withAlgorithm(tlv(0x0a, '0001')),
      'INTEGER parameters in constructed form': withAlgorithm(tlv(0x22, tlv(0x02, '01'))),
      'SEQUENCE parameters not constructed': withAlgorithm(tlv(0x10, '')),
      'end-of-contents as parameters': withAlgorithm(hex('0000')),
      'parameters with a tag number past what OpenSSL reads': withAlgorithm(hex('9f888080800000')),
      'two parameters': {
        ...base,
        algorithm: seq(tlv(0x06, ECDSA_SHA256), tlv(0x05, ''), tlv(0x05, '')),
        outerAlgorithm: seq(tlv(0x06, ECDSA_SHA256), tlv(0x05, ''), tlv(0x05, '')),
      },
      'public key BIT STRING with 8 unused bits': { ...base, spki: seq(key[0], tlv(0x03, '08')) },
      'a field after the public key': { ...base, spki: seq(key[0], key[1], tlv(0x05, '')) },
    },
    loaded: {
      'serial 00 80 (minimal)': { ...base, serial: tlv(0x02, '0080') },
      'serial ff 00 (minimal)': { ...base, serial: tlv(0x02, 'ff00') },
      'version 5': { ...base, version: tlv(0xa0, tlv(0x02, '05')) },
      'no version, with extensions': { ...base, version: null },
      'signature BIT STRING in segments': { ...base, signature: tlv(0x23, tlv(0x03, '0041')) },
      'issuerUID in a v3 certificate': { ...base, middle: [tlv(0x81, '0041')] },
      'issuerUID in segments': { ...base, middle: [tlv(0xa1, tlv(0x03, '0041'))] },
      'UTF8String in segments split inside a character': withName(tlv(0x2c, tlv(0x04, 'c3'), tlv(0x04, 'a9'))),
      'UTF8String in segments with indefinite lengths': withName(tlv(0x2c, hex('2480 040141 0000'))),
      'name value with 5 nested segments': withName(
        tlv(0x2c, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x04, '41'))))))),
      ),
      'U+10FFFF in a UTF8String': withName(tlv(0x0c, 'f48fbfbf')),
      'BMPString U+FFFE': withName(tlv(0x1e, 'fffe')),
      'SEQUENCE as a name value': withName(tlv(0x30, 'ffff')),
      'ObjectDescriptor-tagged name value': withName(tlv(0x07, '')),
      'empty subject': { ...base, subject: seq() },
      'empty RDN': { ...base, subject: seq(set()) },
      'critical FALSE written out': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0f'), tlv(0x01, '00'), tlv(0x04, '03020780'))),
      },
      'critical 05': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0f'), tlv(0x01, '05'), tlv(0x04, '03020780'))),
      },
      'extension value in segments': {
        ...base,
        extensions: extensionsWith(seq(tlv(0x06, '551d0e'), tlv(0x24, tlv(0x04, '040141')))),
      },
      'empty extensions': { ...base, extensions: extensionsWith() },
      // Refused by OpenSSL before the fix of openssl/openssl#23356 (Node 20's 3.0.19 among them), loaded by this one.
      'empty extensions in long form, ending [3]': { ...base, extensions: tlv(0xa3, '308100') },
      'empty name value in long form, ending its attribute': withName(hex('0c8100')),
      'BMPString parameters with a surrogate': withAlgorithm(tlv(0x1e, 'd800')),
      'bad UTF8String parameters': withAlgorithm(tlv(0x0c, 'ff')),
      'short UTCTime parameters': withAlgorithm(tlv(0x17, '41')),
      'SEQUENCE parameters holding garbage': withAlgorithm(tlv(0x30, 'ffff')),
      'indefinite-length SEQUENCE parameters': withAlgorithm(hex('3080 0500 0000')),
      'context-tagged parameters': withAlgorithm(tlv(0xa0, 'ffff')),
      'parameters with the largest tag number OpenSSL reads': withAlgorithm(hex('9f87ffffff7f00')),
      'parameters with a length in 9 bytes, leading zeros': withAlgorithm(hex('3089 000000000000000002 0500')),
      'OCTET STRING parameters in 5 nested segments': withAlgorithm(
        tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x24, tlv(0x04, 'ff'))))))),
      ),
      'OID subidentifier 81 00': { ...base, subject: seq(set(seq(tlv(0x06, '558100'), tlv(0x0c, '41')))) },
      'public key openssl cannot decode': { ...base, spki: seq(key[0], tlv(0x03, '0004ffff')) },
      'public key in segments': { ...base, spki: seq(key[0], tlv(0x23, key[1])) },
    },
  };
}

describe('certificate structure, against openssl x509', function () {
  this.timeout(120_000);
  let base: Parts;

  before(() => {
    const dir = scratchDir('structure-');
    const pemPath = path.join(dir, 'cert.pem');
    makeSelfSigned(pemPath, '/O=Structure/CN=base', { args: ['-addext', 'subjectAltName=DNS:a.example'] });
    const text = fs.readFileSync(pemPath, 'latin1');
    base = split(Buffer.from(text.replace(/-----[^-]+-----/g, ''), 'base64'));
  });

  it('the certificate taken apart and put back together is the one openssl made, and both accept it', () => {
    const der = join(base);
    assert.ok(opensslLoads(der));
    checkCertificateStructure(der);
    readCertificate(der);
  });

  it('refuses what openssl refuses', () => {
    for (const [name, parts] of Object.entries(cases(base).refused)) {
      const der = join(parts);
      assert.strictEqual(opensslLoads(der), false, `openssl loads "${name}": the case belongs with the loaded ones`);
      assert.throws(
        () => readCertificate(der),
        (e: unknown) => e instanceof CoreError && e.code === 'malformed-certificate',
        name,
      );
    }
  });

  it('gives the fingerprint openssl x509 -fingerprint -sha256 gives, also when the outer layers are not DER', () => {
    const { signature } = base;
    const signatureBits = signature.subarray(signature.length - (signature[1] & 0x7f) + 1);
    const variants: Record<string, Buffer> = {
      'as openssl wrote it': join(base),
      'signature with padding bits set': join({ ...base, signature: tlv(0x03, '04', 'ff') }),
      'signature in segments': join({ ...base, signature: tlv(0x23, tlv(0x03, '00', signatureBits)) }),
      'outer length in a long form': (() => {
        const der = join(base);
        const contents = der.subarray(der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2);
        return Buffer.concat([
          hex('30 84'),
          Buffer.from([0, 0, contents.length >> 8, contents.length & 0xff]),
          contents,
        ]);
      })(),
      'NULL parameters on the outer algorithm': join({
        ...base,
        outerAlgorithm: seq(tlv(0x06, ECDSA_SHA256), tlv(0x05, '')),
      }),
    };
    for (const [name, der] of Object.entries(variants)) {
      const printed = spawnSync('openssl', ['x509', '-inform', 'DER', '-noout', '-fingerprint', '-sha256'], {
        input: der,
        encoding: 'utf8',
      }).stdout;
      const want = /=([0-9A-F:]+)/.exec(printed)?.[1];
      assert.ok(want, `openssl printed no fingerprint for "${name}"`);
      assert.strictEqual(readCertificate(der).fingerprintSha256, want, name);
    }
  });

  it('lets through what openssl loads', () => {
    for (const [name, parts] of Object.entries(cases(base).loaded)) {
      const der = join(parts);
      assert.strictEqual(opensslLoads(der), true, `openssl refuses "${name}": the case belongs with the refused ones`);
      assert.doesNotThrow(() => checkCertificateStructure(der), name);
    }
  });
});
