import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { CompareFinding } from '../../../src/core/compare/compareFinding';
import { compareRequest } from '../../../src/core/compare/compareRequest';
import { hasErrors } from '../../../src/core/compare/hasErrors';
import { requestFactsFromCertificate } from '../../../src/core/compare/requestFactsFromCertificate';
import { requestFactsFromConfig } from '../../../src/core/compare/requestFactsFromConfig';
import { requestFactsFromCsr } from '../../../src/core/compare/requestFactsFromCsr';
import { subjectAltNameKey } from '../../../src/core/compare/subjectAltNameKey';
import { readCsr } from '../../../src/core/x509/csr';
import { CertificateInfo, CsrInfo } from '../../../src/core/model';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { toPem } from '../../../src/core/x509/pem';
import { opensslSpkiSha256 } from '../../support/cryptoFixtures';
import { makeCa, makeCsr, makeKey, makeLeaf, openssl, tempDir } from '../../support/openssl';

const SUBJECT = '/C=DE/O=Test Org/OU=Payments/CN=client.example';
const SANS = [
  'DNS:client.example',
  'DNS:Alt.Example',
  'IP:10.0.0.1',
  'IP:2001:DB8:0:0:0:0:0:1',
  'email:Ops@Example.COM',
  'URI:https://Example.com/client',
];

/** `openssl req -verify` (3.0 exits 0 either way; the message tells). */
function opensslVerifiesCsr(file: string): boolean {
  const result = spawnSync('openssl', ['req', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
  return /verify OK/.test(result.stdout + result.stderr) && !/fail/i.test(result.stdout + result.stderr);
}

/** The same request with one signature bit flipped: the signature is the DER's last bytes. */
function tamper(csrPath: string, outPath: string): string {
  const der = readCsrDer(csrPath);
  der[der.length - 8] ^= 0x01;
  fs.writeFileSync(outPath, toPem('CERTIFICATE REQUEST', der));
  return outPath;
}

function readCsrDer(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8');
  return Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

const codes = (findings: CompareFinding[]) => findings.map((f) => `${f.severity}:${f.code}`).sort();

interface Fixtures {
  dir: string;
  old: CertificateInfo;
  oldPaths: { keyPath: string; csrPath: string; certPath: string };
  oldEc: CertificateInfo;
  newKey: string;
  csr: Record<string, string>;
}

describe('compareRequest', function () {
  this.timeout(60_000);
  let f: Fixtures;
  const csr = (name: string): CsrInfo => readCsr(fs.readFileSync(f.csr[name], 'utf8'));
  const compare = (name: string, options = {}) => compareRequest(f.old, requestFactsFromCsr(csr(name)), options);

  before(() => {
    const dir = tempDir('mtls-compare-');
    const ca = makeCa(path.join(dir, 'ca'), 'Compare CA', {
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2034-01-01T00:00:00Z'),
      key: { type: 'ec' },
    });
    const oldPaths = makeLeaf(ca, dir, 'old', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
    });
    const oldEcPaths = makeLeaf(ca, dir, 'old-ec', {
      subject: SUBJECT,
      sans: SANS,
      key: { type: 'ec' },
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
    });
    const newKey = makeKey(path.join(dir, 'new.key'));
    const weakKey = path.join(dir, 'weak.key');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', weakKey]);
    const ecKey = makeKey(path.join(dir, 'ec.key'), { type: 'ec' });
    const c: Record<string, string> = {};
    const make = (name: string, key: string, subject: string, sans: string[]) =>
      (c[name] = makeCsr(key, path.join(dir, `${name}.csr`), subject, sans));
    // Same names, other spellings: IPv6 long form vs short, DNS and e-mail domain and URI host case, SAN order.
    const respelt = [
      'URI:HTTPS://example.COM/client',
      'email:Ops@example.com',
      'IP:2001:db8::1',
      'IP:10.0.0.1',
      'DNS:alt.example',
      'DNS:CLIENT.example',
    ];
    make('same', newKey, SUBJECT, respelt);
    make('reordered', newKey, '/CN=client.example/OU=Payments/O=Test Org/C=DE', SANS);
    make('changed', newKey, '/C=DE/O=Other Org/OU=Payments/CN=client.example', SANS);
    make('case', newKey, '/C=DE/O=test org/OU=Payments/CN=client.example', SANS);
    make('missing', newKey, '/C=DE/O=Test Org/CN=client.example', SANS);
    make('extra', newKey, '/C=DE/O=Test Org/OU=Payments/OU=Cards/CN=client.example', SANS);
    make('sans', newKey, SUBJECT, [
      'DNS:client.example',
      'DNS:alt.example',
      'IP:10.0.0.2',
      'IP:2001:db8::1',
      'DNS:new.example',
      'email:Ops@example.com',
      'URI:https://example.com/client',
    ]);
    make('mailLocal', newKey, SUBJECT, [...SANS.filter((s) => !s.startsWith('email:')), 'email:ops@example.com']);
    make('reused', oldPaths.keyPath, SUBJECT, SANS);
    make('weak', weakKey, SUBJECT, SANS);
    make('ec', ecKey, SUBJECT, SANS);
    make('ecReused', oldEcPaths.keyPath, SUBJECT, SANS);
    c.tampered = tamper(c.same, path.join(dir, 'tampered.csr'));
    f = {
      dir,
      oldPaths,
      newKey,
      csr: c,
      old: readCertificate(fs.readFileSync(oldPaths.certPath, 'utf8')),
      oldEc: readCertificate(fs.readFileSync(oldEcPaths.certPath, 'utf8')),
    };
  });
  after(() => fs.rmSync(f.dir, { recursive: true, force: true }));

  it('finds nothing when a new key requests the same names, however they are spelt', () => {
    assert.deepStrictEqual(compare('same'), []);
    assert.strictEqual(hasErrors(compare('same')), false);
  });

  it('notes a reordered subject as info only', () => {
    const findings = compare('reordered');
    assert.deepStrictEqual(codes(findings), ['info:subject-order']);
    assert.deepStrictEqual(findings[0].data?.oldOrder, ['C', 'O', 'OU', 'CN']);
    assert.deepStrictEqual(findings[0].data?.newOrder, ['CN', 'OU', 'O', 'C']);
    assert.strictEqual(hasErrors(findings), false);
  });

  it('reports a changed, missing or extra subject attribute, naming it and both values', () => {
    const changed = compare('changed');
    assert.deepStrictEqual(codes(changed), ['error:subject-mismatch']);
    assert.deepStrictEqual(
      [changed[0].attribute, changed[0].oldValue, changed[0].newValue],
      ['O', 'Test Org', 'Other Org'],
    );
    assert.match(changed[0].message, /O differs.*"Test Org".*"Other Org"/);

    const caseOnly = compare('case');
    assert.deepStrictEqual(codes(caseOnly), ['error:subject-mismatch']);
    assert.strictEqual(caseOnly[0].data?.caseOnly, true);
    assert.match(caseOnly[0].message, /letter case/);

    const missing = compare('missing');
    assert.deepStrictEqual(codes(missing), ['error:subject-mismatch']);
    assert.deepStrictEqual(
      [missing[0].attribute, missing[0].oldValue, missing[0].newValue, missing[0].data?.difference],
      ['OU', 'Payments', undefined, 'missing'],
    );

    const extra = compare('extra');
    assert.deepStrictEqual(codes(extra), ['error:subject-mismatch']);
    assert.deepStrictEqual(
      [extra[0].attribute, extra[0].newValue, extra[0].data?.difference],
      ['OU', 'Cards', 'extra'],
    );
    assert.ok(hasErrors(extra));
  });

  it('warns about a removed and an added SAN, naming each', () => {
    const findings = compare('sans');
    assert.deepStrictEqual(
      findings.map((x) => `${x.severity}:${x.code}:${x.san?.type}:${x.san?.value}`),
      ['warning:san-removed:IP:10.0.0.1', 'warning:san-added:IP:10.0.0.2', 'warning:san-added:DNS:new.example'],
    );
    assert.match(findings[1].message, /allowlisted.*403 "No Authorised IPs configured"/);
    assert.match(findings[0].message, /IP:10\.0\.0\.1/);
    assert.strictEqual(hasErrors(findings), false);
  });

  it('compares the local part of an e-mail address as written', () => {
    assert.deepStrictEqual(
      compare('mailLocal').map((x) => `${x.code}:${x.san?.value}`),
      ['san-removed:Ops@Example.COM', 'san-added:ops@example.com'],
    );
  });

  it("refuses the old key, agreeing with openssl's public keys, and keys listed as old", () => {
    for (const [name, old] of [
      ['reused', f.old],
      ['ecReused', f.oldEc],
      ['same', f.old],
      ['ec', f.oldEc],
    ] as const) {
      const findings = compareRequest(old, requestFactsFromCsr(csr(name)));
      const opensslSame =
        opensslSpkiSha256(f.csr[name], 'csr') ===
        opensslSpkiSha256(old === f.old ? f.oldPaths.certPath : path.join(f.dir, 'old-ec.crt'), 'cert');
      assert.strictEqual(
        findings.some((x) => x.code === 'key-reused' && x.severity === 'error'),
        opensslSame,
        name,
      );
    }
    const reused = compare('reused').find((x) => x.code === 'key-reused');
    assert.strictEqual(reused?.data?.reusedFrom, 'old-certificate');
    const newHash = opensslSpkiSha256(f.newKey, 'key');
    const listed = compare('same', { oldKeys: [newHash.toUpperCase().replace(/(..)(?!$)/g, '$1:')] });
    assert.deepStrictEqual(codes(listed), ['error:key-reused']);
    assert.strictEqual(listed[0].data?.reusedFrom, 'old-keys');
  });

  it('refuses RSA below 2048 bits and warns about keys that are not RSA', () => {
    const weak = compare('weak');
    assert.deepStrictEqual(codes(weak), ['error:weak-key']);
    assert.strictEqual(weak[0].data?.keyBits, 1024);
    const ec = compare('ec');
    assert.deepStrictEqual(codes(ec), ['warning:weak-key']);
    assert.match(ec[0].message, /EC key \(prime256v1\).*RSA-2048/);
  });

  it('reports a CSR whose signature does not verify, as openssl req -verify does', () => {
    for (const name of ['same', 'tampered', 'weak', 'ec']) {
      const invalid = compare(name).some((x) => x.code === 'signature-invalid');
      assert.strictEqual(invalid, !opensslVerifiesCsr(f.csr[name]), name);
    }
    assert.deepStrictEqual(codes(compare('tampered')), ['error:signature-invalid']);
  });

  it('holds an issued certificate against the old one', () => {
    assert.deepStrictEqual(
      compareRequest(f.old, requestFactsFromCertificate(f.old)).map((x) => x.code),
      ['key-reused'],
    );
    const other = compareRequest(f.old, requestFactsFromCertificate(f.oldEc));
    assert.deepStrictEqual(codes(other), ['warning:weak-key']);
  });

  describe('a request config', () => {
    const config = [
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'CN = client.example',
      'O = Test Org',
      'C = DE',
      'OU = Cards',
      '[ ext ]',
      'subjectAltName = DNS:CLIENT.example, DNS:alt.example, IP:2001:DB8:0:0:0:0:0:1, IP:10.0.0.9, email:Ops@example.com, URI:https://example.com/client',
      '',
    ].join('\n');

    it('places each finding on the config line it is about; no key checks', () => {
      const facts = requestFactsFromConfig(checkOpensslConfig(config));
      assert.strictEqual(facts.key, undefined);
      const findings = compareRequest(f.old, facts);
      const at = (x: CompareFinding) => `${x.code}:${x.attribute ?? x.san?.value}@${x.range?.line}:${x.range?.column}`;
      const added = config.split('\n')[10].indexOf('IP:10.0.0.9') + 1;
      assert.deepStrictEqual(findings.map(at), [
        'subject-mismatch:OU@9:6',
        'san-removed:10.0.0.1@11:1',
        `san-added:10.0.0.9@11:${added}`,
      ]);
      assert.strictEqual(findings[0].oldValue, 'Payments');
      assert.strictEqual(findings[0].newValue, 'Cards');
    });

    it('finds what the CSR openssl makes from the config finds, key checks aside', () => {
      const file = path.join(f.dir, 'request.cnf');
      fs.writeFileSync(file, config);
      const out = path.join(f.dir, 'from-config.csr');
      openssl(['req', '-new', '-config', file, '-key', f.newKey, '-out', out, '-batch']);
      const fromCsr = compareRequest(f.old, requestFactsFromCsr(readCsr(fs.readFileSync(out, 'utf8'))));
      const fromConfig = compareRequest(f.old, requestFactsFromConfig(checkOpensslConfig(config)));
      const strip = (x: CompareFinding) => ({
        ...x,
        range: undefined,
        message: x.message.replace(/the request config|the CSR/gi, 'R'),
      });
      assert.deepStrictEqual(fromConfig.map(strip), fromCsr.map(strip));
    });

    it('reports a SAN openssl refuses by the config diagnostic, and still compares the SANs it can read', () => {
      // The case: a typo in one new IP address must not turn every old SAN into san-removed.
      const sans = [...SANS, 'IP:198.51.100.700', 'DNS:new.example'];
      const text = [
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'C = DE',
        'O = Test Org',
        'OU = Payments',
        'CN = client.example',
        '[ ext ]',
        `subjectAltName = ${sans.join(', ')}`,
        '',
      ].join('\n');
      const file = path.join(f.dir, 'bad-san.cnf');
      fs.writeFileSync(file, text);
      const refused = spawnSync('openssl', ['req', '-new', '-config', file, '-key', f.newKey, '-batch'], {
        encoding: 'utf8',
      });
      assert.notStrictEqual(refused.status, 0, 'openssl req refuses the bad IP address');

      const validation = checkOpensslConfig(text);
      const diagnostic = validation.findings.find((x) => x.code === 'san-bad-ip' && x.severity === 'error');
      assert.ok(diagnostic, JSON.stringify(validation.findings));
      const findings = compareRequest(f.old, requestFactsFromConfig(validation));
      assert.deepStrictEqual(codes(findings), ['error:san-refused', 'warning:san-added']);
      const bad = findings.find((x) => x.code === 'san-refused')!;
      assert.ok(bad.message.includes(diagnostic.message), bad.message);
      assert.deepStrictEqual(bad.range, {
        line: diagnostic.line,
        column: diagnostic.column,
        endLine: diagnostic.endLine,
        endColumn: diagnostic.endColumn,
      });
      assert.strictEqual(bad.data?.configCode, 'san-bad-ip');
      assert.ok(hasErrors(findings));
      const added = findings.find((x) => x.code === 'san-added')!;
      assert.deepStrictEqual(added.san, { type: 'DNS', value: 'new.example' });

      // Oracle for the readable part: the CSR openssl makes once the bad entry is gone has the same SAN findings.
      const fixedFile = path.join(f.dir, 'bad-san-fixed.cnf');
      fs.writeFileSync(fixedFile, text.replace('IP:198.51.100.700, ', ''));
      const out = path.join(f.dir, 'bad-san-fixed.csr');
      openssl(['req', '-new', '-config', fixedFile, '-key', f.newKey, '-out', out, '-batch']);
      const fromCsr = compareRequest(f.old, requestFactsFromCsr(readCsr(fs.readFileSync(out, 'utf8'))));
      assert.deepStrictEqual(
        fromCsr.map((x) => [x.code, x.san]),
        findings.filter((x) => x.code !== 'san-refused').map((x) => [x.code, x.san]),
      );
    });

    it('puts a missing attribute on the distinguished_name section and a dropped SAN on the extension section', () => {
      const text = ['[ req ]', 'prompt = no', 'distinguished_name = dn', '[ dn ]', 'CN = client.example', ''].join(
        '\n',
      );
      const findings = compareRequest(f.old, requestFactsFromConfig(checkOpensslConfig(text)));
      const missing = findings.filter((x) => x.code === 'subject-mismatch');
      assert.deepStrictEqual(
        missing.map((x) => x.attribute),
        ['C', 'O', 'OU'],
      );
      assert.ok(missing.every((x) => x.range?.line === 4));
      const removed = findings.filter((x) => x.code === 'san-removed');
      assert.strictEqual(removed.length, SANS.length);
      assert.ok(
        removed.every((x) => x.range?.line === 1),
        JSON.stringify(removed[0].range),
      );
    });
  });
});

describe('subjectAltNameKey', () => {
  it('makes spellings of one name equal and different names different', () => {
    const same: Array<[string, string, string, string]> = [
      ['IP', '2001:DB8:0:0:0:0:0:1', 'IP', '2001:db8::1'],
      ['IP', '10.0.0.1', 'IP', '10.0.0.1'],
      ['DNS', 'API.Example.COM', 'DNS', 'api.example.com'],
      ['DNS', 'api.example.com.', 'DNS', 'api.example.com'],
      ['email', 'Ops@EXAMPLE.com', 'email', 'Ops@example.com'],
      ['URI', 'HTTPS://Example.COM/Path', 'URI', 'https://example.com/Path'],
    ];
    const key = (type: string, value: string) => subjectAltNameKey({ type: type as 'DNS', value });
    for (const [t1, v1, t2, v2] of same) assert.strictEqual(key(t1, v1), key(t2, v2), `${v1} = ${v2}`);
    const different: Array<[string, string, string, string]> = [
      ['IP', '10.0.0.1', 'IP', '::ffff:10.0.0.1'],
      ['email', 'Ops@example.com', 'email', 'ops@example.com'],
      ['URI', 'https://example.com/Path', 'URI', 'https://example.com/path'],
      ['DNS', 'a.example', 'URI', 'a.example'],
    ];
    for (const [t1, v1, t2, v2] of different) assert.notStrictEqual(key(t1, v1), key(t2, v2), `${v1} != ${v2}`);
  });
});
