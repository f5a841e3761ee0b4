import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CertificateStore } from '../../src/vscode/inventory/certificateStore';
import { createLog } from '../../src/vscode/log';
import { readSettings, Settings } from '../../src/vscode/settings';
import { CertificateInfo } from '../../src/core/model';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../support/openssl';

function fingerprintOf(file: string): string {
  return openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha256']).trim().split('=')[1];
}

function certificates(store: CertificateStore): Map<string, string> {
  const found = new Map<string, string>();
  for (const item of store.snapshot().items)
    if (item.kind === 'certificate') found.set(path.basename(item.path), (item as CertificateInfo).fingerprintSha256);
  return found;
}

/**
 * Two activations of the inventory, one after the other, on the same folder and the same extension storage: the
 * second shows what the first cached before it reads a file, then reads what changed while it was closed. The
 * folder is a scratch one (the stores are built here, on the real VS Code API), so the shared fixture stays as it is.
 */
describe('Inventory cache across activations', () => {
  let folder: string;
  let storage: string;
  let settings: Settings;
  // A channel of its own: disposing one named as the extension's would close the extension's in VS Code 1.139.
  const log = createLog('mTLS Rotation (cache test)');
  const hourAgo = new Date(Date.now() - 3600_000);

  before(() => {
    folder = tempDir('mtls-cache-ws-');
    storage = tempDir('mtls-cache-storage-');
    const scratch = tempDir('mtls-cache-ca-');
    const ca = makeCa(path.join(scratch, 'ca'), 'Cache CA');
    for (const name of ['kept', 'changed', 'deleted', 'replacement']) {
      const leaf = makeLeaf(ca, path.join(scratch, name), name, {
        subject: `/O=Axys Test/CN=${name}.example.com`,
        notAfter: daysFromNow(90),
      });
      fs.copyFileSync(leaf.certPath, path.join(scratch, `${name}.crt`));
    }
    for (const name of ['kept', 'changed', 'deleted']) {
      fs.copyFileSync(path.join(scratch, `${name}.crt`), path.join(folder, `${name}.crt`));
      fs.utimesSync(path.join(folder, `${name}.crt`), hourAgo, hourAgo);
    }
    fs.mkdirSync(path.join(folder, 'node_modules'));
    fs.copyFileSync(path.join(scratch, 'kept.crt'), path.join(folder, 'node_modules', 'excluded.crt'));
    fs.copyFileSync(path.join(scratch, 'replacement.crt'), path.join(folder, '.replacement'));
    fs.rmSync(scratch, { recursive: true, force: true });
    const window = readSettings();
    settings = {
      ...window,
      folders: [
        {
          folder: vscode.Uri.file(folder).toString(),
          include: window.include,
          exclude: '**/{node_modules,.git}/**',
          registerPath: path.join(folder, 'certificate-register.json'),
        },
      ],
    };
  });

  after(() => {
    log.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('shows the cached entries at once on the next activation, then reads what changed while closed', async () => {
    const cache = { storageUri: vscode.Uri.file(storage), version: 'test' };
    const first = new CertificateStore(settings, log, cache);
    try {
      await first.start();
      assert.deepStrictEqual([...certificates(first).keys()].sort(), ['changed.crt', 'deleted.crt', 'kept.crt']);
      await first.saveCache();
    } finally {
      first.dispose();
    }
    const before = {
      kept: fingerprintOf(path.join(folder, 'kept.crt')),
      changed: fingerprintOf(path.join(folder, 'changed.crt')),
      deleted: fingerprintOf(path.join(folder, 'deleted.crt')),
    };
    // The cache is in the extension's storage, owner-only, and nothing was written into the workspace.
    assert.deepStrictEqual(fs.readdirSync(storage), ['inventory-cache.json']);
    assert.strictEqual(fs.statSync(path.join(storage, 'inventory-cache.json')).mode & 0o777, 0o600);
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), [
      '.replacement',
      'changed.crt',
      'deleted.crt',
      'kept.crt',
      'node_modules',
    ]);

    // While closed: one certificate replaced by another (its mtime set back to an old one), one deleted.
    fs.copyFileSync(path.join(folder, '.replacement'), path.join(folder, 'changed.crt'));
    const older = new Date(hourAgo.getTime() - 60_000);
    fs.utimesSync(path.join(folder, 'changed.crt'), older, older);
    fs.rmSync(path.join(folder, 'deleted.crt'));
    const replacement = fingerprintOf(path.join(folder, 'changed.crt'));
    assert.notStrictEqual(replacement, before.changed);

    const second = new CertificateStore(settings, log, cache);
    try {
      const loaded = second.start();
      // Before any file was read (reads are asynchronous; start() has not yielded yet): the cache's view.
      assert.strictEqual(second.scanning, false);
      assert.deepStrictEqual(Object.fromEntries(certificates(second)), {
        'kept.crt': before.kept,
        'changed.crt': before.changed,
        'deleted.crt': before.deleted,
      });
      assert.strictEqual(await second.whenRestored(), 3);
      await loaded;
      // Then the background pass: the changed file read again, the deleted one gone, the rest as it was.
      assert.deepStrictEqual(Object.fromEntries(certificates(second)), {
        'kept.crt': before.kept,
        'changed.crt': replacement,
      });
    } finally {
      second.dispose();
    }
  });

  it('ignores a corrupt cache, reads everything, and replaces it with a good one', async () => {
    const corrupt = tempDir('mtls-cache-corrupt-');
    fs.writeFileSync(path.join(corrupt, 'inventory-cache.json'), '{"format":"mtls-rotation.inventory-cache","ver');
    const store = new CertificateStore(settings, log, { storageUri: vscode.Uri.file(corrupt), version: 'test' });
    try {
      const loaded = store.start();
      assert.strictEqual(store.snapshot().items.length, 0);
      assert.strictEqual(await store.whenRestored(), 0);
      await loaded;
      assert.deepStrictEqual([...certificates(store).keys()].sort(), ['changed.crt', 'kept.crt']);
      await store.saveCache();
      // Replaced by a good one.
      const again = new CertificateStore(settings, log, { storageUri: vscode.Uri.file(corrupt), version: 'test' });
      try {
        void again.start();
        assert.deepStrictEqual([...certificates(again).keys()].sort(), ['changed.crt', 'kept.crt']);
        await again.whenIdle();
      } finally {
        again.dispose();
      }
    } finally {
      store.dispose();
      fs.rmSync(corrupt, { recursive: true, force: true });
    }
  });
});
