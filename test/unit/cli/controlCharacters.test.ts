// A certificate from someone else's repository may carry terminal escapes or newlines in its names. The
// human-readable outputs print them escaped (one table row stays one line, nothing reaches the terminal raw);
// --json stays plain JSON, whose own escaping is enough for a program reading it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { scratchDir } from '../../support/cryptoFixtures';
import { openssl, signCsr } from '../../support/openssl';

/** ESC [2J clears the screen; then a newline, a C1 CSI (U+009B), DEL and a tab. */
const HOSTILE_CN = 'a\x1b[2Jb\nc\u009bd\x7fe\tf';
const ESCAPED_CN = 'a\\x1b[2Jb\\nc\\x9bd\\x7fe\\tf';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function assertClean(output: string, label: string): void {
  assert.doesNotMatch(output, RAW_CONTROL, `${label}: ${JSON.stringify(output)}`);
}

describe('CLI: control characters in certificate fields', function () {
  this.timeout(60_000);
  let dir: string;
  let cert: string;
  let key: string;

  before(() => {
    buildCli();
    dir = scratchDir('control-');
    cert = path.join(dir, 'evil.crt');
    key = path.join(dir, 'evil.key');
    const csr = path.join(dir, 'evil.csr');
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-utf8',
      '-subj',
      `/O=Evil/CN=${HOSTILE_CN}`,
    ]);
    signCsr({ dir, certPath: cert, keyPath: key }, csr, cert, {
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
      selfSign: true,
    });
  });

  it('prints them escaped in the inventory and check tables', () => {
    const inventory = runCli(['inventory', cert, '--now', '2029-12-20T00:00:00Z']);
    assert.strictEqual(inventory.code, 0, inventory.stderr);
    assertClean(inventory.stdout, 'inventory');
    assert.strictEqual(inventory.stdout.split('\n').length, 3, inventory.stdout);
    assert.match(
      inventory.stdout,
      /\ncertificate +due-15 +12 days left +2030-01-01T00:00:00Z +(\S+) +RSA 2048 +\S+evil\.crt:1\n$/,
    );
    assert.ok(inventory.stdout.includes(` ${ESCAPED_CN} `), inventory.stdout);

    const check = runCli(['check', cert, '--within', '30', '--now', '2029-12-20T00:00:00Z']);
    assert.strictEqual(check.code, 1, check.stderr);
    assertClean(check.stdout, 'check');
    assert.ok(check.stdout.includes(` ${ESCAPED_CN} `), check.stdout);
    assert.strictEqual(check.stdout.split('\n').length, 4, check.stdout);
  });

  it("prints them escaped in compare, verify and new-config, and leaves them to JSON's own escaping with --json", () => {
    const config = path.join(dir, 'renew.cnf');
    const made = runCli(['new-config', '--from-cert', cert, '--out', config]);
    assert.strictEqual(made.code, 0, made.stderr);
    assertClean(made.stdout, 'new-config');
    assert.ok(made.stdout.includes(ESCAPED_CN), made.stdout);

    const compare = runCli(['compare', cert, config]);
    assertClean(compare.stdout, 'compare');
    // Names print as `openssl x509 -subject` prints them, whose own escapes (`\1B`, `\0A`) leave nothing raw.
    const opensslSubject = openssl(['x509', '-in', cert, '-noout', '-subject'])
      .replace(/^subject=/, '')
      .trim();
    assert.ok(compare.stdout.includes(`subject  ${opensslSubject}\n`), compare.stdout);

    const subject = runCli(['config-subject', config]);
    assertClean(subject.stdout, 'config-subject');
    assert.ok(subject.stdout.includes(`CN  ${ESCAPED_CN}\n`), subject.stdout);

    const verify = runCli(['verify', '--cert', cert, '--key', key, '--ca', cert, '--now', '2029-12-20T00:00:00Z']);
    assert.strictEqual(verify.code, 0, verify.stderr);
    assertClean(verify.stdout, 'verify');

    const json = runCli(['inventory', cert, '--json']);
    const doc = JSON.parse(json.stdout) as { items: Array<{ subject: Array<{ type: string; value: string }> }> };
    assert.deepStrictEqual(doc.items[0].subject, [
      { type: 'O', value: 'Evil' },
      { type: 'CN', value: HOSTILE_CN },
    ]);
  });

  it('escapes them in the one line on stderr, file names included', () => {
    const odd = path.join(dir, 'line\nbreak\x1b[31m.crt');
    fs.writeFileSync(odd, 'not a certificate\n');
    const run = runCli(['compare', odd, odd]);
    assert.strictEqual(run.code, 2);
    assert.strictEqual(run.stderr.split('\n').length, 2, run.stderr);
    assertClean(run.stderr, 'stderr');
    assert.ok(run.stderr.includes('line\\nbreak\\x1b[31m.crt'), run.stderr);
  });
});
