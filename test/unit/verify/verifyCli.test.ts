import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { makeCa, makeKey, makeLeaf, openssl, tempDir } from '../../support/openssl';

const SUBJECT = '/O=Test Org/OU=Payments/CN=client.example';
const SANS = ['DNS:client.example', 'IP:10.0.0.1'];
const NOW = '2025-02-01T00:00:00Z';

function oneLine(stderr: string): void {
  assert.strictEqual(stderr.split('\n').filter((l) => l !== '').length, 1, JSON.stringify(stderr));
}

describe('CLI verify', function () {
  this.timeout(60_000);
  let dir: string;
  const p: Record<string, string> = {};

  before(() => {
    buildCli();
    dir = tempDir('mtls-verify-cli-');
    const range = {
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2034-01-01T00:00:00Z'),
      key: { type: 'ec' as const },
    };
    const ca = makeCa(path.join(dir, 'ca'), 'CLI CA', range);
    const other = makeCa(path.join(dir, 'other'), 'Other CA', range);
    const good = makeLeaf(ca, dir, 'good', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
      key: { type: 'ec' },
    });
    const old = makeLeaf(ca, dir, 'old', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2024-10-03T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
      key: { type: 'ec' },
    });
    const foreign = makeLeaf(other, dir, 'foreign', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
      key: { type: 'ec' },
    });
    Object.assign(p, {
      ca: ca.certPath,
      cert: good.certPath,
      key: good.keyPath,
      csr: good.csrPath,
      old: old.certPath,
      foreign: foreign.certPath,
    });
    p.otherKey = makeKey(path.join(dir, 'other.key'), { type: 'ec' });
    p.encryptedKey = path.join(dir, 'encrypted.key');
    openssl(['pkey', '-in', good.keyPath, '-aes256', '-passout', 'pass:secret', '-out', p.encryptedKey]);
    p.certDer = path.join(dir, 'good.der');
    openssl(['x509', '-in', good.certPath, '-outform', 'DER', '-out', p.certDer]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const base = () => ['verify', '--cert', p.cert, '--key', p.key, '--ca', p.ca, '--now', NOW];

  it('exits 0 when every check passes; JSON checks carry name, ok and message', () => {
    const run = runCli([...base(), '--csr', p.csr, '--old', p.old, '--json']);
    assert.strictEqual(run.code, 0, run.stderr + run.stdout);
    const document = JSON.parse(run.stdout);
    assert.deepStrictEqual(
      document.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok]),
      [
        ['chain', true],
        ['validity', true],
        ['key-match', true],
        ['csr-match', true],
        ['old-match', true],
      ],
    );
    for (const c of document.checks)
      assert.deepStrictEqual(
        [typeof c.message, typeof c.opensslCommand, typeof c.evidence],
        ['string', 'string', 'object'],
      );
    assert.strictEqual(document.ok, true);
    const der = runCli(['verify', '--cert', p.certDer, '--key', p.key, '--ca', p.ca, '--now', NOW, '--json']);
    assert.strictEqual(der.code, 0, der.stderr);
    assert.deepStrictEqual(
      JSON.parse(der.stdout).checks.map((c: { name: string }) => c.name),
      ['chain', 'validity', 'key-match'],
    );
  });

  it('exits 1 when a check fails: dates, chain, key', () => {
    const expired = runCli(['verify', '--cert', p.cert, '--key', p.key, '--ca', p.ca, '--now', '2025-05-01', '--json']);
    assert.strictEqual(expired.code, 1);
    assert.deepStrictEqual(
      JSON.parse(expired.stdout).checks.map((c: { ok: boolean }) => c.ok),
      [true, false, true],
    );
    const foreign = runCli(['verify', '--cert', p.foreign, '--key', p.key, '--ca', p.ca, '--now', NOW, '--json']);
    assert.strictEqual(foreign.code, 1);
    assert.deepStrictEqual(
      JSON.parse(foreign.stdout).checks.map((c: { ok: boolean }) => c.ok),
      [false, true, false],
    );
    const wrongKey = runCli(['verify', '--cert', p.cert, '--key', p.otherKey, '--ca', p.ca, '--now', NOW]);
    assert.strictEqual(wrongKey.code, 1);
    assert.match(wrongKey.stdout, /key-match\s+FAILED/);
    assert.match(wrongKey.stdout, /openssl verify -no_check_time -CAfile/);
  });

  it('opens an encrypted key with the passphrase from the environment, and fails it without', () => {
    const without = runCli(['verify', '--cert', p.cert, '--key', p.encryptedKey, '--ca', p.ca, '--now', NOW, '--json']);
    assert.strictEqual(without.code, 1);
    const withPass = runCli(
      [
        'verify',
        '--cert',
        p.cert,
        '--key',
        p.encryptedKey,
        '--ca',
        p.ca,
        '--now',
        NOW,
        '--passphrase-env',
        'MTLS_TEST_KEY_PASS',
      ],
      { MTLS_TEST_KEY_PASS: 'secret' },
    );
    assert.strictEqual(withPass.code, 0, withPass.stdout);
    assert.match(withPass.stdout, /All checks passed/);
  });

  it('exits 2 with one line on stderr for bad usage and unreadable input', () => {
    const cases: string[][] = [
      ['verify'],
      ['verify', '--cert', p.cert, '--key', p.key],
      ['verify', '--cert', p.cert, '--ca', p.ca],
      ['verify', '--key', p.key, '--ca', p.ca],
      [...base(), 'extra'],
      ['verify', '--cert', p.cert, '--key', p.key, '--ca', p.ca, '--now', 'soon'],
      ['verify', '--cert', path.join(dir, 'missing.crt'), '--key', p.key, '--ca', p.ca],
      ['verify', '--cert', p.key, '--key', p.key, '--ca', p.ca],
      ['verify', '--cert', p.cert, '--key', p.cert, '--ca', p.ca],
      [...base(), '--csr', p.cert],
      [...base(), '--old', p.key],
      [...base(), '--expected-days', '0'],
      [...base(), '--passphrase-env', 'MTLS_TEST_UNSET_VARIABLE'],
    ];
    for (const args of cases) {
      const run = runCli(args);
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      oneLine(run.stderr);
    }
    assert.match(
      runCli(['verify', '--cert', p.key, '--key', p.key, '--ca', p.ca]).stderr,
      /good\.key: no CERTIFICATE PEM block found/,
    );
  });
});
