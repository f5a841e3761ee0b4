import { randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../errors';

/**
 * Writes a whole file by a temporary file in the same directory, fsynced and renamed over the name. The rename
 * replaces whatever the name is (a link included) instead of writing through it, and a crash leaves either the old
 * contents or the new, never half. The temporary file is created exclusively, so a planted name is not followed.
 */
export async function replaceFileContents(target: string, data: string, mode = 0o644): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  // A file that exists keeps its permissions (someone may have made the register group-writable, or private).
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing?.isFile()) mode = existing.mode & 0o7777;
  const temporary = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'wx', mode);
  try {
    // The umask applied at creation; an existing file's mode is carried over exactly.
    if (existing?.isFile()) await handle.chmod(mode);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw new CoreError('write-failed', `${target}: ${(error as Error).message}`, { cause: error });
  }
  await handle.close();
  try {
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw new CoreError('write-failed', `${target}: ${(error as Error).message}`, { cause: error });
  }
}
