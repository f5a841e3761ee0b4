import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../../errors';

/** The links a directory store keeps beside `archive/`: what services read, what is staged, what was switched from. */
export type LinkName = 'live' | 'next' | 'previous';
export const LINK_NAMES: readonly LinkName[] = ['live', 'next', 'previous'];

/** Generation folders this store creates (preparePair's names) and the only ones it will read or delete. */
export const GENERATION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const FILES = { certificate: 'cert.pem', key: 'key.pem', chain: 'chain.pem', ca: 'ca.pem' } as const;

export interface StorePaths {
  /** `<dir>/<name>`. */
  root: string;
  archive: string;
}

/** Generation names each link points at, as found on disk (`null`: no link). */
export type Links = Record<LinkName, string | null>;

export function storePaths(directory: string, name: string): StorePaths {
  const root = path.resolve(directory, name);
  return { root, archive: path.join(root, 'archive') };
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function lstatOrNull(target: string): Promise<import('fs').Stats | null> {
  try {
    return await fs.lstat(target);
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw accessError(error, target);
  }
}

export function accessError(error: unknown, target: string): CoreError {
  const code = errno(error);
  if (code === 'EACCES' || code === 'EPERM')
    return new CoreError('store-access-denied', `no permission to use ${target}`, { cause: error });
  return new CoreError('store-failed', `could not use ${target}: ${(error as Error).message}`, { cause: error });
}

/**
 * The store's own folders must be real folders: a link there would let a write or a delete land somewhere the
 * store's path does not show. `<dir>` itself may be a link (`/etc/ssl -> ...` is ordinary).
 * Returns whether the store exists; with `create`, makes the missing folders (0700).
 */
export async function checkStoreFolders(paths: StorePaths, create: boolean): Promise<boolean> {
  const parent = path.dirname(paths.root);
  const parentStat = await fs.stat(parent).catch((error: unknown) => {
    if (errno(error) === 'ENOENT') return null;
    throw accessError(error, parent);
  });
  if (!parentStat?.isDirectory())
    throw new CoreError('store-not-found', `the store's directory ${parent} does not exist or is not a folder`);
  for (const folder of [paths.root, paths.archive]) {
    const stat = await lstatOrNull(folder);
    if (stat === null) {
      if (!create) return false;
      try {
        await fs.mkdir(folder, { mode: 0o700 });
        await fs.chmod(folder, 0o700);
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw accessError(error, folder);
        // Made meanwhile by another writer: checked again below on the next call's lstat.
        const again = await fs.lstat(folder);
        if (again.isSymbolicLink() || !again.isDirectory()) throw notAFolder(folder, again);
      }
      continue;
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) throw notAFolder(folder, stat);
  }
  return true;
}

function notAFolder(folder: string, stat: import('fs').Stats): CoreError {
  return stat.isSymbolicLink()
    ? new CoreError(
        'symlink-target',
        `${folder} is a symbolic link; a directory store writes and deletes only in real folders of its own`,
      )
    : new CoreError('store-entry-invalid', `${folder} is not a folder`);
}

/** The generation a link points at; refuses anything but a relative `archive/<generation>` link. */
export async function readLink(paths: StorePaths, link: LinkName): Promise<string | null> {
  const where = path.join(paths.root, link);
  const stat = await lstatOrNull(where);
  if (stat === null) return null;
  if (!stat.isSymbolicLink())
    throw new CoreError('store-entry-invalid', `${where} is not a symbolic link; the store keeps ${link} as one`);
  const target = await fs.readlink(where);
  const parts = target.split('/');
  if (parts.length !== 2 || parts[0] !== 'archive' || !GENERATION_NAME.test(parts[1]))
    throw new CoreError(
      'store-entry-invalid',
      `${where} points to ${target}, not to a generation in archive/ (changed by hand?)`,
    );
  return parts[1];
}

export async function readLinks(paths: StorePaths): Promise<Links> {
  const [live, next, previous] = await Promise.all(LINK_NAMES.map((link) => readLink(paths, link)));
  return { live, next, previous };
}

/**
 * A kill between two steps can leave `next` or `previous` on the live generation (the switch is then done, or
 * not begun): such a link means nothing staged, nothing to go back to.
 */
export function effectiveLinks(links: Links): Links {
  const next = links.next !== links.live ? links.next : null;
  const previous = links.previous !== links.live && links.previous !== next ? links.previous : null;
  return { live: links.live, next, previous };
}
