import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../../errors';
import { PreparedPair } from '../preparePair';
import { accessError, FILES } from './directoryLayout';
import { readGeneration } from './readGeneration';
import { StepHook } from './replaceLink';

/** `.tmp-<pid>-XXXXXX` in archive/: a generation being written, never read as one. */
export const TEMP_GENERATION = /^\.tmp-(\d+)-[A-Za-z0-9]+$/;

async function writeExclusive(file: string, text: string, mode: number): Promise<void> {
  // 'wx' never replaces a file; chmod after open so that the umask cannot widen or narrow the mode.
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reuses `archive/<generation>` when it holds this very certificate; refuses when it holds another. */
async function existingGeneration(archive: string, prepared: PreparedPair): Promise<boolean> {
  const stat = await fs.lstat(path.join(archive, prepared.generation)).catch(() => null);
  if (stat === null) return false;
  let found;
  try {
    found = await readGeneration(archive, prepared.generation);
  } catch (error) {
    throw new CoreError(
      'store-entry-invalid',
      `archive/${prepared.generation} already exists but is not a complete pair (${(error as Error).message}); it is never overwritten: move it away by hand`,
      { cause: error },
    );
  }
  if (found.certificate.fingerprintSha256 !== prepared.certificate.fingerprintSha256)
    throw new CoreError(
      'store-entry-invalid',
      `archive/${prepared.generation} already holds another certificate (${found.certificate.fingerprintSha256}); it is never overwritten`,
    );
  return true;
}

/**
 * Writes the pair as `archive/<generation>/` (key 0600, folder 0700, files created exclusively) in a temporary
 * folder renamed into place, so that no one ever sees a half-written generation. Returns whether it was new.
 */
export async function writeGeneration(archive: string, prepared: PreparedPair, step: StepHook): Promise<boolean> {
  if (await existingGeneration(archive, prepared)) return false;
  step('generation: write');
  let temp: string;
  try {
    temp = await fs.mkdtemp(path.join(archive, `.tmp-${process.pid}-`));
    await fs.chmod(temp, 0o700);
  } catch (error) {
    throw accessError(error, archive);
  }
  try {
    const { pair } = prepared;
    await writeExclusive(path.join(temp, FILES.key), pair.privateKeyPem, 0o600);
    await writeExclusive(path.join(temp, FILES.certificate), pair.certificatePem, 0o644);
    if (pair.chainPem) await writeExclusive(path.join(temp, FILES.chain), pair.chainPem, 0o644);
    if (pair.caCertificatePem) await writeExclusive(path.join(temp, FILES.ca), pair.caCertificatePem, 0o644);
    await syncFolder(temp);
    step('generation: rename into archive');
    // rename(2) fails on a non-empty folder of that name: a concurrent writer of the same generation wins.
    await fs.rename(temp, path.join(archive, prepared.generation));
    await syncFolder(archive);
    return true;
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await existingGeneration(archive, prepared))) return false;
    if (error instanceof CoreError) throw error;
    throw accessError(error, path.join(archive, prepared.generation));
  }
}
