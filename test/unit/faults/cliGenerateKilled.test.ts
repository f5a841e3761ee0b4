// Fault: `mtls-rotation generate` (the built CLI) killed with SIGKILL at moments spread over its run: argument
// parsing, key generation, the writes. Afterwards the key path holds nothing or a whole key that openssl checks, the
// CSR path nothing or a CSR that openssl verifies and that belongs to that key, and a CSR never exists without its
// key. Run again, the command either writes both or refuses (exit 2) and changes nothing.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../support/buildCli';
import { opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import { FUZZ_SEED } from '../../support/fuzzing';
import { openssl } from '../../support/openssl';

const CONFIG = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig/program-a-openssl.cnf');
const TEMPORARY = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

function generate(cli: string, dir: string, killAfterMs?: number): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [
        cli,
        'generate',
        '--config',
        CONFIG,
        '--key-out',
        path.join(dir, 'new.key'),
        '--csr-out',
        path.join(dir, 'new.csr'),
      ],
      { stdio: 'ignore' },
    );
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started });
    });
  });
}

describe('faults: the generate command killed mid-run', function () {
  this.timeout(120_000);
  let cli: string;
  let fullMs: number;

  before(async () => {
    cli = buildCli();
    const baseline = await generate(cli, scratchDir('cli-kill-baseline-'));
    assert.strictEqual(baseline.code, 0);
    fullMs = baseline.ms;
  });

  it('leaves a whole, valid key and CSR pair, a whole key alone, or nothing (8 kills)', async () => {
    let state = FUZZ_SEED >>> 0;
    const jitter = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const dir = scratchDir('cli-kill-');
      const keyPath = path.join(dir, 'new.key');
      const csrPath = path.join(dir, 'new.csr');
      await generate(cli, dir, Math.round((i / 7) * 1.2 * fullMs * (0.85 + 0.3 * jitter())));
      const keyThere = fs.existsSync(keyPath);
      const csrThere = fs.existsSync(csrPath);
      const context = `kill ${i}: ${fs.readdirSync(dir).join(' ')}`;
      assert.ok(!csrThere || keyThere, `a CSR without its key (${context})`);
      if (keyThere) {
        openssl(['rsa', '-in', keyPath, '-check', '-noout']);
        assert.strictEqual(fs.statSync(keyPath).mode & 0o777, 0o600, context);
      }
      if (csrThere) {
        openssl(['req', '-in', csrPath, '-verify', '-noout']);
        assert.strictEqual(
          opensslSpkiSha256(csrPath, 'csr'),
          opensslSpkiSha256(keyPath, 'key'),
          `the CSR belongs to the key (${context})`,
        );
      }
      for (const name of fs.readdirSync(dir)) {
        assert.ok(
          name === 'new.key' || name === 'new.csr' || TEMPORARY.test(name),
          `an unexpected file ${name} (${context})`,
        );
      }
      outcomes.push(keyThere && csrThere ? 'both' : keyThere ? 'key' : 'none');

      // Run again: both written, or a refusal (the key is there) that changes nothing.
      const before = fs
        .readdirSync(dir)
        .sort()
        .map((n) => [n, fs.readFileSync(path.join(dir, n), 'hex')]);
      const again = await generate(cli, dir);
      if (keyThere || csrThere) {
        assert.strictEqual(again.code, 2, context);
        assert.deepStrictEqual(
          fs
            .readdirSync(dir)
            .sort()
            .map((n) => [n, fs.readFileSync(path.join(dir, n), 'hex')]),
          before,
          context,
        );
      } else {
        assert.strictEqual(again.code, 0, context);
        openssl(['req', '-in', csrPath, '-verify', '-noout']);
        assert.strictEqual(opensslSpkiSha256(csrPath, 'csr'), opensslSpkiSha256(keyPath, 'key'));
      }
    }
    // Where the later kills land depends on how long this run's RSA key search takes (it varies several-fold), so
    // only the first kill (at once) has a known outcome; every outcome was checked above whatever it was.
    assert.strictEqual(outcomes[0], 'none', outcomes.join(' '));
  });
});
