import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../errors';
import { realPathOf } from './confinePath';

/**
 * The command-line tool has no workspace to confine writes to, so it holds to the other half of the rule: a new
 * file is never written through a symbolic link. The name itself must not be one (dangling links included), and a
 * linked folder on the way is refused too unless `allowLinkedFolders` (the CLI's `--force`): a cloned tree's
 * `out -> ~/.ssh` must not take a key somewhere its path does not show. Returns the real path.
 */
export async function checkUnlinkedPath(target: string, option: string, allowLinkedFolders: boolean): Promise<string> {
  const absolute = path.resolve(target);
  const stat = await fs.lstat(absolute).catch(() => undefined);
  if (stat?.isSymbolicLink()) {
    throw new CoreError('symlink-target', `${option} ${target} is a symbolic link (to ${await fs.readlink(absolute).catch(() => '?')}); a new file is never written through one`);
  }
  const real = await realPathOf(absolute);
  if (real !== absolute && !allowLinkedFolders) {
    throw new CoreError('symlink-target', `${option} ${target} lies under a symbolic link (its real path is ${real}); pass --force to write there`);
  }
  return real;
}
