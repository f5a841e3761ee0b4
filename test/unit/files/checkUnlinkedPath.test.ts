import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import { checkUnlinkedPath } from '../../../src/core/files/checkUnlinkedPath';

const linkRefused = (error: unknown) => error instanceof CoreError && error.code === 'symlink-target';

describe('checkUnlinkedPath', () => {
  let root: string;
  let cwd: string;
  let elsewhere: string;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-unlinked-')));
    cwd = path.join(root, 'project');
    elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(path.join(cwd, 'certs', 'deep'), { recursive: true });
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(cwd, 'out'));
    fs.symlinkSync(path.join(elsewhere, 'x'), path.join(cwd, 'dangling.key'));
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('accepts plain paths below the working directory, relative or absolute', async () => {
    assert.strictEqual(
      await checkUnlinkedPath('certs/deep/new.key', '--key-out', false, cwd),
      path.join(cwd, 'certs', 'deep', 'new.key'),
    );
    assert.strictEqual(
      await checkUnlinkedPath(path.join(cwd, 'new.csr'), '--csr-out', false, cwd),
      path.join(cwd, 'new.csr'),
    );
  });

  it('refuses a link as the name, even with --force', async () => {
    await assert.rejects(checkUnlinkedPath('dangling.key', '--key-out', true, cwd), linkRefused);
  });

  it('refuses a linked folder below the working directory unless forced, and then names the real path', async () => {
    await assert.rejects(
      checkUnlinkedPath('out/new.key', '--key-out', false, cwd),
      (e: unknown) => linkRefused(e) && (e as Error).message.includes(path.join(elsewhere, 'new.key')),
    );
    await assert.rejects(checkUnlinkedPath('out/sub/new.key', '--key-out', false, cwd), linkRefused);
    assert.strictEqual(await checkUnlinkedPath('out/new.key', '--key-out', true, cwd), path.join(elsewhere, 'new.key'));
  });

  it("outside the working directory, looks only at the file's own folder: a linked ancestor (like /tmp on macOS) is fine", async () => {
    const linkedRoot = path.join(os.tmpdir(), `mtls-linked-root-${process.pid}`);
    fs.symlinkSync(root, linkedRoot);
    try {
      const elsewhereCwd = path.join(root, 'elsewhere');
      assert.strictEqual(
        await checkUnlinkedPath(path.join(linkedRoot, 'project', 'certs', 'new.key'), '--key-out', false, elsewhereCwd),
        path.join(cwd, 'certs', 'new.key'),
      );
      await assert.rejects(
        checkUnlinkedPath(path.join(linkedRoot, 'project', 'out', 'new.key'), '--key-out', false, elsewhereCwd),
        linkRefused,
      );
    } finally {
      fs.rmSync(linkedRoot, { force: true });
    }
  });
});
