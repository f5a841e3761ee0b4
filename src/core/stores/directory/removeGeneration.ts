import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../../errors';
import { accessError, FILES, GENERATION_NAME } from './directoryLayout';
import { StepHook } from './replaceLink';

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw accessError(error, file);
  }
}

/**
 * Deletes `archive/<generation>`: key.pem first (its removal is the point; a kill later leaves only public
 * material), then the rest, then the folder. Nothing is followed: unlink removes a link, never its target, and
 * the folder must be a real one directly inside `archive`.
 */
export async function removeGeneration(archive: string, generation: string, step: StepHook): Promise<void> {
  if (!GENERATION_NAME.test(generation))
    throw new CoreError('store-entry-invalid', `"${generation}" is not a generation folder name`);
  const dir = path.join(archive, generation);
  const stat = await fs.lstat(dir).catch(() => null);
  if (stat === null) return;
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new CoreError('store-entry-invalid', `${dir} is not a folder; nothing was deleted`);
  step('retire: remove key');
  await unlinkIfPresent(path.join(dir, FILES.key));
  step('retire: remove the rest');
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    // fs.rm removes links inside a folder as links; only a real sub-folder is recursed into.
    if (entry.isDirectory()) await fs.rm(file, { recursive: true, force: true });
    else await unlinkIfPresent(file);
  }
  try {
    await fs.rmdir(dir);
  } catch (error) {
    throw accessError(error, dir);
  }
}
