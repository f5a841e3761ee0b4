import * as assert from 'assert';
import * as path from 'path';
import { DAY_MS, expiryStatus } from '../../../src/core/expiry';
import { buildCli, runCli } from '../../support/buildCli';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import { mozillaFiles, opensslReadings } from '../../support/opensslReadings';

function oneLine(stderr: string): void {
  assert.strictEqual(stderr.split('\n').filter((l) => l !== '').length, 1, JSON.stringify(stderr));
  assert.ok(stderr.endsWith('\n'));
}

describe('CLI', function () {
  this.timeout(60_000);
  before(() => buildCli());

  describe('usage', () => {
    it('prints help for the program and each command, exit 0', () => {
      const program = runCli(['--help']);
      assert.strictEqual(program.code, 0);
      assert.match(program.stdout, /inventory/);
      assert.match(program.stdout, /check/);
      for (const command of ['inventory', 'check']) {
        const help = runCli([command, '--help']);
        assert.strictEqual(help.code, 0);
        assert.match(help.stdout, new RegExp(`^Usage: mtls-rotation ${command} PATH\\.\\.\\.`));
        assert.match(help.stdout, /--json/);
      }
    });

    it('exits 2 with one line on stderr for bad usage', () => {
      const cases: string[][] = [
        [],
        ['frobnicate'],
        ['inventory'],
        ['inventory', '.', '--bogus'],
        ['inventory', '.', '--now', 'yesterday'],
        ['inventory', '.', '--thresholds', '30,0'],
        ['check', '.'],
        ['check', '.', '--within', 'soon'],
        ['check', '.', '--within'],
        ['inventory', '/definitely/not/here.pem'],
        ['check', '/definitely/not/here', '--within', '30'],
        ['inventory', '.', '--passphrase-env', 'MTLS_TEST_UNSET_VARIABLE'],
      ];
      for (const args of cases) {
        const run = runCli(args);
        assert.strictEqual(run.code, 2, args.join(' '));
        if (args.length > 0) oneLine(run.stderr);
      }
      assert.match(
        runCli(['inventory', '/definitely/not/here.pem']).stderr,
        /no such file or directory: \/definitely\/not\/here\.pem/,
      );
    });
  });

  describe('inventory', () => {
    it('lists every Mozilla root as openssl reads them (the done-when check)', function () {
      const files = mozillaFiles();
      if (files.length === 0) this.skip();
      const now = new Date('2030-06-01T00:00:00Z');
      const run = runCli(['inventory', path.dirname(files[0]), '--json', '--now', '2030-06-01T00:00:00Z']);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.strictEqual(run.stderr, '');
      const doc = JSON.parse(run.stdout) as { items: Array<Record<string, unknown>>; errors: unknown[] };
      assert.deepStrictEqual(Object.keys(doc), ['items', 'errors']);
      assert.strictEqual(doc.items.length, files.length);
      assert.deepStrictEqual(doc.errors, []);
      const readings = opensslReadings(files);
      for (const item of doc.items) {
        const want = readings.get(item.path as string)!;
        assert.ok(want, String(item.path));
        assert.strictEqual(item.kind, 'certificate');
        assert.strictEqual(item.notAfter, want.notAfter);
        assert.strictEqual(item.serialNumber, want.serial);
        assert.strictEqual(item.fingerprintSha256, want.fingerprint);
        assert.strictEqual(item.publicKeySha256, want.spkiSha256);
        assert.deepStrictEqual(item.status, expiryStatus(want.notAfter, now).status);
        assert.deepStrictEqual(item.daysLeft, Math.floor((Date.parse(want.notAfter) - now.getTime()) / DAY_MS));
        for (const field of ['subject', 'issuer', 'subjectAltNames', 'notBefore', 'keyType', 'keyBits'])
          assert.ok(field in item, field);
        assert.ok(!('pem' in item));
      }
      assert.ok(doc.items.some((i) => i.status === 'expired'));
    });

    it('reports a directory of garbage as error entries and exits 0', () => {
      const f = cryptoFixtures();
      const run = runCli(['inventory', path.dirname(f.files['garbage/big.der']), '--json']);
      assert.strictEqual(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as {
        items: unknown[];
        errors: Array<{ path: string; code: string; message: string }>;
      };
      assert.deepStrictEqual(doc.items, []);
      assert.deepStrictEqual(
        doc.errors.map((e) => `${path.basename(e.path)}:${e.code}`),
        [
          'badbase64.pem:bad-base64',
          'big.der:too-large',
          'blank.crt:empty-file',
          'der-garbage.der:not-pem-or-der',
          'empty.pem:empty-file',
          'notes.crt:not-pem-or-der',
          'random.pem:not-pem-or-der',
          'truncated.pem:truncated-pem',
        ],
      );
      for (const e of doc.errors) assert.ok(e.message.length > 0);
      const table = runCli(['inventory', path.dirname(f.files['garbage/big.der'])]);
      assert.strictEqual(table.code, 0);
      assert.match(table.stdout, /truncated PEM: BEGIN CERTIFICATE at line 1 has no END line \(truncated-pem\)/);
    });

    it('prints keys, CSRs and PKCS#12 in JSON and a table, opening encrypted files with --passphrase-env', () => {
      const f = cryptoFixtures();
      const run = runCli([
        'inventory',
        f.files['mixed.pem'],
        f.files['rsa-secret.p12'],
        f.files['rsa-encrypted-pkcs8.key'],
        '--json',
        '--now',
        '2029-12-20T00:00:00Z',
      ]);
      assert.strictEqual(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { items: Array<Record<string, unknown>> };
      // Sorted by path: mixed.pem, rsa-encrypted-pkcs8.key, rsa-secret.p12.
      assert.deepStrictEqual(
        doc.items.map((i) => i.kind),
        ['certificate', 'key', 'csr', 'key', 'pkcs12'],
      );
      assert.strictEqual(doc.items[0].status, 'due-15');
      assert.strictEqual(doc.items[3].publicKeySha256, undefined);
      assert.strictEqual(doc.items[4].encrypted, true);
      const opened = runCli(
        ['inventory', f.files['rsa-secret.p12'], f.files['rsa-encrypted-pkcs8.key'], '--json', '--passphrase-env', 'P'],
        { P: 'secret' },
      );
      const openedDoc = JSON.parse(opened.stdout) as {
        items: Array<Record<string, unknown>>;
        errors: Array<{ code: string }>;
      };
      assert.strictEqual((openedDoc.items[1].certificates as unknown[]).length, 2);
      assert.deepStrictEqual(
        openedDoc.errors.map((e) => e.code),
        ['key-wrong-passphrase'],
      );
      const table = runCli(['inventory', f.files['mixed.pem'], '--now', '2029-12-20T00:00:00Z', '--thresholds', '60']);
      assert.match(table.stdout, /^KIND +STATUS +EXPIRES/);
      assert.match(table.stdout, /certificate +due-60 +12 days left +2030-01-01T00:00:00Z +rsa-client +RSA 2048/);
    });
  });

  describe('check', () => {
    it('exits 1 exactly when a Mozilla root expires within 30 days of --now', function () {
      const files = mozillaFiles();
      if (files.length === 0) this.skip();
      const soonest = [...opensslReadings(files).values()].map((r) => Date.parse(r.notAfter)).sort((a, b) => a - b)[0];
      const iso = (ms: number) => new Date(ms).toISOString();
      const before = runCli([
        'check',
        path.dirname(files[0]),
        '--within',
        '30',
        '--now',
        iso(soonest - 30 * DAY_MS - 1000),
      ]);
      assert.strictEqual(before.code, 0, before.stdout + before.stderr);
      assert.match(
        before.stdout,
        new RegExp(`No certificate expires within 30 day\\(s\\) \\(${files.length} checked\\)`),
      );
      const at = runCli([
        'check',
        path.dirname(files[0]),
        '--within',
        '30',
        '--now',
        iso(soonest - 30 * DAY_MS),
        '--json',
      ]);
      assert.strictEqual(at.code, 1, at.stderr);
      const doc = JSON.parse(at.stdout) as { checked: number; expiring: Array<{ notAfter: string }> };
      assert.strictEqual(doc.checked, files.length);
      assert.ok(doc.expiring.length >= 1);
      assert.ok(doc.expiring.every((c) => Date.parse(c.notAfter) <= soonest));
    });

    it('counts expired certificates and prints a table of the offending ones', () => {
      const f = cryptoFixtures();
      const leaves = path.dirname(f.rsa.certPath);
      const run = runCli(['check', leaves, '--within', '0', '--now', '2025-06-01T00:00:00Z']);
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /^1 of 5 certificate\(s\) expire within 0 day\(s\):\n/);
      assert.match(run.stdout, /expired-client/);
      assert.doesNotMatch(run.stdout, /rsa-client/);
      const clean = runCli(['check', f.rsa.certPath, '--within', '30', '--now', '2029-12-01T23:59:59Z']);
      assert.strictEqual(clean.code, 0, clean.stdout);
      const edge = runCli(['check', f.rsa.certPath, '--within', '30', '--now', '2029-12-02T00:00:00Z']);
      assert.strictEqual(edge.code, 1, edge.stdout);
    });
  });
});
