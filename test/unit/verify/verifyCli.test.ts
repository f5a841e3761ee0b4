import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { toPem } from '../../../src/core/x509/pem';
import { makeCa, makeKey, makeLeaf, openssl, tempDir } from '../../support/openssl';
import { signIntermediate } from './support/signIntermediate';

const SUBJECT = '/O=Test Org/OU=Payments/CN=client.example';
const SANS = ['DNS:client.example', 'IP:10.0.0.1'];
const NOW = '2025-02-01T00:00:00Z';

/** `openssl verify`'s verdict and its `error N at D depth lookup` lines, as `N at D`. */
function opensslVerify(args: string[]): { ok: boolean; errors: string[] } {
  const result = spawnSync('openssl', ['verify', ...args], { encoding: 'utf8' });
  const errors = [...result.stderr.matchAll(/^error (\d+) at (\d+) depth lookup/gm)].map((m) => `${m[1]} at ${m[2]}`);
  return { ok: result.status === 0, errors };
}

/** The chain check of a `verify --json` run: its verdict and its errors in the same form. */
function chainOf(stdout: string): { ok: boolean; errors: string[] } {
  const chain = JSON.parse(stdout).checks.find((c: { name: string }) => c.name === 'chain');
  const errors = chain.evidence.errors
    ? (chain.evidence.errors as string)
        .split('\n')
        .map((line) => line.replace(/^error (\d+) at depth (\d+):.*$/, '$1 at $2'))
    : [];
  return { ok: chain.ok, errors };
}

/** A copy OpenSSL loads but whose notBefore our reader refuses (GeneralizedTime over UTCTime's digits). */
function oddCopy(certPath: string, outPath: string): string {
  const der = Buffer.from(
    fs
      .readFileSync(certPath, 'utf8')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  );
  der[der.indexOf(Buffer.from([0x17, 0x0d]))] = 0x18;
  fs.writeFileSync(outPath, toPem('CERTIFICATE', der));
  return outPath;
}

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
    const inter = signIntermediate(ca, path.join(dir, 'inter'), 'CLI Intermediate', range);
    p.inter = inter.certPath;
    p.viaInter = makeLeaf(inter, dir, 'via-inter', {
      subject: SUBJECT,
      sans: SANS,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2025-04-01T00:00:00Z'),
      key: { type: 'ec' },
    }).certPath;
    p.oddCert = oddCopy(good.certPath, path.join(dir, 'odd.crt'));
    p.oddInter = oddCopy(inter.certPath, path.join(dir, 'odd-inter.crt'));
    p.oddBundle = path.join(dir, 'odd-bundle.pem');
    fs.writeFileSync(
      p.oddBundle,
      fs.readFileSync(oddCopy(other.certPath, path.join(dir, 'odd-other.crt'))) + fs.readFileSync(ca.certPath, 'utf8'),
    );
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

  it('reads a traditional DSA key in DER, as openssl does: the key-match check runs on it', () => {
    const params = path.join(dir, 'dsa.params');
    openssl(['dsaparam', '-out', params, '2048']);
    const keyPem = path.join(dir, 'dsa.key');
    openssl(['gendsa', '-out', keyPem, params]);
    const keyDer = path.join(dir, 'dsa-traditional.der');
    openssl(['dsa', '-in', keyPem, '-outform', 'DER', '-out', keyDer]);
    const cert = path.join(dir, 'dsa.crt');
    openssl(['req', '-new', '-x509', '-key', keyPem, '-subj', '/CN=dsa.example', '-days', '30', '-out', cert]);
    // openssl itself reads the DER as the same key.
    assert.strictEqual(
      openssl(['pkey', '-in', keyDer, '-inform', 'DER', '-pubout']),
      openssl(['x509', '-in', cert, '-noout', '-pubkey']),
    );
    const run = runCli(['verify', '--cert', cert, '--key', keyDer, '--ca', cert, '--json']);
    assert.strictEqual(run.code, 0, run.stdout + run.stderr);
    const checks = (JSON.parse(run.stdout) as { checks: { name: string; ok: boolean }[] }).checks;
    assert.strictEqual(checks.find((c) => c.name === 'key-match')?.ok, true, run.stdout);
  });

  it('verifies with --untrusted as openssl verify -untrusted does: intermediates complete the path, never anchor it', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [p.viaInter, p.ca, p.inter],
      [p.viaInter, p.ca, undefined],
      [p.viaInter, p.inter, p.ca],
      [p.viaInter, p.ca, p.oddInter],
    ];
    for (const [cert, ca, untrusted] of cases) {
      const extra = untrusted ? ['--untrusted', untrusted] : [];
      const run = runCli(['verify', '--cert', cert, '--ca', ca, ...extra, '--now', NOW, '--json']);
      const expected = opensslVerify([
        '-no_check_time',
        '-CAfile',
        ca,
        ...(untrusted ? ['-untrusted', untrusted] : []),
        cert,
      ]);
      const label = `${path.basename(cert)} ${path.basename(ca)} ${untrusted ?? ''}`;
      assert.deepStrictEqual(chainOf(run.stdout), expected, label);
      assert.strictEqual(run.code, expected.ok ? 0 : 1, `${label}: ${run.stderr}`);
      const command = JSON.parse(run.stdout).checks[0].opensslCommand as string;
      assert.strictEqual(command.includes(`-untrusted`), untrusted !== undefined, command);
    }
  });

  it('runs without --key: no key-match check, and the chain as openssl verify judges it', () => {
    const run = runCli(['verify', '--cert', p.cert, '--ca', p.ca, '--now', NOW, '--json']);
    assert.strictEqual(run.code, 0, run.stderr + run.stdout);
    assert.deepStrictEqual(
      JSON.parse(run.stdout).checks.map((c: { name: string }) => c.name),
      ['chain', 'validity'],
    );
    assert.deepStrictEqual(chainOf(run.stdout), opensslVerify(['-no_check_time', '-CAfile', p.ca, p.cert]));
    const foreign = runCli(['verify', '--cert', p.foreign, '--ca', p.ca, '--now', NOW]);
    assert.strictEqual(foreign.code, 1);
    assert.match(foreign.stdout, /error 20 at depth 0: unable to get local issuer certificate/);
    assert.deepStrictEqual(opensslVerify(['-no_check_time', '-CAfile', p.ca, p.foreign]).errors, ['20 at 0']);
  });

  it('checks dates at --attime as openssl verify -attime does, in seconds or ISO 8601', () => {
    const instants = ['2025-02-01T00:00:00Z', '2025-04-01T00:00:00Z', '2024-12-31T23:59:59Z', '2023-06-01T00:00:00Z'];
    for (const iso of instants) {
      const seconds = String(Date.parse(iso) / 1000);
      const expected = opensslVerify(['-attime', seconds, '-CAfile', p.ca, '-untrusted', p.inter, p.viaInter]);
      for (const attime of [seconds, iso]) {
        const run = runCli([
          'verify',
          '--cert',
          p.viaInter,
          '--ca',
          p.ca,
          '--untrusted',
          p.inter,
          '--attime',
          attime,
          '--json',
        ]);
        const document = JSON.parse(run.stdout);
        assert.deepStrictEqual(chainOf(run.stdout), expected, `${attime}: ${run.stdout}`);
        assert.strictEqual(document.now, new Date(iso).toISOString(), 'the validity check reads the same time');
        assert.strictEqual(document.attime, Number(seconds));
        assert.match(document.checks[0].opensslCommand, new RegExp(`^openssl verify -attime ${seconds} -CAfile `));
        assert.strictEqual(run.code, document.checks.every((c: { ok: boolean }) => c.ok) ? 0 : 1);
      }
    }
    // The same time given twice is fine; two different times are refused (see the usage cases).
    const both = runCli([...base(), '--attime', String(Date.parse(NOW) / 1000), '--json']);
    assert.strictEqual(both.code, 0, both.stderr);
  });

  it('fails (exit 1), never refuses (exit 2), a certificate, bundle or untrusted file OpenSSL loads but does not verify', () => {
    const odd = runCli(['verify', '--cert', p.oddCert, '--ca', p.ca, '--now', NOW, '--json']);
    assert.strictEqual(odd.code, 1, odd.stderr);
    assert.deepStrictEqual(chainOf(odd.stdout), opensslVerify(['-no_check_time', '-CAfile', p.ca, p.oddCert]));
    assert.strictEqual(chainOf(odd.stdout).ok, false);
    const oddInter = runCli(['verify', '--cert', p.viaInter, '--ca', p.ca, '--untrusted', p.oddInter, '--now', NOW]);
    assert.strictEqual(oddInter.code, 1, oddInter.stderr);
    assert.match(oddInter.stdout, /X509_V_ERR_/);
    // A bundle certificate our reader refuses is still in the bundle openssl loads.
    const bundle = runCli(['verify', '--cert', p.cert, '--ca', p.oddBundle, '--now', NOW, '--json']);
    const expected = opensslVerify(['-no_check_time', '-CAfile', p.oddBundle, p.cert]);
    assert.deepStrictEqual(chainOf(bundle.stdout), expected);
    assert.strictEqual(bundle.code, expected.ok ? 0 : 1, bundle.stderr);
  });

  it('refuses (exit 2) the files openssl verify cannot load: a blank line in a block, headers, a broken key in the CA file', () => {
    const blank = (from: string, to: string) => {
      fs.writeFileSync(to, fs.readFileSync(from, 'utf8').replace(/\n-----END/g, '\n\n-----END'));
      return to;
    };
    const blankCert = blank(p.cert, path.join(dir, 'blank-line.crt'));
    const blankCa = blank(p.ca, path.join(dir, 'blank-line-ca.pem'));
    const headers = path.join(dir, 'headers.crt');
    fs.writeFileSync(
      headers,
      fs
        .readFileSync(p.cert, 'utf8')
        .replace(
          'CERTIFICATE-----\n',
          'CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n',
        ),
    );
    const brokenKeyCa = path.join(dir, 'broken-key-ca.pem');
    fs.writeFileSync(
      brokenKeyCa,
      fs.readFileSync(p.ca, 'utf8') + '-----BEGIN EC PRIVATE KEY-----\nMIIBAAAA\n-----END EC PRIVATE KEY-----\n',
    );
    const cases: [string[], string[]][] = [
      [
        ['--cert', blankCert, '--ca', p.ca],
        ['-CAfile', p.ca, blankCert],
      ],
      [
        ['--cert', headers, '--ca', p.ca],
        ['-CAfile', p.ca, headers],
      ],
      [
        ['--cert', p.cert, '--ca', blankCa],
        ['-CAfile', blankCa, p.cert],
      ],
      [
        ['--cert', p.cert, '--ca', brokenKeyCa],
        ['-CAfile', brokenKeyCa, p.cert],
      ],
    ];
    for (const [ours, theirs] of cases) {
      // openssl cannot load the file: no OK and no verification error, a loading error instead.
      const openssl = spawnSync('openssl', ['verify', '-no_check_time', ...theirs], { encoding: 'utf8', input: '' });
      assert.doesNotMatch(openssl.stdout, /: OK/, theirs.join(' '));
      assert.doesNotMatch(openssl.stderr, /depth lookup/, theirs.join(' '));
      const run = runCli(['verify', ...ours, '--now', NOW]);
      assert.strictEqual(run.code, 2, `${ours.join(' ')}: ${run.stdout}`);
      oneLine(run.stderr);
    }
  });

  it('exits 2 with one line on stderr for bad usage and unreadable input', () => {
    const cases: string[][] = [
      ['verify'],
      ['verify', '--cert', p.cert, '--key', p.key],
      ['verify', '--key', p.key, '--ca', p.ca],
      [...base(), '--attime', 'soon'],
      [...base(), '--attime', '1738368001'],
      [...base(), '--untrusted', p.key],
      [...base(), '--untrusted', path.join(dir, 'missing.pem')],
      ['verify', '--cert', p.cert, '--ca', p.key],
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
