import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isCoreError } from '../../../src/core/errors';
import { checkNewPaths, freshName, writeKeyAndCsr } from '../../../src/core/generate/writeNewFiles';
import { scratchDir } from '../../support/cryptoFixtures';

const KEY = '-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n';
const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nnot really a csr\n-----END CERTIFICATE REQUEST-----\n';

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isCoreError(error), String(error));
    assert.strictEqual(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

function snapshot(file: string): { bytes: string; mtimeMs: number; mode: number } {
  const stat = fs.statSync(file);
  return { bytes: fs.readFileSync(file, 'hex'), mtimeMs: stat.mtimeMs, mode: stat.mode };
}

function withUmask<T>(mask: number, run: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  return run().finally(() => process.umask(previous));
}

describe('writeKeyAndCsr', function () {
  this.timeout(30_000);

  it('writes the key with mode 0600 and the CSR with 0644, and leaves no temporary file', async () => {
    const dir = scratchDir('write-');
    await withUmask(0o022, () => writeKeyAndCsr(path.join(dir, 'a.key'), path.join(dir, 'a.csr'), KEY, CSR));
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.key'), 'utf8'), KEY);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.csr'), 'utf8'), CSR);
    assert.strictEqual(fs.statSync(path.join(dir, 'a.key')).mode & 0o777, 0o600);
    assert.strictEqual(fs.statSync(path.join(dir, 'a.csr')).mode & 0o777, 0o644);
    assert.strictEqual(fs.statSync(path.join(dir, 'a.key')).nlink, 1, 'the temporary link is gone');
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['a.csr', 'a.key']);
  });

  it('gives the key exactly 0600 whatever the umask', async () => {
    const dir = scratchDir('umask-');
    await withUmask(0o277, () => writeKeyAndCsr(path.join(dir, 'k'), path.join(dir, 'c'), KEY, CSR));
    assert.strictEqual(fs.statSync(path.join(dir, 'k')).mode & 0o777, 0o600);
    assert.strictEqual(fs.statSync(path.join(dir, 'c')).mode & 0o777, 0o400, 'the CSR follows the umask');
  });

  for (const taken of ['key', 'csr', 'both'] as const) {
    it(`refuses when the ${taken === 'both' ? 'key and the CSR exist' : `${taken} exists`}, and changes nothing`, async () => {
      const dir = scratchDir('exists-');
      const key = path.join(dir, 'n.key');
      const csr = path.join(dir, 'n.csr');
      if (taken !== 'csr') fs.writeFileSync(key, 'old key', { mode: 0o600 });
      if (taken !== 'key') fs.writeFileSync(csr, 'old csr');
      const before = fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, snapshot(path.join(dir, f))]);
      await rejectsWith(
        writeKeyAndCsr(key, csr, KEY, CSR),
        'file-exists',
        taken === 'csr' ? /n\.csr already exists/ : /n\.key already exists/,
      );
      assert.deepStrictEqual(
        fs
          .readdirSync(dir)
          .sort()
          .map((f) => [f, snapshot(path.join(dir, f))]),
        before,
      );
    });
  }

  it('counts a dangling symlink as taken and does not write through it', async () => {
    const dir = scratchDir('symlink-');
    fs.symlinkSync(path.join(dir, 'target.key'), path.join(dir, 'link.key'));
    await rejectsWith(writeKeyAndCsr(path.join(dir, 'link.key'), path.join(dir, 'x.csr'), KEY, CSR), 'file-exists');
    assert.ok(!fs.existsSync(path.join(dir, 'target.key')));
    assert.deepStrictEqual(fs.readdirSync(dir), ['link.key']);
  });

  it('refuses one path for both files', async () => {
    const dir = scratchDir('same-');
    await rejectsWith(writeKeyAndCsr(path.join(dir, 'x'), path.join(dir, '.', 'x'), KEY, CSR), 'same-path');
    await rejectsWith(checkNewPaths('a.pem', './a.pem'), 'same-path');
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('leaves nothing when the CSR directory does not exist', async () => {
    const dir = scratchDir('nodir-');
    await rejectsWith(
      writeKeyAndCsr(path.join(dir, 'k.key'), path.join(dir, 'missing', 'c.csr'), KEY, CSR),
      'not-found',
      /missing/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('removes the key again when the CSR name is taken between the check and the write', async function () {
    const dir = scratchDir('race-');
    const key = path.join(dir, 'r.key');
    const csr = path.join(dir, 'r.csr');
    let injected = false;
    // The CSR's temporary file appears after both checks and before either name is placed: take the name then.
    const watcher = fs.watch(dir, (_event, name) => {
      if (injected || !name?.startsWith('.r.csr.')) return;
      try {
        fs.writeFileSync(csr, 'someone else', { flag: 'wx' });
        injected = true;
      } catch {
        // lost the race: the writer placed its CSR first
      }
    });
    try {
      const outcome = await writeKeyAndCsr(key, csr, KEY, CSR).then(
        () => 'written',
        (error: unknown) => error,
      );
      if (!injected) this.skip();
      assert.ok(isCoreError(outcome) && outcome.code === 'file-exists', String(outcome));
      assert.ok(!fs.existsSync(key), 'the key was removed');
      assert.strictEqual(fs.readFileSync(csr, 'utf8'), 'someone else');
      assert.deepStrictEqual(fs.readdirSync(dir), ['r.csr']);
    } finally {
      watcher.close();
    }
  });

  it('lets exactly one of several simultaneous writers win, with its own pair', async () => {
    const dir = scratchDir('parallel-');
    const key = path.join(dir, 'p.key');
    const csr = path.join(dir, 'p.csr');
    const results = await Promise.allSettled(
      [0, 1, 2, 3, 4, 5].map((i) => writeKeyAndCsr(key, csr, `${KEY}${i}`, `${CSR}${i}`)),
    );
    const winners = results.map((r, i) => (r.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0);
    assert.strictEqual(winners.length, 1, JSON.stringify(results.map((r) => r.status)));
    assert.strictEqual(fs.readFileSync(key, 'utf8'), `${KEY}${winners[0]}`);
    assert.strictEqual(fs.readFileSync(csr, 'utf8'), `${CSR}${winners[0]}`);
    for (const r of results)
      if (r.status === 'rejected') assert.ok(isCoreError(r.reason) && r.reason.code === 'file-exists');
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['p.csr', 'p.key']);
  });
});

describe('freshName', () => {
  const taken =
    (...names: string[]) =>
    (p: string) =>
      names.includes(p);

  it('keeps a free path and numbers a taken one', () => {
    assert.strictEqual(freshName('program-a-new.key', taken()), 'program-a-new.key');
    assert.strictEqual(freshName('program-a-new.key', taken('program-a-new.key')), 'program-a-new-2.key');
    assert.strictEqual(
      freshName('program-a-new.key', taken('program-a-new.key', 'program-a-new-2.key')),
      'program-a-new-3.key',
    );
  });

  it('counts on from a number already there, keeps directories, handles names without extension', () => {
    assert.strictEqual(
      freshName('keys/program-a-new-2.key', taken('keys/program-a-new-2.key')),
      'keys/program-a-new-3.key',
    );
    assert.strictEqual(freshName('/etc/mtls/client.csr', taken('/etc/mtls/client.csr')), '/etc/mtls/client-2.csr');
    assert.strictEqual(freshName('key', taken('key')), 'key-2');
    assert.strictEqual(freshName('.hidden', taken('.hidden')), '.hidden-2');
    assert.strictEqual(
      freshName('client-2030.key', taken('client-2030.key')),
      'client-2030-2.key',
      'a year is no counter',
    );
  });
});
