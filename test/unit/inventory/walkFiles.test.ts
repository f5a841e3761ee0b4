import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { globToRegExp } from '../../../src/core/inventory/globToRegExp';
import { walkFiles, WalkResult } from '../../../src/core/inventory/walkFiles';
import { scratchDir } from '../../support/cryptoFixtures';

const INCLUDE = globToRegExp('**/*.{pem,crt,cer,cert,der,key,csr,req,p12,pfx}');
const EXCLUDE = [globToRegExp('**/{node_modules,.git,.vscode-test,out,dist}/**')];

function tree(): string {
  const root = scratchDir('walk-');
  const put = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), `contents of ${rel}\n`);
  };
  put('certs/a.pem');
  put('certs/deep/b.crt');
  put('certs/readme.txt');
  put('certs/disguised.txt');
  put('keys/c.key');
  put('node_modules/pkg/test.pem');
  put('.git/objects/d.pem');
  put('team/out/e.pem');
  put('outside/f.pem');
  return root;
}

const rel = (root: string, result: WalkResult) => ({
  files: result.files.map((f) => path.relative(root, f.path).split(path.sep).join('/')),
  errors: result.errors.map((e) => `${path.relative(root, e.path).split(path.sep).join('/')}:${e.code}`),
});

describe('walkFiles', () => {
  it('lists the files the include glob selects, relative to the root, and leaves excluded folders out', async () => {
    const root = tree();
    const result = await walkFiles([root], { include: INCLUDE, exclude: EXCLUDE, skipDirectories: [] });
    assert.deepStrictEqual(rel(root, result), {
      files: ['certs/a.pem', 'certs/deep/b.crt', 'keys/c.key', 'outside/f.pem'],
      errors: [],
    });
    // What the include glob accepts is read whatever it holds; nothing is sniffed.
    assert.ok(result.files.every((f) => !f.sniff));
  });

  it('matches globs against the path relative to each root, as a RelativePattern does', async () => {
    const root = tree();
    const result = await walkFiles([root], { include: globToRegExp('certs/*.pem'), skipDirectories: [] });
    assert.deepStrictEqual(rel(root, result).files, ['certs/a.pem']);
    const inCerts = await walkFiles([path.join(root, 'certs')], {
      include: globToRegExp('*.pem'),
      skipDirectories: [],
    });
    assert.deepStrictEqual(rel(root, inCerts).files, ['certs/a.pem']);
  });

  it('does not enter an excluded folder: a loop inside it is never seen', async () => {
    const root = tree();
    fs.symlinkSync(root, path.join(root, 'node_modules/pkg/loop'));
    fs.symlinkSync(path.join(root, 'nowhere.pem'), path.join(root, 'team/out/dangling.pem'));
    const result = await walkFiles([root], { include: INCLUDE, exclude: EXCLUDE, skipDirectories: [] });
    assert.deepStrictEqual(rel(root, result).errors, []);
    // Without the exclusion both are reported.
    const all = await walkFiles([root], { include: INCLUDE, skipDirectories: [] });
    assert.deepStrictEqual(rel(root, all).errors.sort(), [
      'node_modules/pkg/loop:symlink-loop',
      'team/out/dangling.pem:not-found',
    ]);
  });

  it('follows links to folders once, and reports loops and dangling certificate links', async () => {
    const root = tree();
    fs.symlinkSync(path.join(root, 'keys'), path.join(root, 'certs/linked-keys'));
    fs.symlinkSync(path.join(root, 'certs'), path.join(root, 'certs/deep/loop'));
    fs.symlinkSync(path.join(root, 'nowhere.pem'), path.join(root, 'certs/dangling.pem'));
    fs.symlinkSync(path.join(root, 'nowhere.txt'), path.join(root, 'certs/dangling.txt'));
    fs.symlinkSync(path.join(root, 'certs/a.pem'), path.join(root, 'certs/alias.pem'));
    const result = await walkFiles([root], { include: INCLUDE, exclude: EXCLUDE, skipDirectories: [] });
    assert.deepStrictEqual(rel(root, result), {
      // keys/ is reached through certs/linked-keys first (certs sorts before keys) and then not again.
      files: ['certs/a.pem', 'certs/alias.pem', 'certs/deep/b.crt', 'certs/linked-keys/c.key', 'outside/f.pem'],
      errors: ['certs/dangling.pem:not-found', 'certs/deep/loop:symlink-loop'],
    });
  });

  it('gives each file its size and mtime when asked, as stat says them', async () => {
    const root = tree();
    const old = new Date('2024-05-01T12:00:00.250Z');
    fs.utimesSync(path.join(root, 'certs/a.pem'), old, old);
    const result = await walkFiles([root], { include: INCLUDE, exclude: EXCLUDE, skipDirectories: [], stat: true });
    for (const file of result.files) {
      const stat = fs.statSync(file.path);
      assert.deepStrictEqual([file.size, file.mtimeMs], [stat.size, stat.mtimeMs], file.path);
    }
    assert.strictEqual(result.files[0].mtimeMs, old.getTime());
    const plain = await walkFiles([root], { include: INCLUDE, exclude: EXCLUDE, skipDirectories: [] });
    assert.ok(plain.files.every((f) => f.size === undefined && f.mtimeMs === undefined));
  });

  it('without globs picks files by extension or by PEM content, and skips node_modules and .git', async () => {
    const root = tree();
    const result = await walkFiles([root]);
    const sniffed = result.files.filter((f) => f.sniff).map((f) => path.basename(f.path));
    assert.deepStrictEqual(rel(root, result).files, [
      'certs/a.pem',
      'certs/disguised.txt',
      'certs/readme.txt',
      'certs/deep/b.crt',
      'keys/c.key',
      'outside/f.pem',
      'team/out/e.pem',
    ]);
    assert.deepStrictEqual(sniffed, ['disguised.txt', 'readme.txt']);
  });

  it('takes roots as given: files with a size without a stat, missing ones as errors', async () => {
    const root = tree();
    const ghost = path.join(root, 'ghost.pem');
    const result = await walkFiles(
      [{ path: ghost, sniff: false, size: 10, mtimeMs: 5 }, path.join(root, 'missing.crt'), path.join(root, 'keys')],
      { stat: true },
    );
    assert.deepStrictEqual(rel(root, result), {
      files: ['ghost.pem', 'keys/c.key'],
      errors: ['missing.crt:not-found'],
    });
    assert.deepStrictEqual(result.files[0], { path: ghost, sniff: false, size: 10, mtimeMs: 5 });
  });

  it('stops on abort', async () => {
    const root = tree();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      walkFiles([root], { signal: controller.signal }),
      (e: unknown) => e instanceof CoreError && e.code === 'aborted',
    );
  });
});
