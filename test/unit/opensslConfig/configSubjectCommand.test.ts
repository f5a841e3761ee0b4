import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { tempDir } from '../../support/openssl';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig');

async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['config-subject', ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: options.cwd,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

describe('config-subject command', () => {
  it('prints the subject, SANs and diagnostics as JSON', async () => {
    const { code, stdout, stderr } = await run([path.join(FIXTURES, 'program-a-openssl.cnf'), '--json']);
    assert.strictEqual(stderr, '');
    assert.strictEqual(code, 0);
    assert.deepStrictEqual(JSON.parse(stdout), {
      subject: [
        { type: 'C', value: 'GB' },
        { type: 'ST', value: 'London' },
        { type: 'L', value: 'London' },
        { type: 'O', value: 'Example Payments Ltd' },
        { type: 'OU', value: 'Card Issuing Program A' },
        { type: 'CN', value: 'program-a.client.example.com' },
      ],
      subjectAltNames: [
        { type: 'DNS', value: 'program-a.client.example.com' },
        { type: 'DNS', value: 'program-a-dr.client.example.com' },
        { type: 'IP', value: '203.0.113.10' },
        { type: 'IP', value: '2001:db8::10' },
      ],
      diagnostics: [],
    });
  });

  it('resolves includes against its working directory, as openssl does', async () => {
    const { code, stdout } = await run(['program-c-include.cnf', '--json'], { cwd: FIXTURES });
    assert.strictEqual(code, 0);
    const document = JSON.parse(stdout);
    assert.deepStrictEqual(
      document.subject.map((a: { type: string }) => a.type),
      ['O', 'OU', 'CN'],
    );
    // From another directory the include is not found (openssl skips it silently): only CN is left.
    const elsewhere = await run([path.join(FIXTURES, 'program-c-include.cnf'), '--json'], {
      cwd: path.dirname(FIXTURES),
    });
    assert.strictEqual(elsewhere.code, 0);
    const partial = JSON.parse(elsewhere.stdout);
    assert.deepStrictEqual(partial.subject, [{ type: 'CN', value: 'program-c.client.example.com' }]);
    assert.deepStrictEqual(
      partial.diagnostics.map((d: { code: string }) => d.code),
      ['include-not-found', 'provider-missing-o', 'provider-missing-ou'],
    );
  });

  it('exits 1 with the diagnostics when openssl would refuse the config', async () => {
    const { code, stdout } = await run([path.join(FIXTURES, 'broken-variable.cnf'), '--json']);
    assert.strictEqual(code, 1);
    const document = JSON.parse(stdout);
    assert.deepStrictEqual(
      document.diagnostics.map((d: { severity: string; line: number; column: number; code: string }) => [
        d.severity,
        d.line,
        d.column,
        d.code,
      ]),
      [['error', 6, 6, 'undefined-variable']],
    );
  });

  it('prints a readable listing without --json', async () => {
    const { code, stdout } = await run([path.join(FIXTURES, 'broken-san.cnf')]);
    assert.strictEqual(code, 1);
    assert.match(stdout, /^openssl req would refuse/);
    assert.match(
      stdout,
      /Subject:\n {2}O {3}Example Payments Ltd\n {2}OU {2}Program E\n {2}CN {2}program-e.client.example.com\n/,
    );
    assert.match(stdout, /broken-san\.cnf:11:55: error: .*\[san-bad-ip\]/);
  });

  it('exits 2 with one line on stderr for an unreadable file or bad usage', async () => {
    const dir = tempDir('mtls-cli-');
    try {
      for (const args of [[path.join(dir, 'missing.cnf')], [dir], [], ['a.cnf', 'b.cnf'], ['a.cnf', '--yaml']]) {
        const { code, stdout, stderr } = await run(args);
        assert.strictEqual(code, 2, args.join(' '));
        assert.strictEqual(stdout, '');
        assert.strictEqual(stderr.trim().split('\n').length, 1, stderr);
      }
      fs.writeFileSync(path.join(dir, 'empty.cnf'), '');
      const empty = await run([path.join(dir, 'empty.cnf'), '--json']);
      assert.strictEqual(empty.code, 1);
      assert.ok(
        JSON.parse(empty.stdout).diagnostics.some((d: { code: string }) => d.code === 'missing-distinguished-name'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
