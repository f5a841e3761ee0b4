import { randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { accessError, LinkName, StorePaths } from './directoryLayout';
import { syncFolder } from './syncFolder';

/** Called before each change on disk; the kill tests stop the process there. */
export type StepHook = (step: string) => void;

/** `.live.tmp-<pid>-<hex>`: the pid tells a leftover of a killed run from a link another run is about to rename. */
export const TEMP_LINK = /^\.(live|next|previous)\.tmp-(\d+)-[0-9a-f]+$/;

/**
 * Points `link` at `archive/<generation>` atomically: a new link under a temporary name is renamed over the old
 * one, so a reader opening `live/cert.pem` finds the old generation or the new one, never no link.
 */
export async function replaceLink(
  paths: StorePaths,
  link: LinkName,
  generation: string,
  step: StepHook,
): Promise<void> {
  const temp = path.join(paths.root, `.${link}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  step(`${link}: create link`);
  try {
    await fs.symlink(`archive/${generation}`, temp);
  } catch (error) {
    throw accessError(error, temp);
  }
  step(`${link}: rename over`);
  try {
    await fs.rename(temp, path.join(paths.root, link));
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw accessError(error, path.join(paths.root, link));
  }
  await syncFolder(paths.root);
}

/** Removes a link itself (unlink never follows it). */
export async function removeLink(paths: StorePaths, link: LinkName, step: StepHook): Promise<void> {
  step(`${link}: remove`);
  const where = path.join(paths.root, link);
  const stat = await fs.lstat(where).catch(() => null);
  if (!stat?.isSymbolicLink()) return;
  await fs.unlink(where).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw accessError(error, where);
  });
}
