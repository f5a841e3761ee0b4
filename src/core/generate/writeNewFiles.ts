// Writing a new key and CSR without ever replacing a file, and without ever leaving half of either behind:
// each is written to a temporary file in its target directory and fsynced, then hard-linked to its name, which
// fails if the name exists (a no-replace rename, which Node has no call for). If the CSR cannot be placed, the
// key placed a moment before is removed again: both files or neither.
import { constants } from 'fs';
import * as fs from 'fs/promises';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { CoreError } from '../errors';

const KEY_MODE = 0o600;
const CSR_MODE = 0o644;

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function writeError(target: string, error: unknown): CoreError {
  const code = errno(error);
  if (code === 'EEXIST')
    return new CoreError('file-exists', `${target} already exists; a new key or CSR never replaces a file`, {
      cause: error,
    });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new CoreError('permission-denied', `${target}: permission denied`, { cause: error });
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new CoreError('not-found', `${target}: the directory ${path.dirname(target)} does not exist`, {
      cause: error,
    });
  return new CoreError('write-failed', `${target}: ${(error as Error).message}`, { cause: error });
}

/**
 * Refuses paths that are taken (a dangling symlink counts: opening it exclusively fails too) and two names for one
 * file. Callers use it to fail before the slow key generation; writeKeyAndCsr checks again.
 */
export async function checkNewPaths(keyPath: string, csrPath: string): Promise<void> {
  if (path.resolve(keyPath) === path.resolve(csrPath)) {
    throw new CoreError('same-path', `the key and the CSR would both be written to ${keyPath}`);
  }
  for (const target of [keyPath, csrPath]) {
    try {
      await fs.lstat(target);
    } catch (error) {
      if (errno(error) === 'ENOENT') continue;
      throw writeError(target, error);
    }
    throw new CoreError('file-exists', `${target} already exists; a new key or CSR never replaces a file`);
  }
}

/** A fully written, fsynced temporary file next to `target`. */
async function writeTemporary(target: string, data: string, mode: number, exactMode: boolean): Promise<string> {
  const dir = path.dirname(target);
  for (let attempt = 0; ; attempt++) {
    const temporary = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(temporary, 'wx', mode);
    } catch (error) {
      if (errno(error) === 'EEXIST' && attempt < 5) continue;
      throw writeError(target, error);
    }
    try {
      // The umask may have taken bits away; a key must be exactly owner read/write, whatever the umask.
      if (exactMode) await handle.chmod(mode);
      await handle.writeFile(data, 'utf8');
      await handle.sync();
      await handle.close();
      return temporary;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.unlink(temporary).catch(() => undefined);
      throw writeError(target, error);
    }
  }
}

/** Gives the temporary file its name, failing if the name is taken. */
async function place(temporary: string, target: string, mode: number, exactMode: boolean): Promise<void> {
  try {
    await fs.link(temporary, target);
    return;
  } catch (error) {
    const code = errno(error);
    // File systems without hard links (FAT, some network mounts): an exclusive copy, not atomic but never replacing.
    if (
      code !== 'EPERM' &&
      code !== 'ENOTSUP' &&
      code !== 'EOPNOTSUPP' &&
      code !== 'ENOSYS' &&
      code !== 'EXDEV' &&
      code !== 'EMLINK'
    ) {
      throw writeError(target, error);
    }
  }
  try {
    await fs.copyFile(temporary, target, constants.COPYFILE_EXCL);
    if (exactMode) await fs.chmod(target, mode);
  } catch (error) {
    if (errno(error) !== 'EEXIST') await fs.unlink(target).catch(() => undefined);
    throw writeError(target, error);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // So that the new names survive a crash too; some platforms cannot fsync a directory, which is no failure.
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

/**
 * Writes a new private key (mode 0600) and CSR (0644 less the umask). Refuses (`file-exists`) when either path is
 * taken, before writing anything; on any failure neither file is left.
 */
export async function writeKeyAndCsr(keyPath: string, csrPath: string, keyPem: string, csrPem: string): Promise<void> {
  await checkNewPaths(keyPath, csrPath);
  const temporaries: string[] = [];
  let keyPlaced = false;
  try {
    const keyTemporary = await writeTemporary(keyPath, keyPem, KEY_MODE, true);
    temporaries.push(keyTemporary);
    const csrTemporary = await writeTemporary(csrPath, csrPem, CSR_MODE, false);
    temporaries.push(csrTemporary);
    await place(keyTemporary, keyPath, KEY_MODE, true);
    keyPlaced = true;
    await place(csrTemporary, csrPath, CSR_MODE, false);
  } catch (error) {
    if (keyPlaced) await fs.unlink(keyPath).catch(() => undefined);
    throw error;
  } finally {
    await Promise.all(temporaries.map((t) => fs.unlink(t).catch(() => undefined)));
  }
  const dirs = new Set([path.dirname(path.resolve(keyPath)), path.dirname(path.resolve(csrPath))]);
  await Promise.all([...dirs].map(syncDirectory));
}

/**
 * `path` itself when it is free, else the first free `NAME-2.ext`, `NAME-3.ext`, ... (a small numeric suffix
 * already there is counted on: `program-a-new-2.key` is followed by `program-a-new-3.key`).
 */
export function freshName(filePath: string, exists: (candidate: string) => boolean): string {
  if (!exists(filePath)) return filePath;
  const dir = path.dirname(filePath);
  const base = path.basename(filePath);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const extension = dot > 0 ? base.slice(dot) : '';
  const numbered = /^(.+)-(\d{1,3})$/.exec(stem);
  const root = numbered ? numbered[1] : stem;
  const join = (name: string) => (dir === '.' ? name : path.join(dir, name));
  for (let n = numbered ? Number(numbered[2]) + 1 : 2; ; n++) {
    const candidate = join(`${root}-${n}${extension}`);
    if (!exists(candidate)) return candidate;
  }
}
