// The round trip the rotation guide depends on: `openssl req -new -config <new-config output> -key K -batch`
// must make a CSR whose subject and SANs are the old certificate's, tricky values included.
import * as assert from 'assert';
import * as fs from 'fs';
import * as forge from 'node-forge';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { readCsr } from '../../../src/core/x509/csr';
import { generateKeyAndCsr } from '../../../src/core/generate/generateKeyAndCsr';
import { CertificateInfo } from '../../../src/core/model';
import { configValue, newRequestConfig, requestConfigFileName } from '../../../src/core/generate/newRequestConfig';
import { parseOpensslConfig } from '../../../src/core/opensslConfig/parseOpensslConfig';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { cryptoFixtures, scratchDir } from '../../support/cryptoFixtures';
import { makeKey, openssl } from '../../support/openssl';
import { runOpenssl, subjectAltNameText, subjectReadings } from './support/opensslCsr';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** A self-signed "old" certificate made by openssl from a config, so that any value openssl can hold is possible. */
function oldCertificate(dir: string, name: string, config: string): { certPath: string; keyPath: string } {
  const configPath = path.join(dir, `${name}-old.cnf`);
  fs.writeFileSync(configPath, config);
  const keyPath = makeKey(path.join(dir, `${name}.key`));
  const certPath = path.join(dir, `${name}.crt`);
  const run = runOpenssl([
    'req',
    '-x509',
    '-new',
    '-config',
    configPath,
    '-key',
    keyPath,
    '-days',
    '90',
    '-out',
    certPath,
  ]);
  assert.strictEqual(run.code, 0, run.stderr);
  return { certPath, keyPath };
}

/** new-config's text for the certificate, then openssl's CSR from it with the old key (the comparison needs no new one). */
function roundTrip(
  dir: string,
  certPath: string,
  keyPath: string,
): { certificate: CertificateInfo; text: string; csrPath: string } {
  const certificate = readCertificate(fs.readFileSync(certPath), { path: certPath });
  const text = newRequestConfig(certificate);
  const configPath = requestConfigFileName(certPath);
  fs.writeFileSync(configPath, text, { flag: 'wx' });
  const csrPath = path.join(dir, `${path.basename(certPath, '.crt')}-new.csr`);
  const run = runOpenssl(['req', '-new', '-batch', '-config', configPath, '-key', keyPath, '-out', csrPath]);
  assert.strictEqual(run.code, 0, `${run.stderr}\n${text}`);
  return { certificate, text, csrPath };
}

function assertSameNames(certPath: string, csrPath: string): void {
  assert.deepStrictEqual(subjectReadings('req', csrPath), subjectReadings('x509', certPath));
  assert.strictEqual(subjectAltNameText('req', csrPath), subjectAltNameText('x509', certPath));
}

const TRICKY = lines(
  '[ req ]',
  'prompt = no',
  'utf8 = yes',
  'distinguished_name = dn',
  'x509_extensions = ext',
  '[ dn ]',
  'C = DE',
  'O = "Acme \\"Quoted\\" & \'single\' `back`"',
  '0.OU = "#hash at the start"',
  '1.OU = "  leading and trailing  "',
  'L = "$HOME and ${x} and $(y)"',
  'ST = "back\\\\slash\\\\\\\\double"',
  'CN = "a, b + c = d; e <f>"',
  'street = Ünïcødé 日本 😀',
  'title = "tab\tinside"',
  'description = line1\\nline2\\r',
  'UID = u1',
  '+DC = dc',
  'serialNumber = AB-12 34',
  'emailAddress = ops@example.com',
  '[ ext ]',
  'basicConstraints = CA:FALSE',
  'subjectAltName = @alt',
  '[ alt ]',
  'DNS.1 = client.example.com',
  'DNS.2 = *.wild.example.com',
  'IP.1 = 203.0.113.10',
  'IP.2 = 2001:db8:0:0::10',
  'IP.3 = ::ffff:192.0.2.1',
  'email.1 = ops@example.com',
  'URI.1 = "https://example.com/a?b=c,d#frag$x"',
  'RID.1 = 1.2.3.4',
);

describe('newRequestConfig', function () {
  this.timeout(60_000);

  it("round trip: openssl req on the config gives the certificate's subject and SANs, tricky values included", () => {
    const dir = scratchDir('newconfig-');
    const { certPath, keyPath } = oldCertificate(dir, 'tricky', TRICKY);
    const { certificate, text, csrPath } = roundTrip(dir, certPath, keyPath);
    assertSameNames(certPath, csrPath);
    // The core's reading of the CSR agrees too, attribute for attribute.
    const csr = readCsr(fs.readFileSync(csrPath));
    assert.deepStrictEqual(csr.subject, certificate.subject);
    assert.deepStrictEqual(csr.subjectAltNames, certificate.subjectAltNames);
    assert.ok(
      certificate.subject.some((a) => a.value.includes('\n')),
      'the fixture has a line break',
    );
    assert.doesNotMatch(text, /WARNING/);
  });

  it('round trip for a CA-signed fixture certificate with every common SAN type', () => {
    const f = cryptoFixtures();
    const dir = scratchDir('newconfig-ca-');
    const certPath = path.join(dir, 'rsa-client.crt');
    fs.copyFileSync(f.rsa.certPath, certPath);
    const { csrPath } = roundTrip(dir, certPath, f.rsa.keyPath);
    assertSameNames(certPath, csrPath);
  });

  it('is a config the core reads without a finding, and generate makes the same names from it', async () => {
    const dir = scratchDir('newconfig-core-');
    const { certPath } = oldCertificate(dir, 'core', TRICKY);
    const certificate = readCertificate(fs.readFileSync(certPath), { path: certPath });
    const text = newRequestConfig(certificate);
    const { findings, request } = checkOpensslConfig(text, { providerRules: false });
    assert.deepStrictEqual(findings, []);
    assert.deepStrictEqual(
      request.subject.map((a) => a.value),
      certificate.subject.map((a) => a.value),
    );
    const generated = await generateKeyAndCsr(text);
    const csr = readCsr(generated.csrPem);
    assert.deepStrictEqual(csr.subject, certificate.subject);
    assert.deepStrictEqual(csr.subjectAltNames, certificate.subjectAltNames);
    assert.notStrictEqual(csr.publicKeySha256, certificate.publicKeySha256, 'a new key');
  });

  it('writes the header, N. prefixes for repeated types, + for multi-valued RDNs and the [ req ] settings', () => {
    const dir = scratchDir('newconfig-shape-');
    const { certPath } = oldCertificate(dir, 'program-a', TRICKY);
    const certificate = readCertificate(fs.readFileSync(certPath), { path: certPath });
    const text = newRequestConfig(certificate, { keyFileName: 'program-a-2031.key' });
    assert.match(text, new RegExp(`^#   serial:  ${certificate.serialNumber}$`, 'm'));
    assert.match(text, new RegExp(`^#   expires: ${certificate.notAfter.replace(/\./g, '\\.')}$`, 'm'));
    // The subject as `openssl x509 -subject` prints it (its quotes and escapes), the way the user compares it.
    const printed = openssl(['x509', '-in', certPath, '-noout', '-subject'])
      .replace(/^subject=/, '')
      .trim();
    assert.ok(text.includes(`\n#   subject: ${printed}\n`), text);
    assert.match(text, /^# {3}openssl genrsa -out program-a-2031\.key 2048$/m);
    assert.match(
      text,
      /^# {3}openssl req -new -key program-a-2031\.key -out program-a-2031\.csr -config program-a-openssl\.cnf$/m,
    );
    assert.match(text, /^# {3}openssl req -in program-a-2031\.csr -noout -text -verify$/m);
    assert.match(text, /^0\.OU +=/m);
    assert.match(text, /^1\.OU +=/m);
    assert.match(text, /^\+DC +=|^UID +=.*\n\+DC/m);
    for (const setting of [
      'prompt             = no',
      'default_bits       = 2048',
      'default_md         = sha256',
      'utf8               = yes',
      'string_mask        = utf8only',
      'distinguished_name = dn',
      'req_extensions     = req_ext',
    ]) {
      assert.ok(text.includes(`\n${setting}\n`), setting);
    }
    assert.match(text, /^subjectAltName = @alt_names$/m);
    assert.match(text, /^DNS\.2 += \*\.wild\.example\.com$/m);
    assert.match(text, /^IP\.2 += 2001:db8::10$/m);
    // The header's subject line cannot be broken by a value with a line break.
    const header = text.slice(0, text.indexOf('[ req ]'));
    assert.ok(
      header.split('\n').every((l) => l === '' || l.startsWith('#')),
      header,
    );
    assert.strictEqual(newRequestConfig(certificate, { bits: 3072 }).includes('\ndefault_bits       = 3072\n'), true);
  });

  it('warns in the config about what openssl would refuse or what a config cannot carry', () => {
    // forge writes what openssl's own tools refuse to make: a 70-character CN, a NUL, a dirName SAN.
    const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
    const name = [
      { shortName: 'O', value: 'Org' },
      { shortName: 'OU', value: 'a\u0000b' },
      { shortName: 'CN', value: 'c'.repeat(70) },
    ];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'ok.example' },
          { type: 1, value: 'copy' },
        ],
      },
    ]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const certificate = readCertificate(forge.pki.certificateToPem(cert));
    const text = newRequestConfig(certificate);
    assert.match(text, /^# WARNING: openssl req will refuse CN = c{70}: too long \(limit 64\)$/m);
    assert.match(text, /^# WARNING: the subject's OU \(a\\x00b\) is not text a config can carry; it is left out$/m);
    assert.match(text, /^# WARNING: the SAN email:copy cannot be written/m);
    assert.match(text, /^DNS\.1 = ok\.example$/m);
    assert.doesNotMatch(text, /^email\.1/m);
  });

  it('names the config after the certificate', () => {
    assert.strictEqual(requestConfigFileName('program-a.crt'), 'program-a-openssl.cnf');
    assert.strictEqual(requestConfigFileName('certs/program-a.pem'), path.join('certs', 'program-a-openssl.cnf'));
    assert.strictEqual(requestConfigFileName('/x/client'), '/x/client-openssl.cnf');
  });
});

describe('configValue', () => {
  const ALPHABET = [
    'a',
    'Z',
    '0',
    ' ',
    '\t',
    '"',
    "'",
    '`',
    '\\',
    '#',
    '$',
    '{',
    '}',
    '(',
    ')',
    ',',
    '+',
    '=',
    ';',
    ':',
    '.',
    '@',
    'ü',
    '日',
    '😀',
    '\n',
    '\r',
    '\x7f',
    '\x01',
  ];

  function randomValues(count: number, seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
    return Array.from({ length: count }, () =>
      Array.from({ length: next() % 12 }, () => ALPHABET[next() % ALPHABET.length]).join(''),
    );
  }

  it('leaves plain values bare and quotes the rest', () => {
    assert.strictEqual(configValue('Example Payments Ltd'), 'Example Payments Ltd');
    assert.strictEqual(configValue('2001:db8::1'), '2001:db8::1');
    assert.strictEqual(configValue(' x'), '" x"');
    assert.strictEqual(configValue('a"b\\c'), '"a\\"b\\\\c"');
    assert.strictEqual(configValue('a\nb'), '"a"\\n"b"');
    assert.strictEqual(configValue(''), '""');
  });

  it('reads back exactly through the config reader, for 2,000 random values', () => {
    const values = randomValues(2000, 7);
    const text = ['[ s ]', ...values.map((v, i) => `k${i} = ${configValue(v)}`)].join('\n');
    const config = parseOpensslConfig(text);
    assert.deepStrictEqual(config.findings, []);
    const section = config.sections.find((s) => s.name === 's');
    assert.deepStrictEqual(
      section?.entries.map((e) => e.value),
      values,
    );
  });

  it('reads back exactly through openssl req, for 60 random values', () => {
    const values = randomValues(60, 11).map((v) => v.split('\x7f').join('').split('\x01').join('') || 'x');
    const text = lines(
      '[ req ]',
      'prompt = no',
      'utf8 = yes',
      'distinguished_name = dn',
      '[ dn ]',
      'CN = random',
      ...values.map((v, i) => `${i}.description = ${configValue(v)}`),
    );
    const dir = scratchDir('configvalue-');
    fs.writeFileSync(path.join(dir, 'r.cnf'), text);
    const run = runOpenssl(
      ['req', '-new', '-batch', '-config', 'r.cnf', '-key', cryptoFixtures().rsa.keyPath, '-out', 'r.csr'],
      dir,
    );
    assert.strictEqual(run.code, 0, run.stderr);
    const csr = readCsr(fs.readFileSync(path.join(dir, 'r.csr')));
    assert.deepStrictEqual(
      csr.subject.slice(1).map((a) => a.value),
      values,
    );
  });
});
