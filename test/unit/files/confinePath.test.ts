import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { confineToFolders, realPathOf } from '../../../src/core/files/confinePath';
import { replaceFileContents } from '../../../src/core/files/replaceFileContents';

const code = (expected: string) => (error: unknown) => error instanceof CoreError && error.code === expected;

describe('confineToFolders', () => {
  let root: string;
  let workspace: string;
  let elsewhere: string;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-confine-')));
    workspace = path.join(root, 'workspace');
    elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(path.join(workspace, 'certs'), { recursive: true });
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'victim.key'), 'victim');
    fs.writeFileSync(path.join(workspace, 'certs', 'old.key'), 'old');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('returns the real path of a file inside the workspace, existing or to be created', async () => {
    assert.strictEqual(
      await confineToFolders(path.join(workspace, 'certs', 'old.key'), [workspace], {
        action: 'delete',
        mustExist: true,
      }),
      path.join(workspace, 'certs', 'old.key'),
    );
    assert.strictEqual(
      await confineToFolders(path.join(workspace, '.vscode', 'new', 'record.json'), [workspace], { action: 'write' }),
      path.join(workspace, '.vscode', 'new', 'record.json'),
    );
  });

  it('refuses a file reached through a symlinked folder, naming its real path', async () => {
    fs.symlinkSync(elsewhere, path.join(workspace, 'vendor'));
    await assert.rejects(
      confineToFolders(path.join(workspace, 'vendor', 'victim.key'), [workspace], {
        action: 'delete',
        mustExist: true,
      }),
      (error: unknown) =>
        code('outside-workspace')(error) && (error as Error).message.includes(path.join(elsewhere, 'victim.key')),
    );
    assert.ok(fs.existsSync(path.join(elsewhere, 'victim.key')));
  });

  it('refuses a target that is itself a link, dangling or not', async () => {
    fs.symlinkSync(path.join(elsewhere, 'victim.key'), path.join(workspace, 'link.key'));
    fs.symlinkSync(path.join(elsewhere, 'does-not-exist'), path.join(workspace, 'certificate-register.json'));
    fs.symlinkSync(path.join(workspace, 'certs', 'old.key'), path.join(workspace, 'inner-link.key'));
    for (const name of ['link.key', 'certificate-register.json', 'inner-link.key']) {
      await assert.rejects(
        confineToFolders(path.join(workspace, name), [workspace], { action: 'write' }),
        code('symlink-target'),
        name,
      );
    }
  });

  it('refuses a path under a dangling link to a folder', async () => {
    fs.symlinkSync(path.join(elsewhere, 'not-yet'), path.join(workspace, '.vscode'));
    await assert.rejects(
      confineToFolders(path.join(workspace, '.vscode', 'mtls-rotation.json'), [workspace], { action: 'write' }),
      code('symlink-target'),
    );
  });

  it('refuses absolute paths and .. outside every folder, and accepts any of several folders', async () => {
    const second = path.join(root, 'second');
    fs.mkdirSync(second);
    await assert.rejects(
      confineToFolders(path.join(elsewhere, 'register.json'), [workspace, second], { action: 'write' }),
      code('outside-workspace'),
    );
    await assert.rejects(
      confineToFolders(path.join(workspace, '..', 'elsewhere', 'x'), [workspace], { action: 'write' }),
      code('outside-workspace'),
    );
    await assert.rejects(
      confineToFolders(path.join(root, 'workspace-sibling', 'x'), [workspace], { action: 'write' }),
      code('outside-workspace'),
    );
    assert.strictEqual(
      await confineToFolders(path.join(second, 'x'), [workspace, second], { action: 'write' }),
      path.join(second, 'x'),
    );
    await assert.rejects(
      confineToFolders(path.join(workspace, 'x'), [], { action: 'write' }),
      code('outside-workspace'),
    );
  });

  it('accepts a workspace folder that is itself reached through a link', async () => {
    const linked = path.join(root, 'linked-workspace');
    fs.symlinkSync(workspace, linked);
    assert.strictEqual(
      await confineToFolders(path.join(linked, 'certs', 'old.key'), [linked], { action: 'delete', mustExist: true }),
      path.join(workspace, 'certs', 'old.key'),
    );
  });

  it('refuses to delete what does not exist or is not a file', async () => {
    await assert.rejects(
      confineToFolders(path.join(workspace, 'gone.key'), [workspace], { action: 'delete', mustExist: true }),
      code('not-found'),
    );
    await assert.rejects(
      confineToFolders(path.join(workspace, 'certs'), [workspace], { action: 'delete', mustExist: true }),
      code('not-a-regular-file'),
    );
  });

  it('realPathOf resolves links in the existing part only', async () => {
    fs.symlinkSync(elsewhere, path.join(workspace, 'vendor'));
    assert.strictEqual(await realPathOf(path.join(workspace, 'vendor', 'a', 'b')), path.join(elsewhere, 'a', 'b'));
  });
});

describe('replaceFileContents', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-replace-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces a link by a file instead of writing through it, and leaves no temporary file', async () => {
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(dir, 'record.json'));
    await replaceFileContents(path.join(dir, 'record.json'), '{}\n');
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'untouched');
    assert.ok(fs.lstatSync(path.join(dir, 'record.json')).isFile());
    assert.strictEqual(fs.readFileSync(path.join(dir, 'record.json'), 'utf8'), '{}\n');
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['record.json', 'victim']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const file = path.join(dir, 'register.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    await replaceFileContents(file, 'new');
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'new');
  });

  it('creates missing folders', async () => {
    await replaceFileContents(path.join(dir, '.vscode', 'mtls-rotation.json'), 'x');
    assert.strictEqual(fs.readFileSync(path.join(dir, '.vscode', 'mtls-rotation.json'), 'utf8'), 'x');
  });
});
