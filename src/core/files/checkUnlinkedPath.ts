import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../errors';
import { realPathOf } from './confinePath';

/**
 * The command-line tool has no workspace to confine writes to, so it holds to the other half of the rule: a new
 * file is never written through a symbolic link. The name itself must not be one (dangling links included), and
 * unless `allowLinkedFolders` (the CLI's `--force`) no folder on the way may be one either: a cloned tree's
 * `out -> ~/.ssh` must not take a key somewhere its path does not show. "On the way" means below `cwd` for a path
 * inside it, and the file's own folder otherwise, so that system links such as macOS's `/tmp -> /private/tmp` do
 * not count. Returns the real path.
 */
export async function checkUnlinkedPath(
  target: string,
  option: string,
  allowLinkedFolders: boolean,
  cwd = process.cwd(),
): Promise<string> {
  const absolute = path.resolve(cwd, target);
  const stat = await fs.lstat(absolute).catch(() => undefined);
  if (stat?.isSymbolicLink()) {
    throw new CoreError(
      'symlink-target',
      `${option} ${target} is a symbolic link (to ${await fs.readlink(absolute).catch(() => '?')}); a new file is never written through one`,
    );
  }
  const real = await realPathOf(absolute);
  if (allowLinkedFolders) return real;
  const below = path.relative(cwd, absolute);
  const insideCwd = below !== '' && !below.startsWith('..') && !path.isAbsolute(below);
  const expected = insideCwd
    ? path.join(await realPathOf(cwd), below)
    : path.join(
        await realPathOf(path.dirname(path.dirname(absolute))),
        path.basename(path.dirname(absolute)),
        path.basename(absolute),
      );
  if (real !== expected) {
    throw new CoreError(
      'symlink-target',
      `${option} ${target} lies under a symbolic link (its real path is ${real}); pass --force to write there`,
    );
  }
  return real;
}
