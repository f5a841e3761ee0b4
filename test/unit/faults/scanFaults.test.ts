// Fault injection for the inventory scan: files over the size limit, symbolic link loops, named pipes, sockets and
// devices, unreadable files and directories (as an unprivileged user: root reads anything), and files that vanish,
// or become directories, pipes or loops, between the walk and the read. Each fault becomes an error entry with its
// own code (or, for what is not a regular file inside a directory, is passed over), the scan completes, every other
// file is still read, exactly once, and no file is changed.
import * as assert from 'assert';
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { readInventoryFile, scanInventory } from '../../../src/core/inventory/scanInventory';
import { InventoryOptions } from '../../../src/core/inventory/scanInventory';
import { InventoryResult } from '../../../src/core/model';
import { cryptoFixtures, scratchDir } from '../../support/cryptoFixtures';
import { timedAsync } from '../../support/fuzzing';
import { bundleForAnotherUser } from '../../support/bundleForAnotherUser';

/** Fails instead of hanging: a scan blocked on a pipe would otherwise stop the whole run. */
function scan(paths: string[], options: InventoryOptions = {}, limitMs = 10_000): Promise<InventoryResult> {
  return timedAsync('scanInventory', paths, () => scanInventory(paths, options), limitMs);
}

function relative(root: string, result: InventoryResult): { items: string[]; errors: string[] } {
  return {
    items: result.items.map((i) => `${path.relative(root, i.path)}#${i.index}`),
    errors: result.errors.map((e) => `${path.relative(root, e.path)}:${e.code}`),
  };
}

/** Content hashes of every regular file under `root`: a scan must change none of them. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        out[path.relative(root, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
}

/** A PEM file of exactly `size` bytes: a certificate, then a comment line of padding. */
function certificateOfSize(size: number): Buffer {
  const pem = fs.readFileSync(cryptoFixtures().rsa.certPath);
  assert.ok(size >= pem.length + 2, `a certificate needs ${pem.length + 2} bytes`);
  return Buffer.concat([pem, Buffer.from('#'.repeat(size - pem.length - 1) + '\n')]);
}

/** Unblocks a reader stuck opening `fifo` (so that a failed test does not hang the run), then removes it. */
function releaseFifo(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    // no reader is waiting
  }
}

function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

describe('faults: inventory scan', function () {
  this.timeout(60_000);
  let certificate: Buffer;
  before(() => {
    certificate = fs.readFileSync(cryptoFixtures().rsa.certPath);
  });

  describe('files over the size limit', () => {
    it('are error entries too-large with the size and the limit, and the other files are still read', async () => {
      const root = scratchDir('too-large-');
      const limit = certificate.length + 100;
      fs.writeFileSync(path.join(root, 'small.crt'), certificate);
      fs.writeFileSync(path.join(root, 'exact.pem'), certificateOfSize(limit));
      fs.writeFileSync(path.join(root, 'over.pem'), certificateOfSize(limit + 1));
      fs.writeFileSync(path.join(root, 'over-disguised.txt'), certificateOfSize(limit + 500));
      fs.writeFileSync(path.join(root, 'over-binary.bin'), Buffer.alloc(limit + 500, 0x30));
      // 100 MB, sparse: never read (the scan would take far longer, and the memory would show).
      fs.writeFileSync(path.join(root, 'huge.der'), Buffer.from([0x30, 0x84]));
      fs.truncateSync(path.join(root, 'huge.der'), 100 * 1024 * 1024);
      const before = snapshot(root);
      const result = await scan([root], { maxFileBytes: limit }, 5000);
      assert.deepStrictEqual(relative(root, result), {
        items: ['exact.pem#0', 'small.crt#0'],
        errors: ['huge.der:too-large', 'over-disguised.txt:too-large', 'over.pem:too-large'],
      });
      const over = result.errors.find((e) => e.path.endsWith('over.pem'));
      assert.strictEqual(over?.message, `file is ${limit + 1} bytes, over the ${limit}-byte limit; not read`);
      assert.match(
        result.errors.find((e) => e.path.endsWith('huge.der'))?.message ?? '',
        /^file is 104857600 bytes, over the \d+-byte limit; not read$/,
      );
      assert.deepStrictEqual(snapshot(root), before, 'no file changed');
    });

    it("holds at every size around the readers' 64 KiB buffer, for scans and single reads", async () => {
      const root = scratchDir('too-large-edges-');
      for (const limit of [65535, 65536, 65537, 131072]) {
        const dir = path.join(root, String(limit));
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'at.pem'), certificateOfSize(limit));
        fs.writeFileSync(path.join(dir, 'over.pem'), certificateOfSize(limit + 1));
        fs.writeFileSync(path.join(dir, 'under.pem'), certificateOfSize(limit - 1));
        const result = await scan([dir], { maxFileBytes: limit });
        assert.deepStrictEqual(
          relative(dir, result),
          { items: ['at.pem#0', 'under.pem#0'], errors: ['over.pem:too-large'] },
          `limit ${limit}`,
        );
        const single = await readInventoryFile(path.join(dir, 'over.pem'), { maxFileBytes: limit });
        assert.deepStrictEqual(
          single.errors.map((e) => e.code),
          ['too-large'],
          `limit ${limit}, one file`,
        );
        const fits = await readInventoryFile(path.join(dir, 'at.pem'), { maxFileBytes: limit });
        assert.deepStrictEqual([fits.items.length, fits.errors.length], [1, 0], `limit ${limit}, a file at the limit`);
      }
    });
  });

  describe('symbolic link loops', () => {
    it('become symlink-loop entries; the scan completes and reads every real file once', async () => {
      const root = scratchDir('loops-');
      fs.mkdirSync(path.join(root, 'x'));
      fs.mkdirSync(path.join(root, 'z'));
      fs.mkdirSync(path.join(root, 'sub/deeper'), { recursive: true });
      fs.writeFileSync(path.join(root, 'x/in-x.crt'), certificate);
      fs.writeFileSync(path.join(root, 'z/in-z.crt'), certificate);
      fs.writeFileSync(path.join(root, 'sub/deeper/deep.crt'), certificate);
      fs.symlinkSync('b.pem', path.join(root, 'a.pem')); // a -> b -> a
      fs.symlinkSync('a.pem', path.join(root, 'b.pem'));
      fs.symlinkSync('self.key', path.join(root, 'self.key'));
      fs.symlinkSync('..', path.join(root, 'sub/up')); // a directory link to its parent
      fs.symlinkSync(root, path.join(root, 'sub/deeper/top')); // to the root, absolute
      fs.symlinkSync('../z', path.join(root, 'x/to-z')); // x/to-z -> z, z/to-x -> x: a loop through two directories
      fs.symlinkSync('../x', path.join(root, 'z/to-x'));
      const result = await scan([root], {}, 10_000);
      const { errors } = relative(root, result);
      // A directory reached through a link is read once, under the first path the sorted walk finds for it.
      const real = result.items.map((i) => path.relative(fs.realpathSync(root), fs.realpathSync(i.path))).sort();
      assert.deepStrictEqual(real, ['sub/deeper/deep.crt', 'x/in-x.crt', 'z/in-z.crt'], 'each real file once');
      for (const loop of ['a.pem', 'b.pem', 'self.key', 'sub/up', 'sub/deeper/top'])
        assert.ok(errors.includes(`${loop}:symlink-loop`), `${loop}: ${errors.join(', ')}`);
      assert.ok(
        errors.some((e) => /(^|\/)(to-z|to-x):symlink-loop$/.test(e)),
        `the two-directory loop: ${errors.join(', ')}`,
      );
      assert.ok(
        errors.every((e) => e.endsWith(':symlink-loop')),
        errors.join(', '),
      );
    });

    it('a loop named explicitly, as a scan root or a single file, is an error entry too', async () => {
      const root = scratchDir('loop-root-');
      fs.symlinkSync('loop.pem', path.join(root, 'loop.pem'));
      const named = await scan([path.join(root, 'loop.pem')]);
      assert.deepStrictEqual(
        named.errors.map((e) => e.code),
        ['symlink-loop'],
      );
      const single = await readInventoryFile(path.join(root, 'loop.pem'));
      assert.deepStrictEqual(
        single.errors.map((e) => e.code),
        ['symlink-loop'],
      );
    });
  });

  describe('named pipes, sockets and devices', () => {
    it('inside a directory: passed over without blocking, the other files read', async function () {
      const root = scratchDir('special-');
      if (!mkfifo(path.join(root, 'pipe.pem')) || !mkfifo(path.join(root, 'pipe.txt'))) this.skip();
      fs.writeFileSync(path.join(root, 'real.crt'), certificate);
      fs.symlinkSync('/dev/zero', path.join(root, 'zero.pem'));
      fs.symlinkSync('pipe.pem', path.join(root, 'link-to-pipe.crt'));
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(root, 'socket.pem'), resolve));
      try {
        for (const blockingReads of [false, true]) {
          const result = await scan([root], { blockingReads }, 5000);
          assert.deepStrictEqual(relative(root, result), { items: ['real.crt#0'], errors: [] }, `${blockingReads}`);
        }
      } finally {
        server.close();
        releaseFifo(path.join(root, 'pipe.pem'));
        releaseFifo(path.join(root, 'pipe.txt'));
      }
    });

    it('named explicitly: a pipe, a socket and /dev/zero give an error entry each, without blocking', async function () {
      const root = scratchDir('special-named-');
      const fifo = path.join(root, 'named.pem');
      if (!mkfifo(fifo)) this.skip();
      const socketPath = path.join(root, 'named.sock');
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(socketPath, resolve));
      try {
        for (const target of [fifo, socketPath, '/dev/zero']) {
          const single = await timedAsync(
            'readInventoryFile',
            target,
            () => readInventoryFile(target, { maxFileBytes: 100_000 }),
            3000,
          );
          assert.strictEqual(single.items.length, 0, target);
          assert.strictEqual(single.errors.length, 1, `${target}: ${JSON.stringify(single.errors)}`);
          assert.ok(
            ['unreadable', 'too-large', 'empty-file'].includes(single.errors[0].code),
            `${target}: ${JSON.stringify(single.errors)}`,
          );
          for (const blockingReads of [false, true]) {
            const scanned = await scan([target], { maxFileBytes: 100_000, blockingReads }, 3000);
            assert.deepStrictEqual(
              scanned.errors.map((e) => e.code),
              single.errors.map((e) => e.code),
              `${target} ${blockingReads}`,
            );
          }
        }
      } finally {
        server.close();
        releaseFifo(fifo);
      }
    });

    it('a pipe with a writer that never writes does not block either', async function () {
      const root = scratchDir('special-writer-');
      const fifo = path.join(root, 'busy.pem');
      if (!mkfifo(fifo)) this.skip();
      // Read and write ends held open by this process: a blocking read would wait forever for data.
      const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const writer = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      try {
        const single = await timedAsync('readInventoryFile', fifo, () => readInventoryFile(fifo), 3000);
        assert.deepStrictEqual([single.items.length, single.errors.length], [0, 1], JSON.stringify(single));
        // A scan's blocking read of it returns at once as well (the pipe is opened non-blocking).
        const scanned = await scan([fifo], { blockingReads: true }, 3000);
        assert.deepStrictEqual([scanned.items.length, scanned.errors.length], [0, 1], JSON.stringify(scanned));
      } finally {
        fs.closeSync(writer);
        fs.closeSync(reader);
      }
    });
  });

  describe('files that change between the walk and the read', () => {
    const kinds = [
      'vanishes',
      'becomes a directory',
      'becomes a named pipe',
      'becomes a symlink loop',
      'becomes a dangling link',
    ] as const;
    const expected: Record<(typeof kinds)[number], string[]> = {
      vanishes: ['not-found'],
      'becomes a directory': ['unreadable'],
      'becomes a named pipe': ['unreadable', 'empty-file'],
      'becomes a symlink loop': ['symlink-loop'],
      'becomes a dangling link': ['not-found'],
    };
    for (const blockingReads of [false, true])
      for (const kind of kinds) {
        const how = blockingReads ? ' (blocking reads)' : '';
        it(`a file that ${kind} is an error entry, the others are read${how}`, async () => {
          const root = scratchDir('changed-');
          for (const name of ['a.crt', 'b.crt', 'victim.pem', 'c.crt'])
            fs.writeFileSync(path.join(root, name), certificate);
          const victim = path.join(root, 'victim.pem');
          const change = () => {
            fs.rmSync(victim);
            if (kind === 'becomes a directory') fs.mkdirSync(victim);
            if (kind === 'becomes a named pipe') assert.ok(mkfifo(victim));
            if (kind === 'becomes a symlink loop') fs.symlinkSync('victim.pem', victim);
            if (kind === 'becomes a dangling link') fs.symlinkSync('nowhere.pem', victim);
          };
          try {
            const result = await scan([root], { onProgress: (done) => done === 0 && change(), blockingReads }, 5000);
            const { items, errors } = relative(root, result);
            assert.deepStrictEqual(items, ['a.crt#0', 'b.crt#0', 'c.crt#0']);
            assert.strictEqual(errors.length, 1, errors.join(', '));
            assert.ok(
              expected[kind].some((code) => errors[0] === `victim.pem:${code}`),
              errors[0],
            );
            if (kind === 'vanishes') assert.strictEqual(result.errors[0].message, 'file vanished during the scan');
            if (kind === 'becomes a directory') assert.strictEqual(result.errors[0].message, 'is a directory');
          } finally {
            if (kind === 'becomes a named pipe') releaseFifo(victim);
          }
        });
      }

    for (const count of [200, 700]) {
      it(`${count} files deleted while the scan runs: each is read or an error entry not-found, exactly once`, async () => {
        const root = scratchDir('vanishing-');
        const names = Array.from({ length: count }, (_, i) => `f${String(i).padStart(4, '0')}.crt`);
        for (const name of names) fs.writeFileSync(path.join(root, name), certificate);
        // Half of them go before the first read; at the first progress report after that, every file not yet
        // reported goes too (some of them are being read at that moment).
        const early = new Set(names.filter((_, i) => i % 2 === 1));
        const seen = new Set<string>();
        let late = false;
        const result = await scan(
          [root],
          {
            onItems: (batch) => {
              for (const item of batch.items) seen.add(path.basename(item.path));
              for (const error of batch.errors) seen.add(path.basename(error.path));
            },
            onProgress: (done) => {
              if (done === 0) {
                for (const name of early) fs.rmSync(path.join(root, name));
              } else if (!late) {
                late = true;
                for (const name of names) if (!seen.has(name) && !early.has(name)) fs.rmSync(path.join(root, name));
              }
            },
          },
          30_000,
        );
        const read = result.items.map((i) => path.basename(i.path));
        const vanished = result.errors.map((e) => path.basename(e.path));
        assert.ok(
          result.errors.every((e) => e.code === 'not-found' && e.message === 'file vanished during the scan'),
          JSON.stringify(result.errors.slice(0, 3)),
        );
        assert.deepStrictEqual([...read, ...vanished].sort(), names, 'every file once, as an item or an error');
        for (const name of early) assert.ok(vanished.includes(name), `${name} was deleted before any read`);
        assert.ok(read.length > 0 && vanished.length >= early.size);
      });
    }
  });

  describe('unreadable files and directories', () => {
    let root: string;
    before(() => {
      // Outside the fixtures' private directory: an unprivileged user must reach it.
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-faults-eacces-'));
      fs.chmodSync(root, 0o755);
    });
    after(() => {
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it('give permission-denied entries, and the readable files are still read (as an unprivileged user)', function () {
      const isRoot = process.getuid?.() === 0;
      fs.writeFileSync(path.join(root, 'readable.crt'), certificate, { mode: 0o644 });
      fs.writeFileSync(path.join(root, 'secret.key'), fs.readFileSync(cryptoFixtures().rsa.keyPath), { mode: 0o600 });
      fs.writeFileSync(path.join(root, 'locked.crt'), certificate, { mode: 0o000 });
      fs.chmodSync(path.join(root, 'locked.crt'), 0o000);
      fs.mkdirSync(path.join(root, 'closed'));
      fs.writeFileSync(path.join(root, 'closed/inside.crt'), certificate);
      fs.chmodSync(path.join(root, 'closed'), 0o000);
      fs.writeFileSync(path.join(root, 'later.crt'), certificate, { mode: 0o644 });
      const before = snapshot(root);
      // Root reads everything: run the scan as nobody (65534), which needs root to start. Otherwise this process
      // is unprivileged already. The scan is bundled outside the checkout, which nobody may not be able to enter.
      const inventory = bundleForAnotherUser(path.resolve(__dirname, '../../../src/core/inventory/scanInventory.js'));
      const script = `
        const fs = require('fs');
        const { scanInventory } = require(${JSON.stringify(inventory.file)});
        const root = ${JSON.stringify(root)};
        scanInventory([root], { onProgress: (done) => { if (done === 0) fs.chmodSync(root + '/later.crt', 0); } })
          .then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(3); });`;
      // The child makes this one unreadable after the walk: it must own it.
      if (isRoot) fs.chownSync(path.join(root, 'later.crt'), 65534, 65534);
      let child: SpawnSyncReturns<string>;
      try {
        child = spawnSync(process.execPath, ['-e', script], {
          cwd: inventory.dir,
          encoding: 'utf8',
          timeout: 20_000,
          ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
        });
      } finally {
        inventory.remove();
      }
      if (child.error && isRoot) this.skip(); // no user to switch to
      assert.strictEqual(child.status, 0, `${child.error ?? ''} ${child.stderr}`);
      const result = JSON.parse(child.stdout) as InventoryResult;
      assert.deepStrictEqual(relative(root, result), {
        items: ['readable.crt#0'],
        errors: [
          'closed:permission-denied',
          'later.crt:permission-denied',
          'locked.crt:permission-denied',
          'secret.key:permission-denied',
        ],
      });
      assert.ok(
        result.errors.every((e) => e.message === 'permission denied'),
        JSON.stringify(result.errors),
      );
      fs.chmodSync(path.join(root, 'closed'), 0o755);
      assert.deepStrictEqual(snapshot(root), before, 'no file changed');
    });
  });
});
