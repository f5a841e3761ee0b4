import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../src/core/errors';
import {
  DEFAULT_MAX_FILE_BYTES,
  NON_BLOCKING_READ_FLAGS,
  readUpTo,
  readUserFile,
  readUserFileSync,
} from '../../../src/core/files/readUserFile';
import { scratchDir } from '../../support/cryptoFixtures';
import { timedAsync } from '../../support/fuzzing';

type Reader = (file: string, options?: { maxBytes?: number }) => Promise<Buffer>;

/** Both readers, the synchronous one wrapped so that the same cases run against it. */
const readers: Array<[string, Reader]> = [
  ['readUserFile', (file, options) => readUserFile(file, options)],
  ['readUserFileSync', async (file, options) => readUserFileSync(file, options)],
];

/** Fails instead of hanging: a reader blocked on a FIFO would otherwise stop the whole run. */
function bounded(file: string, read: Reader, options?: { maxBytes?: number }): Promise<Buffer> {
  return timedAsync('read', file, () => read(file, options), 10_000);
}

async function refusal(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CoreError, String(error));
    assert.strictEqual(error.code, code);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'));
    return true;
  });
}

describe('readUserFile', () => {
  let dir: string;
  let fifo: string;
  before(() => {
    dir = scratchDir('user-file-');
    fifo = path.join(dir, 'pipe.pem');
    execFileSync('mkfifo', [fifo]);
    fs.mkdirSync(path.join(dir, 'folder.pem'));
    fs.writeFileSync(path.join(dir, 'small.pem'), 'hello\n');
    fs.writeFileSync(path.join(dir, 'ten.pem'), Buffer.alloc(10, 0x41));
    fs.symlinkSync(fifo, path.join(dir, 'link-to-pipe.pem'));
  });

  it("defaults to the inventory's limit of 5120 KB", () => {
    assert.strictEqual(DEFAULT_MAX_FILE_BYTES, 5120 * 1024);
  });

  for (const [name, read] of readers) {
    describe(name, () => {
      it('reads a regular file, up to and including the limit', async () => {
        assert.strictEqual((await bounded(path.join(dir, 'small.pem'), read)).toString(), 'hello\n');
        assert.strictEqual((await bounded(path.join(dir, 'ten.pem'), read, { maxBytes: 10 })).length, 10);
        assert.strictEqual(
          await bounded(path.join(dir, 'small.pem'), read, { maxBytes: 0 }).catch((e: CoreError) => e.code),
          'too-large',
        );
      });

      it('refuses a FIFO at once, named directly or through a link, without waiting for a writer', async () => {
        await refusal(
          bounded(fifo, read),
          'not-a-regular-file',
          /pipe\.pem: a FIFO \(named pipe\), not a regular file$/,
        );
        await refusal(bounded(path.join(dir, 'link-to-pipe.pem'), read), 'not-a-regular-file', /a FIFO/);
      });

      it('refuses a directory and a character device', async () => {
        await refusal(
          bounded(path.join(dir, 'folder.pem'), read),
          'not-a-regular-file',
          /folder\.pem: a directory, not a regular file$/,
        );
        await refusal(
          bounded('/dev/zero', read),
          'not-a-regular-file',
          /^\/dev\/zero: a character device, not a regular file$/,
        );
      });

      it('refuses a file over the limit, saying by how much', async () => {
        await refusal(
          bounded(path.join(dir, 'ten.pem'), read, { maxBytes: 7 }),
          'too-large',
          /ten\.pem: 10 bytes, 3 over the limit of 7 bytes$/,
        );
      });

      it('says what is missing', async () => {
        await refusal(bounded(path.join(dir, 'missing.pem'), read), 'not-found', /missing\.pem: no such file$/);
        await refusal(bounded(path.join(dir, 'small.pem', 'below'), read), 'not-found', /no such file/);
      });

      it('says what is forbidden (as an unprivileged user: root reads anything)', async function () {
        if (process.getuid?.() === 0) this.skip();
        const locked = path.join(dir, `locked-${name}.pem`);
        fs.writeFileSync(locked, 'secret', { mode: 0o000 });
        await refusal(bounded(locked, read), 'permission-denied', /locked-.*: permission denied$/);
      });

      it('refuses a limit that is not a whole number', async () => {
        await assert.rejects(
          bounded(path.join(dir, 'small.pem'), read, { maxBytes: Number.POSITIVE_INFINITY }),
          RangeError,
        );
        await assert.rejects(bounded(path.join(dir, 'small.pem'), read, { maxBytes: 1.5 }), RangeError);
      });
    });
  }

  it('reads at most the limit + 1 bytes of an endless source', async () => {
    const fd = fs.openSync('/dev/zero', NON_BLOCKING_READ_FLAGS);
    try {
      // fstat says 0 bytes for a device, like a file that grows after the stat: the read must still stop.
      assert.strictEqual((await readUpTo(fd, 0, 100_000)).length, 100_001);
    } finally {
      fs.closeSync(fd);
    }
  });
});
