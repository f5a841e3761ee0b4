import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../errors';

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The real path a name would have once created: the nearest existing ancestor resolved through every link, then
 * the components that do not exist yet, which cannot be links.
 */
export async function realPathOf(target: string): Promise<string> {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...missing);
    } catch (error) {
      const code = errno(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      // A name that exists but does not resolve is a dangling link: where it would lead cannot be known yet.
      if (
        await fs.lstat(existing).then(
          () => true,
          () => false,
        )
      ) {
        throw new CoreError(
          'symlink-target',
          `${existing} is a symbolic link that leads nowhere; links are never followed`,
        );
      }
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

function inside(real: string, folder: string): boolean {
  return real.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

export interface ConfineOptions {
  /** What the caller is about to do, for the message: "write", "delete". */
  action: string;
  /** The file must exist (a delete). */
  mustExist?: boolean;
}

/**
 * A workspace's files may be links that point anywhere: a committed `vendor -> /elsewhere` or a dangling
 * `.vscode/mtls-rotation.json -> ~/.bashrc`. Before anything is written or deleted, the name must not itself be a
 * link, and its real path must lie inside one of `folders` (themselves resolved). Returns that real path, which
 * callers then write to, delete and show in confirmations.
 */
export async function confineToFolders(
  target: string,
  folders: readonly string[],
  options: ConfineOptions,
): Promise<string> {
  const absolute = path.resolve(target);
  try {
    const stat = await fs.lstat(absolute);
    if (stat.isSymbolicLink()) {
      const destination = await fs.readlink(absolute).catch(() => '?');
      throw new CoreError(
        'symlink-target',
        `Refusing to ${options.action} ${absolute}: it is a symbolic link (to ${destination}), and links are never followed or replaced`,
      );
    }
    if (!stat.isFile())
      throw new CoreError('not-a-regular-file', `Refusing to ${options.action} ${absolute}: it is not a regular file`);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    if (errno(error) !== 'ENOENT' || options.mustExist)
      throw new CoreError('not-found', `Cannot ${options.action} ${absolute}: ${(error as Error).message}`, {
        cause: error,
      });
  }
  const real = await realPathOf(absolute);
  const roots = await Promise.all(folders.map((folder) => fs.realpath(folder).catch(() => path.resolve(folder))));
  if (roots.length === 0)
    throw new CoreError('outside-workspace', `Refusing to ${options.action} ${absolute}: no workspace folder is open`);
  if (!roots.some((root) => inside(real, root))) {
    const via = real === absolute ? '' : ` (its real path is ${real})`;
    throw new CoreError(
      'outside-workspace',
      `Refusing to ${options.action} ${absolute}${via}: it lies outside the workspace folder${roots.length > 1 ? 's' : ''} ${roots.join(', ')}`,
    );
  }
  return real;
}
