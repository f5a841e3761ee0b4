import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { opensslSpkiSha256 } from '../../support/cryptoFixtures';
import { makeCa, makeCsr, makeKey, makeLeaf, openssl, tempDir } from '../../support/openssl';

const SUBJECT = '/O=Test Org/OU=Payments/CN=client.example';
const SANS = ['DNS:client.example', 'IP:10.0.0.1'];

function oneLine(stderr: string): void {
  assert.strictEqual(stderr.split('\n').filter((l) => l !== '').length, 1, JSON.stringify(stderr));
}

describe('CLI compare', function () {
  this.timeout(60_000);
  let dir: string;
  const p: Record<string, string> = {};

  before(() => {
    buildCli();
    dir = tempDir('mtls-compare-cli-');
    const ca = makeCa(path.join(dir, 'ca'), 'CLI CA', {
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2034-01-01T00:00:00Z'),
      key: { type: 'ec' },
    });
    const old = makeLeaf(ca, dir, 'old', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
    });
    p.old = old.certPath;
    p.oldKey = old.keyPath;
    p.newKey = makeKey(path.join(dir, 'new.key'));
    p.same = makeCsr(p.newKey, path.join(dir, 'same.csr'), SUBJECT, ['IP:10.0.0.1', 'DNS:Client.Example']);
    p.sameDer = path.join(dir, 'same.der');
    openssl(['req', '-in', p.same, '-outform', 'DER', '-out', p.sameDer]);
    p.reused = makeCsr(old.keyPath, path.join(dir, 'reused.csr'), SUBJECT, SANS);
    p.sans = makeCsr(p.newKey, path.join(dir, 'sans.csr'), SUBJECT, ['DNS:client.example', 'IP:10.0.0.2']);
    p.config = path.join(dir, 'renewal.cnf');
    fs.writeFileSync(
      p.config,
      [
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'O = Test Org',
        'OU = Cards',
        'CN = client.example',
        '[ ext ]',
        'subjectAltName = DNS:client.example, IP:10.0.0.1',
        '',
      ].join('\n'),
    );
    p.badSanConfig = path.join(dir, 'bad-san.cnf');
    fs.writeFileSync(
      p.badSanConfig,
      fs
        .readFileSync(p.config, 'utf8')
        .replace('OU = Cards', 'OU = Payments')
        .replace('IP:10.0.0.1', 'IP:10.0.0.1, IP:198.51.100.700, DNS:new.example'),
    );
    p.brokenConfig = path.join(dir, 'broken.cnf');
    fs.writeFileSync(p.brokenConfig, ['[ req ]', 'prompt = no', 'distinguished_name = nowhere', ''].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with no findings for the same names under a new key (PEM or DER CSR)', () => {
    for (const csr of [p.same, p.sameDer]) {
      const run = runCli(['compare', p.old, csr, '--json']);
      assert.strictEqual(run.code, 0, run.stderr);
      const document = JSON.parse(run.stdout);
      assert.deepStrictEqual(document.findings, []);
      assert.strictEqual(document.request.kind, 'csr');
      assert.strictEqual(document.request.publicKeySha256, opensslSpkiSha256(p.newKey, 'key'));
    }
    const text = runCli(['compare', p.old, p.same]);
    assert.strictEqual(text.code, 0);
    assert.match(text.stdout, /nothing to report/);
  });

  it('exits 1 on an error finding, 0 on warnings only; every finding has severity, code and message', () => {
    const reused = runCli(['compare', p.old, p.reused, '--json']);
    assert.strictEqual(reused.code, 1);
    const findings = JSON.parse(reused.stdout).findings;
    assert.deepStrictEqual(
      findings.map((f: { code: string }) => f.code),
      ['key-reused'],
    );
    for (const f of findings)
      assert.deepStrictEqual([typeof f.severity, typeof f.code, typeof f.message], ['string', 'string', 'string']);

    const sans = runCli(['compare', p.old, p.sans, '--json']);
    assert.strictEqual(sans.code, 0);
    assert.deepStrictEqual(
      JSON.parse(sans.stdout).findings.map((f: { code: string; san: { value: string } }) => `${f.code}:${f.san.value}`),
      ['san-removed:10.0.0.1', 'san-added:10.0.0.2'],
    );

    const listed = runCli(['compare', p.old, p.same, '--json', '--old-keys', opensslSpkiSha256(p.newKey, 'key')]);
    assert.strictEqual(listed.code, 1);

    const table = runCli(['compare', p.old, p.reused]);
    assert.strictEqual(table.code, 1);
    assert.match(table.stdout, /SEVERITY\s+CODE\s+MESSAGE\nerror\s+key-reused/);
  });

  it('takes a request config in place of the CSR, with config lines on the findings', () => {
    const run = runCli(['compare', p.old, p.config, '--json']);
    assert.strictEqual(run.code, 1, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.strictEqual(document.request.kind, 'config');
    assert.deepStrictEqual(
      document.findings.map((f: { code: string; attribute: string; range: { line: number } }) => [
        f.code,
        f.attribute,
        f.range.line,
      ]),
      [['subject-mismatch', 'OU', 7]],
    );
    const text = runCli(['compare', p.old, p.config]);
    assert.match(text.stdout, /SEVERITY\s+CODE\s+LINE\s+MESSAGE\nerror\s+subject-mismatch\s+7:6/);
    const broken = runCli(['compare', p.old, p.brokenConfig, '--json']);
    assert.strictEqual(broken.code, 1);
    assert.ok(JSON.parse(broken.stdout).findings.some((f: { code: string }) => f.code === 'config-error'));
  });

  it('reports a SAN openssl refuses once, and still compares the others', () => {
    const run = runCli(['compare', p.old, p.badSanConfig, '--json']);
    assert.strictEqual(run.code, 1, run.stderr);
    const findings: Array<{ code: string; data?: { configCode?: string }; san?: { value: string } }> = JSON.parse(
      run.stdout,
    ).findings;
    assert.deepStrictEqual(
      findings.map((f) => `${f.code}:${f.data?.configCode ?? f.san?.value}`),
      ['san-refused:san-bad-ip', 'san-added:new.example'],
    );
  });

  it('exits 2 with one line on stderr for bad usage and unreadable input', () => {
    const cases: string[][] = [
      ['compare'],
      ['compare', p.old],
      ['compare', p.old, p.same, p.same],
      ['compare', p.old, path.join(dir, 'missing.csr')],
      ['compare', path.join(dir, 'missing.crt'), p.same],
      ['compare', p.oldKey, p.same],
      ['compare', p.old, p.old],
      ['compare', p.old, p.same, '--old-keys', 'not-a-hash'],
      ['compare', p.old, p.same, '--bogus'],
    ];
    for (const args of cases) {
      const run = runCli(args);
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      oneLine(run.stderr);
    }
    assert.match(runCli(['compare', p.old, path.join(dir, 'missing.csr')]).stderr, /missing\.csr: no such file/);
  });
});
