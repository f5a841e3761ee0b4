import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { openDirectoryStore } from '../../../../src/core/stores/directory/openDirectoryStore';
import { DirectoryStoreSpec } from '../../../../src/core/stores/storeSpec';
import { tempDir } from '../../../support/openssl';
import { FixturePair, makePairs, opensslFingerprint, opensslPairMatches } from './directoryFixtures';

const CHILD = path.join(__dirname, 'storeChild.js');

type Op = 'promote' | 'rollback' | 'stage';

/** Runs the child until it prints "stopped" (then SIGKILLs it) or ends; returns the steps it printed. */
function runChild(args: object, stop: boolean): Promise<{ steps: string[]; killed: boolean; out: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CHILD, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (stop && !killed && /^stopped$/m.test(out)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (stop && signal !== 'SIGKILL') return reject(new Error(`child ended (${code}) before its stop: ${err}`));
      if (!stop && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      const steps = [...out.matchAll(/^step (.*)$/gm)].map((m) => m[1]);
      resolve({ steps, killed, out });
    });
  });
}

describe('directory store: a kill at every step of a switch', function () {
  let fixtures: string;
  let pairs: FixturePair[];
  let pemFiles: { certPath: string; keyPath: string };

  before(() => {
    fixtures = tempDir('mtls-dirkill-fixtures-');
    pairs = makePairs(fixtures, 2);
    pemFiles = { certPath: path.join(fixtures, 'new.crt'), keyPath: path.join(fixtures, 'new.key') };
    fs.writeFileSync(pemFiles.certPath, pairs[1].pair.certificatePem);
    fs.writeFileSync(pemFiles.keyPath, pairs[1].pair.privateKeyPem, { mode: 0o600 });
  });
  after(() => fs.rmSync(fixtures, { recursive: true, force: true }));

  /** A fresh store where `op` would switch from `before` to `after`. */
  async function prepare(op: Op): Promise<{ spec: DirectoryStoreSpec; dir: string; before: string; after: string }> {
    const dir = tempDir('mtls-dirkill-');
    const spec: DirectoryStoreSpec = { kind: 'directory', directory: dir, name: 'api' };
    const store = openDirectoryStore(spec);
    await store.stage(pairs[0].pair);
    if (op === 'stage') return { spec, dir, before: pairs[0].fingerprint, after: pairs[0].fingerprint };
    await store.stage(pairs[1].pair);
    if (op === 'promote') return { spec, dir, before: pairs[0].fingerprint, after: pairs[1].fingerprint };
    await store.promote();
    return { spec, dir, before: pairs[1].fingerprint, after: pairs[0].fingerprint };
  }

  function liveFingerprint(root: string): string {
    const cert = path.join(root, 'live', 'cert.pem');
    const key = path.join(root, 'live', 'key.pem');
    assert.ok(fs.existsSync(cert) && fs.existsSync(key), 'live resolves to a generation with cert.pem and key.pem');
    assert.ok(opensslPairMatches(cert, key), 'cert.pem and key.pem under live match (openssl)');
    return opensslFingerprint(cert);
  }

  for (const op of ['promote', 'rollback', 'stage'] as Op[]) {
    it(`${op}: the old or the new pair is live after a SIGKILL at each step, and the store works on`, async () => {
      const full = await prepare(op);
      const { steps } = await runChild({ directory: full.dir, name: 'api', op, ...pemFiles }, false);
      fs.rmSync(full.dir, { recursive: true, force: true });
      assert.ok(steps.includes(op === 'stage' ? 'generation: rename into archive' : 'live: rename over'), steps.join());

      const outcomes = new Set<string>();
      for (const stopAt of steps) {
        const { spec, dir, before, after } = await prepare(op);
        const root = path.join(dir, 'api');
        const { killed } = await runChild({ directory: dir, name: 'api', op, stopAt, ...pemFiles }, true);
        assert.ok(killed, stopAt);
        const live = liveFingerprint(root);
        assert.ok(live === before || live === after, `after a kill at "${stopAt}" live is neither pair: ${live}`);
        outcomes.add(live === before ? 'old' : 'new');

        const store = openDirectoryStore(spec);
        const listing = await store.list();
        assert.deepStrictEqual(listing.errors, [], `after a kill at "${stopAt}"`);
        if (op === 'stage') {
          // A half-written generation is never listed; staging again completes it.
          const state = await store.stage(pairs[1].pair);
          assert.deepStrictEqual(state, { current: pairs[0].fingerprint, pending: pairs[1].fingerprint }, stopAt);
          assert.strictEqual(liveFingerprint(root), pairs[0].fingerprint);
          await store.promote();
          assert.strictEqual(liveFingerprint(root), pairs[1].fingerprint);
          assert.deepStrictEqual(
            fs.readdirSync(path.join(root, 'archive')).filter((n) => n.startsWith('.')),
            [],
          );
        } else {
          // Not switched yet: the same operation again finishes it. Switched: the opposite one undoes it.
          const redo = op === 'promote' ? () => store.promote() : () => store.rollback();
          const undo = op === 'promote' ? () => store.rollback() : () => store.promote();
          if (live === before) {
            assert.strictEqual((await redo()).current, after, `redo after a kill at "${stopAt}"`);
            assert.strictEqual(liveFingerprint(root), after);
          } else {
            assert.strictEqual((await undo()).current, before, `undo after a kill at "${stopAt}"`);
            assert.strictEqual(liveFingerprint(root), before);
            assert.strictEqual((await redo()).current, after, `redo after a kill at "${stopAt}"`);
            assert.strictEqual(liveFingerprint(root), after);
          }
        }
        assert.deepStrictEqual(
          fs.readdirSync(root).filter((n) => n.startsWith('.')),
          [],
          `temporary links left after a kill at "${stopAt}" are cleaned up`,
        );
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // The kills landed on both sides of the switch (for stage, live never moves).
      assert.deepStrictEqual([...outcomes].sort(), op === 'stage' ? ['old'] : ['new', 'old']);
    });
  }
});
