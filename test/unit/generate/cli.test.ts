// `mtls-rotation new-config` and `generate` as a user runs them: the built dist/cli.js in a child process.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { cryptoFixtures, opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import { csrVerifies, rsaKeyChecks, subjectAltNameText, subjectReadings } from './support/opensslCsr';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig');
const PROGRAM_A = path.join(FIXTURES, 'program-a-openssl.cnf');

function oneLine(stderr: string): void {
  assert.strictEqual(stderr.split('\n').filter((l) => l !== '').length, 1, JSON.stringify(stderr));
}

/** Every file of a directory with its bytes and times, to prove a refused command changed nothing. */
function listing(dir: string): Array<[string, string, number, number]> {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return [name, fs.readFileSync(path.join(dir, name), 'hex'), stat.mtimeMs, stat.mode];
    });
}

function keyBase64Lines(keyPath: string): string[] {
  return fs
    .readFileSync(keyPath, 'utf8')
    .split('\n')
    .filter((l) => l.length > 40 && !l.startsWith('-----'));
}

describe('CLI: new-config and generate', function () {
  this.timeout(120_000);
  before(() => buildCli());

  it('lists both commands and prints their help', () => {
    const help = runCli(['--help']);
    assert.match(help.stdout, /^ {2}new-config /m);
    assert.match(help.stdout, /^ {2}generate /m);
    assert.match(
      runCli(['generate', '--help']).stdout,
      /^Usage: mtls-rotation generate --config FILE\.cnf --key-out K --csr-out C/,
    );
    assert.match(runCli(['new-config', '--help']).stdout, /^Usage: mtls-rotation new-config --from-cert OLD\.crt/);
  });

  it('generate writes a new key (0600) and a CSR that openssl verifies, and prints no key material', () => {
    const dir = scratchDir('cli-gen-');
    const key = path.join(dir, 'program-a-new.key');
    const csr = path.join(dir, 'program-a-new.csr');
    const run = runCli(['generate', '--config', PROGRAM_A, '--key-out', key, '--csr-out', csr]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stderr, '');
    assert.strictEqual(fs.statSync(key).mode & 0o777, 0o600);
    assert.deepStrictEqual(rsaKeyChecks(key), { ok: true, bits: 2048 });
    assert.ok(csrVerifies(csr));
    assert.match(
      run.stdout,
      /^Subject: C = GB, ST = London, L = London, O = Example Payments Ltd, OU = Card Issuing Program A, CN = program-a\.client\.example\.com$/m,
    );
    assert.match(
      run.stdout,
      /^Subject alternative names: DNS:program-a\.client\.example\.com, DNS:program-a-dr\.client\.example\.com, IP:203\.0\.113\.10, IP:2001:db8::10$/m,
    );
    assert.doesNotMatch(run.stdout, /PRIVATE KEY/);
    for (const line of keyBase64Lines(key)) assert.ok(!run.stdout.includes(line));
  });

  it('generate --json prints the documented document', () => {
    const dir = scratchDir('cli-json-');
    const key = path.join(dir, 'k.key');
    const csr = path.join(dir, 'c.csr');
    const run = runCli([
      'generate',
      '--config',
      PROGRAM_A,
      '--key-out',
      key,
      '--csr-out',
      csr,
      '--bits',
      '2048',
      '--json',
    ]);
    assert.strictEqual(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(doc), ['key', 'csr', 'subject', 'subjectAltNames', 'publicKeySha256']);
    assert.strictEqual(doc.key, key);
    assert.strictEqual(doc.csr, csr);
    assert.deepStrictEqual(doc.subject, [
      { type: 'C', value: 'GB' },
      { type: 'ST', value: 'London' },
      { type: 'L', value: 'London' },
      { type: 'O', value: 'Example Payments Ltd' },
      { type: 'OU', value: 'Card Issuing Program A' },
      { type: 'CN', value: 'program-a.client.example.com' },
    ]);
    assert.deepStrictEqual(doc.subjectAltNames, [
      { type: 'DNS', value: 'program-a.client.example.com' },
      { type: 'DNS', value: 'program-a-dr.client.example.com' },
      { type: 'IP', value: '203.0.113.10' },
      { type: 'IP', value: '2001:db8::10' },
    ]);
    assert.strictEqual(doc.publicKeySha256, opensslSpkiSha256(key, 'key'));
    assert.strictEqual(doc.publicKeySha256, opensslSpkiSha256(csr, 'csr'));
  });

  it('a second generate to the same paths exits 2 and changes nothing', () => {
    const dir = scratchDir('cli-again-');
    const key = path.join(dir, 'n.key');
    const csr = path.join(dir, 'n.csr');
    assert.strictEqual(runCli(['generate', '--config', PROGRAM_A, '--key-out', key, '--csr-out', csr]).code, 0);
    const before = listing(dir);
    const again = runCli(['generate', '--config', PROGRAM_A, '--key-out', key, '--csr-out', csr]);
    assert.strictEqual(again.code, 2);
    oneLine(again.stderr);
    assert.match(
      again.stderr,
      /n\.key already exists.*nothing was written \(try --key-out .*n-2\.key --csr-out .*n-2\.csr\)/,
    );
    assert.strictEqual(again.stdout, '');
    assert.deepStrictEqual(listing(dir), before);
  });

  for (const existing of ['key', 'csr'] as const) {
    it(`exits 2 and writes nothing when only the ${existing} exists`, () => {
      const dir = scratchDir(`cli-only-${existing}-`);
      const key = path.join(dir, 'n.key');
      const csr = path.join(dir, 'n.csr');
      fs.writeFileSync(existing === 'key' ? key : csr, 'keep me');
      const before = listing(dir);
      const run = runCli(['generate', '--config', PROGRAM_A, '--key-out', key, '--csr-out', csr]);
      assert.strictEqual(run.code, 2);
      oneLine(run.stderr);
      assert.deepStrictEqual(listing(dir), before);
    });
  }

  it('exits 2 with one line and writes nothing for weak bits, bad usage and configs with errors', () => {
    const dir = scratchDir('cli-refuse-');
    const broken = path.join(dir, 'broken.cnf');
    fs.writeFileSync(
      broken,
      '[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\nCN = x\nO = $undefined_variable\n',
    );
    const out = ['--key-out', path.join(dir, 'k.key'), '--csr-out', path.join(dir, 'c.csr')];
    const cases: Array<[string[], RegExp]> = [
      [['generate', '--config', PROGRAM_A, ...out, '--bits', '1024'], /--bits 1024 is below 2048 bits/],
      [['generate', '--config', PROGRAM_A, ...out, '--bits', '2048x'], /--bits must be a whole number/],
      [['generate', '--config', PROGRAM_A, ...out, '--bits', '8192'], /not one of 2048, 3072, 4096/],
      [
        ['generate', '--config', broken, ...out],
        /broken\.cnf:6: Variable \$undefined_variable has no value.*\[undefined-variable\]/,
      ],
      [['generate', '--config', path.join(dir, 'missing.cnf'), ...out], /missing\.cnf: no such file/],
      [['generate', '--config', PROGRAM_A, '--key-out', path.join(dir, 'k.key')], /--csr-out is required/],
      [
        ['generate', '--config', PROGRAM_A, '--key-out', path.join(dir, 'same'), '--csr-out', path.join(dir, 'same')],
        /both be written to/,
      ],
      [['generate', '--config', PROGRAM_A, ...out, 'extra'], /unexpected argument/],
      [['new-config'], /--from-cert OLD\.crt is required/],
      [['new-config', '--from-cert', path.join(dir, 'none.crt')], /no such file/],
      [['new-config', '--from-cert', broken], /broken\.cnf: /],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args);
      assert.strictEqual(run.code, 2, args.join(' '));
      oneLine(run.stderr);
      assert.match(run.stderr, message, args.join(' '));
    }
    assert.deepStrictEqual(fs.readdirSync(dir), ['broken.cnf']);
  });

  it('new-config prints a config; --out writes it once and never over an existing file', () => {
    const f = cryptoFixtures();
    const dir = scratchDir('cli-newconfig-');
    const printed = runCli(['new-config', '--from-cert', f.rsa.certPath]);
    assert.strictEqual(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /^\[ dn \]\nC += DE\nO += Test Org\nOU += Payments\nCN += rsa-client\n/m);
    const out = path.join(dir, 'rsa-client-openssl.cnf');
    const written = runCli(['new-config', '--from-cert', f.rsa.certPath, '--out', out]);
    assert.strictEqual(written.code, 0, written.stderr);
    assert.strictEqual(fs.readFileSync(out, 'utf8'), printed.stdout);
    const before = listing(dir);
    const again = runCli(['new-config', '--from-cert', f.rsa.certPath, '--out', out]);
    assert.strictEqual(again.code, 2);
    oneLine(again.stderr);
    assert.match(again.stderr, /already exists/);
    assert.deepStrictEqual(listing(dir), before);
  });

  it("new-config then generate: the new CSR has the old certificate's subject and SANs, and a new key", () => {
    const f = cryptoFixtures();
    const dir = scratchDir('cli-rotation-');
    const config = path.join(dir, 'rsa-client-openssl.cnf');
    assert.strictEqual(runCli(['new-config', '--from-cert', f.rsa.certPath, '--out', config]).code, 0);
    const key = path.join(dir, 'rsa-client-new.key');
    const csr = path.join(dir, 'rsa-client-new.csr');
    const run = runCli(['generate', '--config', config, '--key-out', key, '--csr-out', csr, '--json']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(subjectReadings('req', csr), subjectReadings('x509', f.rsa.certPath));
    assert.strictEqual(subjectAltNameText('req', csr), subjectAltNameText('x509', f.rsa.certPath));
    assert.notStrictEqual(opensslSpkiSha256(key, 'key'), opensslSpkiSha256(f.rsa.keyPath, 'key'));
  });
});
