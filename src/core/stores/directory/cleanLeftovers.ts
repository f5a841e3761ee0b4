import * as fs from 'fs/promises';
import * as path from 'path';
import { StorePaths } from './directoryLayout';
import { TEMP_LINK } from './replaceLink';
import { TEMP_GENERATION } from './writeGeneration';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A run killed mid-way leaves a temporary link or a half-written generation under a name that carries its pid;
 * those of dead processes are removed (as links and as folders inside archive/, never followed), those of live
 * ones left to their owner.
 */
export async function cleanLeftovers(paths: StorePaths): Promise<void> {
  for (const name of await fs.readdir(paths.root).catch(() => [] as string[])) {
    const match = TEMP_LINK.exec(name);
    if (!match || alive(Number(match[2]))) continue;
    const where = path.join(paths.root, name);
    const stat = await fs.lstat(where).catch(() => null);
    if (stat?.isSymbolicLink()) await fs.unlink(where).catch(() => undefined);
  }
  for (const name of await fs.readdir(paths.archive).catch(() => [] as string[])) {
    const match = TEMP_GENERATION.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const where = path.join(paths.archive, name);
    const stat = await fs.lstat(where).catch(() => null);
    if (stat?.isDirectory() && !stat.isSymbolicLink())
      await fs.rm(where, { recursive: true, force: true }).catch(() => undefined);
  }
}
