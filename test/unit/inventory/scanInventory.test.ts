import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { readInventoryFile, scanInventory } from '../../../src/core/inventory/scanInventory';
import { walkFiles } from '../../../src/core/inventory/walkFiles';
import { InventoryResult } from '../../../src/core/model';
import { cryptoFixtures, scratchDir } from '../../support/cryptoFixtures';

function tree(): string {
  const f = cryptoFixtures();
  const root = scratchDir('scan-');
  const put = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };
  put('a/client.crt', fs.readFileSync(f.rsa.certPath));
  put('a/client.key', fs.readFileSync(f.rsa.keyPath));
  put('a/b/c/bundle.pem', fs.readFileSync(f.files['bundle.pem']));
  put('a/b/readme.txt', 'nothing to see\n');
  put('a/b/cert-in-disguise.txt', fs.readFileSync(f.ec.certPath));
  put('a/b/binary.bin', Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]));
  put('node_modules/pkg/test.pem', fs.readFileSync(f.ec.certPath));
  put('garbage/empty.pem', '');
  put('garbage/truncated.pem', fs.readFileSync(f.files['garbage/truncated.pem']));
  // 20 MB, sparse: the scan must not read it, so its content does not matter.
  put('garbage/big.der', Buffer.from([0x30, 0x84]));
  fs.truncateSync(path.join(root, 'garbage/big.der'), 20 * 1024 * 1024);
  return root;
}

const rel = (root: string, result: InventoryResult) => ({
  items: result.items.map((i) => `${path.relative(root, i.path)}#${i.index}`),
  errors: result.errors.map((e) => `${path.relative(root, e.path)}:${e.code}`),
});

describe('scanInventory', () => {
  it('walks directories, picks candidates by extension or PEM content, sorts by path then index', async () => {
    const root = tree();
    const result = await scanInventory([root]);
    assert.deepStrictEqual(rel(root, result), {
      items: [
        'a/b/c/bundle.pem#0',
        'a/b/c/bundle.pem#1',
        'a/b/c/bundle.pem#2',
        'a/b/cert-in-disguise.txt#0',
        'a/client.crt#0',
        'a/client.key#0',
      ],
      errors: ['garbage/big.der:too-large', 'garbage/empty.pem:empty-file', 'garbage/truncated.pem:truncated-pem'],
    });
  });

  it('reads explicitly named files whatever their name, and node_modules only when named', async () => {
    const root = tree();
    const result = await scanInventory([path.join(root, 'a/b/binary.bin'), path.join(root, 'node_modules')]);
    assert.deepStrictEqual(rel(root, result), {
      items: ['node_modules/pkg/test.pem#0'],
      errors: ['a/b/binary.bin:not-pem-or-der'],
    });
  });

  it('honours maxFileBytes without reading the file', async () => {
    const root = tree();
    const result = await scanInventory([path.join(root, 'a')], { maxFileBytes: 1000 });
    assert.ok(rel(root, result).errors.includes('a/client.crt:too-large'));
  });

  it('reports missing paths, dangling links and symlink loops as errors', async () => {
    const root = tree();
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a/b/loop'));
    fs.symlinkSync(path.join(root, 'nowhere.pem'), path.join(root, 'a/dangling.pem'));
    fs.symlinkSync('self.pem', path.join(root, 'a/self.pem'));
    const result = await scanInventory([path.join(root, 'a'), path.join(root, 'missing.crt')]);
    const { errors } = rel(root, result);
    assert.ok(errors.includes('a/b/loop:symlink-loop'), errors.join());
    assert.ok(errors.includes('a/dangling.pem:not-found'), errors.join());
    assert.ok(errors.includes('a/self.pem:symlink-loop'), errors.join());
    assert.ok(errors.includes('missing.crt:not-found'), errors.join());
  });

  it('reports a file that vanishes between the walk and the read', async () => {
    const root = tree();
    const victim = path.join(root, 'a/client.key');
    const result = await scanInventory([root], { onProgress: (done) => done === 0 && fs.rmSync(victim) });
    const error = result.errors.find((e) => e.path === victim);
    assert.deepStrictEqual(error && [error.code, error.message], ['not-found', 'file vanished during the scan']);
  });

  it('reports unreadable files', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads anything
    const root = tree();
    fs.chmodSync(path.join(root, 'a/client.crt'), 0o000);
    const result = await scanInventory([root]);
    assert.ok(rel(root, result).errors.includes('a/client.crt:permission-denied'));
  });

  it('reads the same with blocking reads and stats as through the thread pool', async () => {
    const root = tree();
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a/b/loop'));
    fs.symlinkSync(path.join(root, 'nowhere.pem'), path.join(root, 'a/dangling.pem'));
    fs.mkdirSync(path.join(root, 'dir.pem'));
    if (process.getuid?.() !== 0) fs.chmodSync(path.join(root, 'a/client.key'), 0o000);
    const paths = [root, path.join(root, 'a/b/binary.bin'), path.join(root, 'missing.crt')];
    const walk = (blockingStat: boolean) => walkFiles(paths, { stat: true, blockingStat });
    const pooled = await walk(false);
    const blocking = await walk(true);
    assert.deepStrictEqual(blocking, pooled);
    for (const maxFileBytes of [undefined, 1000]) {
      const viaPool = await scanInventory(pooled.files, { maxFileBytes });
      const here = await scanInventory(pooled.files, { maxFileBytes, blockingReads: true });
      assert.deepStrictEqual(here, viaPool, `maxFileBytes ${maxFileBytes}`);
      assert.ok((maxFileBytes ? 0 : 4) <= here.items.length && here.errors.length > 2, JSON.stringify(rel(root, here)));
    }
  });

  it('reports progress and items incrementally, and stops on abort', async () => {
    const root = tree();
    const progress: Array<[number, number | undefined]> = [];
    const batches: InventoryResult[] = [];
    const result = await scanInventory([root], {
      concurrency: 2,
      onProgress: (d, t) => progress.push([d, t]),
      onItems: (b) => batches.push(b),
    });
    assert.deepStrictEqual(progress[0], [0, progress.at(-1)![1]]);
    assert.strictEqual(progress.at(-1)![0], progress.at(-1)![1]);
    assert.ok(progress.length > 3);
    assert.strictEqual(
      batches.reduce((n, b) => n + b.items.length, 0),
      result.items.length,
    );
    assert.strictEqual(
      batches.reduce((n, b) => n + b.errors.length, 0),
      result.errors.length,
    );

    const controller = new AbortController();
    await assert.rejects(
      scanInventory([root], {
        concurrency: 1,
        onProgress: (done) => done === 2 && controller.abort(),
        signal: controller.signal,
      }),
      (e: unknown) => e instanceof CoreError && e.code === 'aborted',
    );
  });

  it('keeps the event loop turning during a scan', async () => {
    const root = tree();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await scanInventory([root, root, root], { concurrency: 1 });
    clearInterval(timer);
    assert.ok(ticks > 0);
  });
});

describe('readInventoryFile', () => {
  it('reads one file, and says when it is gone', async () => {
    const f = cryptoFixtures();
    const result = await readInventoryFile(f.files['bundle.pem']);
    assert.strictEqual(result.items.length, 3);
    const gone = await readInventoryFile(path.join(f.dir, 'gone.pem'));
    assert.deepStrictEqual(
      gone.errors.map((e) => e.code),
      ['not-found'],
    );
    const big = await readInventoryFile(f.files['garbage/big.der']);
    assert.deepStrictEqual(
      big.errors.map((e) => e.code),
      ['too-large'],
    );
  });

  it('stops reading a file that is larger than stat said (a device, a growing file)', async function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    const result = await readInventoryFile('/dev/zero', { maxFileBytes: 100_000 });
    assert.deepStrictEqual(
      result.errors.map((e) => e.code),
      ['too-large'],
    );
  });
});
