// Fuzzing the certificate, CSR, private key and PKCS#12 readers and readCryptoFile over them: arbitrary bytes and
// text, and mutations of real files made by openssl (PEM lines, base64, DER structure, lengths, bits). A reader
// returns or throws a CoreError with one of its own codes; readCryptoFile never throws and turns every problem into
// an error entry with a code. Where a reader accepts a mutant, what it reads is held to an oracle: Node's
// X509Certificate (OpenSSL) for certificates, the untouched signed bytes for a CSR whose signature it calls valid.
import * as assert from 'assert';
import { createHash, X509Certificate } from 'crypto';
import fc from 'fast-check';
import * as fs from 'fs';
import { readCertificate } from '../../../src/core/x509/certificate';
import { readCsr } from '../../../src/core/x509/csr';
import { readPkcs12 } from '../../../src/core/x509/pkcs12';
import { readPrivateKey } from '../../../src/core/x509/privateKey';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import { expectTyped, fuzz, SUITE_TIMEOUT_MS, timed } from '../../support/fuzzing';
import { childSlices, mutatedBinary, mutatedPem } from '../../support/fuzzMutations';

const INPUT_CODES = ['not-pem-or-der', 'truncated-pem', 'bad-base64'];
const CERT_CODES = [...INPUT_CODES, 'malformed-certificate'];
const CSR_CODES = [...INPUT_CODES, 'malformed-csr'];
// key-derivation-too-costly: iteration counts that would hold the thread for hours are refused before deriving.
const KEY_CODES = [
  ...INPUT_CODES,
  'unsupported-pem-label',
  'malformed-key',
  'key-wrong-passphrase',
  'key-derivation-too-costly',
];
const P12_CODES = ['malformed-pkcs12', 'pkcs12-wrong-passphrase', 'malformed-certificate', 'key-derivation-too-costly'];
/** What readCryptoFile may say about a file's content; `unreadable` would mean a foreign error was caught. */
const FILE_CODES = [...new Set([...CERT_CODES, ...CSR_CODES, ...KEY_CODES, ...P12_CODES, 'empty-file'])];
const PASSPHRASE = 'fuzz-Passphrase-4711';
/** forge decrypts PKCS#12 in plain JavaScript: a legitimate file takes 50-150 ms, a mutant with a larger count more. */
const P12_CALL_LIMIT_MS = 15_000;

interface Seeds {
  certPem: string[];
  certDer: Buffer[];
  csrPem: string[];
  csrDer: Buffer[];
  /** Original CertificationRequestInfo and signature bytes of every seed CSR. */
  csrSigned: Array<{ info: Buffer; signature: Buffer }>;
  keyPem: string[];
  keyDer: Buffer[];
  p12: Buffer[];
  files: Buffer[];
}

/** Base64 between the markers; RFC 1421 headers (`Proc-Type: ...` up to the first blank line) left out. */
function pemToDer(pem: string): Buffer {
  // Lines that start like markers are skipped, as the reader skips a malformed BEGIN line inside a block.
  const lines = pem
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => !l.startsWith('-----'));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length > 0 && /^[A-Za-z-]+:/.test(lines[0])) {
    const blank = lines.indexOf('');
    lines.splice(0, blank < 0 ? lines.length : blank);
  }
  return Buffer.from(lines.join('').replace(/\s+/g, ''), 'base64');
}

function seeds(): Seeds {
  const f = cryptoFixtures();
  const read = (p: string) => fs.readFileSync(p, 'latin1');
  const certPem = [f.rsa.certPath, f.ec.certPath, f.ed25519.certPath, f.ca.certPath, f.expired.certPath].map(read);
  const csrPem = [
    f.rsa.csrPath,
    f.ec.csrPath,
    f.ed25519.csrPath,
    f.files['pss.csr'],
    f.files['sha1.csr'],
    f.files['ec-sha384.csr'],
  ].map(read);
  const csrDer = csrPem.map(pemToDer);
  const csrSigned = csrDer.map((der) => {
    const [info, , signature] = childSlices(der) ?? [];
    return { info, signature };
  });
  const keyPem = [
    f.rsa.keyPath,
    f.ec.keyPath,
    f.ed25519.keyPath,
    f.files['rsa-pkcs1.key'],
    f.files['ec-sec1.key'],
    f.files['rsa-encrypted-pkcs8.key'],
    f.files['rsa-legacy-encrypted.key'],
  ].map(read);
  const keyDer = [f.files['ec-key.der'], f.files['rsa-pkcs8.der'], f.files['ec-encrypted.der']].map((p) =>
    fs.readFileSync(p),
  );
  const p12 = [f.files['rsa-secret.p12'], f.files['rsa-empty.p12'], f.files['ec-open.pfx']].map((p) =>
    fs.readFileSync(p),
  );
  const files = [
    f.files['bundle.pem'],
    f.files['mixed.pem'],
    f.rsa.keyPath,
    f.files['rsa.der'],
    f.files['ec-csr.der'],
    f.files['ec-key.der'],
    f.files['rsa-pkcs8.der'],
    f.files['ec-encrypted.der'],
    f.files['rsa-legacy-encrypted.key'],
    f.files['ec-open.pfx'],
  ].map((p) => fs.readFileSync(p));
  return { certPem, certDer: certPem.map(pemToDer), csrPem, csrDer, csrSigned, keyPem, keyDer, p12, files };
}

/** One of the seeds, mutated as text (PEM) or as bytes (DER). */
function mutant(pems: string[], ders: Buffer[]): fc.Arbitrary<string | Buffer> {
  const options: Array<fc.Arbitrary<string | Buffer>> = [];
  if (pems.length > 0) options.push(fc.nat().chain((i) => mutatedPem(pems[i % pems.length])));
  if (ders.length > 0) options.push(fc.nat().chain((i) => mutatedBinary(ders[i % ders.length])));
  return fc.oneof(...options);
}

const arbitraryInput: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc
    .tuple(
      fc.constantFrom(
        'CERTIFICATE',
        'CERTIFICATE REQUEST',
        'PRIVATE KEY',
        'ENCRYPTED PRIVATE KEY',
        'RSA PRIVATE KEY',
        'EC PRIVATE KEY',
      ),
      fc.uint8Array({ maxLength: 300 }),
    )
    .map(
      ([label, bytes]) =>
        `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64')}\n-----END ${label}-----\n`,
    ),
);

/**
 * Neither the passphrase nor the content in a message: no run of 16+ base64 characters from the input's body (the
 * lines between the markers, or the base64 of DER bytes), no run of 16+ hex digits of its bytes. (PEM labels are
 * quoted in messages, and a mutated BEGIN line may hold anything.)
 */
function noKeyMaterial(message: string, input: string | Buffer): void {
  assert.ok(!message.includes(PASSPHRASE), `the passphrase is in the message: ${message}`);
  const text = Buffer.isBuffer(input) ? input.toString('latin1') : input;
  const body = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('-----'))
    .join('');
  const base64 = Buffer.isBuffer(input) ? input.toString('base64') : '';
  for (const run of message.match(/[A-Za-z0-9+/]{16,}/g) ?? []) {
    assert.ok(!body.includes(run) && !base64.includes(run), `input content in the message: ${message}`);
  }
  const hex = (Buffer.isBuffer(input) ? input : pemToDer(input)).toString('hex');
  for (const run of message.match(/[0-9a-fA-F]{16,}/g) ?? [])
    assert.ok(!hex.includes(run.toLowerCase()), `key bytes in the message: ${message}`);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Seconds since the epoch of a date as OpenSSL prints it (`Jan  1 00:00:00 2030 GMT`); NaN for `Bad time value`. */
function opensslDate(text: string): number {
  const m = /^([A-Z][a-z]{2}) +(\d+) (\d\d):(\d\d):(\d\d)(?:\.\d+)? (\d+) GMT$/.exec(text);
  if (!m) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[6]), MONTHS.indexOf(m[1]), Number(m[2]));
  date.setUTCHours(Number(m[3]), Number(m[4]), Number(m[5]));
  return Math.floor(date.getTime() / 1000);
}

describe('fuzz: certificate, CSR, key and PKCS#12 readers', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let s: Seeds;
  before(() => {
    s = seeds();
  });

  it('readCertificate: arbitrary input', () => {
    fuzz(
      'readCertificate arbitrary',
      [arbitraryInput],
      (input) => {
        expectTyped('readCertificate', input, () => readCertificate(input), CERT_CODES);
      },
      { weight: 2 },
    );
  });

  it('readCertificate: mutated certificates; what it accepts agrees with OpenSSL', () => {
    fuzz(
      'readCertificate mutated',
      [mutant(s.certPem, s.certDer)],
      (input) => {
        const { value } = expectTyped('readCertificate', input, () => readCertificate(input), CERT_CODES);
        if (!value) return;
        const x509 = new X509Certificate(value.pem);
        assert.strictEqual(value.fingerprintSha256, x509.fingerprint256);
        assert.strictEqual(
          Math.floor(Date.parse(value.notAfter) / 1000),
          opensslDate(x509.validTo),
          `notAfter ${value.notAfter} vs ${x509.validTo}`,
        );
        assert.strictEqual(
          Math.floor(Date.parse(value.notBefore) / 1000),
          opensslDate(x509.validFrom),
          `notBefore ${value.notBefore} vs ${x509.validFrom}`,
        );
        // Node prints a serial of zero as 0, `openssl x509 -serial` (and the reader) as 00.
        const magnitude = (hex: string) => hex.replace(/^-/, '').replace(/^0+/, '').toUpperCase() || '0';
        assert.strictEqual(magnitude(value.serialNumber), magnitude(x509.serialNumber), 'serial');
        // publicKeySha256 hashes the SPKI bytes as the certificate encodes them; OpenSSL re-encodes the key it decoded.
        // They agree whenever OpenSSL's encoding is the certificate's own (not for, say, RSA parameters other than NULL).
        let spki: Buffer | undefined;
        try {
          spki = x509.publicKey.export({ type: 'spki', format: 'der' });
        } catch {
          // OpenSSL decodes the key lazily: a certificate whose key it cannot decode still parses; nothing to compare.
        }
        const certificateDer = pemToDer(value.pem);
        if (spki && certificateDer.includes(spki)) {
          assert.strictEqual(value.publicKeySha256, createHash('sha256').update(spki).digest('hex'), 'public key hash');
        }
      },
      { weight: 3 },
    );
  });

  it('readCertificate: every mutant OpenSSL (X509Certificate, d2i_X509) refuses is refused too', () => {
    // No X509Certificate stands behind readCertificate any more: its own structure check must refuse at least
    // what OpenSSL refuses. DER mutants, where the two see the same bytes (PEM mutants are above).
    fuzz(
      'readCertificate refuses what OpenSSL refuses',
      [fc.nat().chain((i) => mutatedBinary(s.certDer[i % s.certDer.length]))],
      (der) => {
        let opensslRefuses = false;
        try {
          new X509Certificate(der);
        } catch {
          opensslRefuses = true;
        }
        const { value } = expectTyped('readCertificate', der, () => readCertificate(der), CERT_CODES);
        if (opensslRefuses)
          assert.strictEqual(value, undefined, 'OpenSSL refuses this certificate; readCertificate read it');
      },
      { weight: 3 },
    );
  });

  it('readCsr: arbitrary input', () => {
    fuzz(
      'readCsr arbitrary',
      [arbitraryInput],
      (input) => {
        expectTyped('readCsr', input, () => readCsr(input), CSR_CODES);
      },
      { weight: 2 },
    );
  });

  it('readCsr: mutated CSRs; a signature is only valid over the bytes that were signed', () => {
    fuzz(
      'readCsr mutated',
      [mutant(s.csrPem, s.csrDer)],
      (input) => {
        const { value } = expectTyped('readCsr', input, () => readCsr(input), CSR_CODES);
        if (!value?.signatureValid) return;
        // The block the reader took (the first readable one), from its BEGIN line to its END line.
        let der = input as Buffer;
        if (!Buffer.isBuffer(input)) {
          const lines = input.split('\n').slice(value.line - 1);
          const end = lines.findIndex((l, i) => i > 0 && /^-----END .*-----$/.test(l.trim()));
          der = pemToDer(lines.slice(1, end).join('\n'));
        }
        assert.strictEqual(
          der[0],
          0x30,
          `a CSR whose outer tag is not SEQUENCE (openssl req refuses it) read as signature-valid: ${der.subarray(0, 12).toString('hex')}`,
        );
        const [info, , signature] = childSlices(der) ?? [];
        assert.ok(info && signature, 'a CSR with a valid signature has info, algorithm and signature');
        assert.ok(
          s.csrSigned.some((o) => o.info.equals(info) && o.signature.equals(signature)),
          `signatureValid on changed bytes: ${der.toString('base64')}`,
        );
      },
      { weight: 3 },
    );
  });

  it('readPrivateKey: arbitrary input, with and without a passphrase; messages hold no key material', () => {
    fuzz(
      'readPrivateKey arbitrary',
      [arbitraryInput, fc.boolean()],
      (input, withPassphrase) => {
        const options = withPassphrase ? { passphrase: PASSPHRASE } : {};
        const { error } = expectTyped('readPrivateKey', input, () => readPrivateKey(input, options), KEY_CODES);
        if (error) noKeyMaterial(error.message, input);
      },
      { weight: 2 },
    );
  });

  it('readPrivateKey: mutated keys (PKCS#8, PKCS#1, SEC1, encrypted, legacy encrypted, DER)', () => {
    fuzz(
      'readPrivateKey mutated',
      [mutant(s.keyPem, s.keyDer), fc.boolean()],
      (input, withPassphrase) => {
        const options = withPassphrase ? { passphrase: PASSPHRASE } : {};
        const { value, error } = expectTyped('readPrivateKey', input, () => readPrivateKey(input, options), KEY_CODES);
        if (error) noKeyMaterial(error.message, input);
        if (value && !value.encrypted) assert.match(value.publicKeySha256 ?? '', /^[0-9a-f]{64}$/);
      },
      { weight: 2 },
    );
  });

  it('readPkcs12: arbitrary bytes', () => {
    fuzz(
      'readPkcs12 arbitrary',
      [fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)), fc.boolean()],
      (der, withPassphrase) => {
        const { error } = expectTyped(
          'readPkcs12',
          der,
          () => readPkcs12(der, withPassphrase ? { passphrase: PASSPHRASE } : {}),
          P12_CODES,
        );
        if (error) noKeyMaterial(error.message, der);
      },
      { weight: 1 },
    );
  });

  it('readPkcs12: mutated PKCS#12 files (passphrase, empty passphrase, no protection)', () => {
    fuzz(
      'readPkcs12 mutated',
      [
        fc.nat().chain((i) => mutatedBinary(s.p12[i % s.p12.length])),
        fc.constantFrom(undefined, 'secret', '', PASSPHRASE),
      ],
      (der, passphrase) => {
        const { error } = expectTyped(
          'readPkcs12',
          der,
          () => readPkcs12(der, passphrase === undefined ? {} : { passphrase }),
          P12_CODES,
          P12_CALL_LIMIT_MS,
        );
        if (error) noKeyMaterial(error.message, der);
      },
      { weight: 0.3 },
    );
  });

  it('readCryptoFile: never throws; every problem is an error entry with a content code', () => {
    const input = fc.oneof(
      arbitraryInput.map((i) => (Buffer.isBuffer(i) ? i : Buffer.from(i, 'latin1'))),
      fc.nat().chain((i) => mutatedBinary(s.files[i % s.files.length])),
      fc
        .nat()
        .chain((i) => mutatedPem(s.files[i % 3].toString('latin1')))
        .map((t) => Buffer.from(t, 'latin1')),
    );
    fuzz(
      'readCryptoFile',
      [input, fc.constantFrom(undefined, 'x', PASSPHRASE)],
      (bytes, passphrase) => {
        const result = timed(
          'readCryptoFile',
          bytes,
          () => readCryptoFile('/fuzz/file.pem', bytes, passphrase === undefined ? {} : { passphrase }),
          P12_CALL_LIMIT_MS,
        );
        assert.ok(result.items.length + result.errors.length > 0, 'a file yields items or errors');
        for (const error of result.errors) {
          assert.ok(FILE_CODES.includes(error.code), `error entry code ${error.code}: ${error.message}`);
          assert.strictEqual(error.path, '/fuzz/file.pem');
          assert.ok(error.message.length > 0);
          noKeyMaterial(error.message, bytes);
        }
        for (const item of result.items) assert.strictEqual(item.path, '/fuzz/file.pem');
      },
      { weight: 2 },
    );
  });
});
