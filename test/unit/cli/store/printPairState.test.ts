// The reload part of deploy/promote/rollback output: a directory store's reload command cannot be named in a
// `dir:` spec yet, so it is checked here on the printer itself.
import * as assert from 'assert';
import { printPairState } from '../../../../src/cli/commands/store/printPairState';
import { ReloadOutcome, StorePairState } from '../../../../src/core/stores/secretsStore';

function capture(state: StorePairState, json: boolean) {
  let stdout = '';
  let stderr = '';
  const code = printPairState(
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} },
    json,
    'Switched.',
    state,
    'store promote',
  );
  return { code, stdout, stderr };
}

describe('store CLI: the pair state and the reload command', () => {
  const base = { current: 'AA:BB', pending: null };

  it('prints exactly ok, current and pending without a reload', () => {
    const out = capture(base, true);
    assert.deepStrictEqual(JSON.parse(out.stdout), { ok: true, current: 'AA:BB', pending: null });
    assert.strictEqual(out.code, 0);
    assert.strictEqual(out.stderr, '');
  });

  it('adds the reload outcome, exit 0 when it succeeded', () => {
    const reload = { command: ['systemctl', 'reload', 'api'], exitCode: 0 };
    const out = capture({ ...base, reload }, true);
    assert.deepStrictEqual(JSON.parse(out.stdout), { ok: true, current: 'AA:BB', pending: null, reload });
    assert.strictEqual(out.code, 0);
    assert.match(capture({ ...base, reload }, false).stdout, /^reload {3}systemctl reload api: exit 0$/m);
  });

  it('exit 1 and one line on stderr when the reload failed, was killed or did not start', () => {
    for (const [reload, said] of [
      [{ command: ['reload-api'], exitCode: 3 }, /reload-api: exit 3; services may still use/],
      [{ command: ['reload-api'], exitCode: null, signal: 'SIGKILL' }, /reload-api: killed by SIGKILL/],
      [{ command: ['nope\u001b[2J'], exitCode: null, error: 'ENOENT' }, /nope\\x1b\[2J: did not start \(ENOENT\)/],
    ] as Array<[ReloadOutcome, RegExp]>) {
      const out = capture({ ...base, reload }, false);
      assert.strictEqual(out.code, 1);
      assert.match(out.stderr, said);
      assert.strictEqual(out.stderr.split('\n').length, 2);
      assert.ok(!out.stdout.includes('\u001b'));
    }
  });
});
