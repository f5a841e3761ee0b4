import * as fs from 'fs/promises';
import * as path from 'path';
import { CoreError } from '../../errors';
import { PreparedPair } from '../preparePair';
import { accessError, FILES } from './directoryLayout';
import { NameHolder, pickGenerationName } from '../pickGenerationName';
import { readGeneration, readGenerationCertificate } from './readGeneration';
import { StepHook } from './replaceLink';
import { syncFolder } from './syncFolder';

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

/**
 * What `archive/<name>` holds. A folder whose certificate cannot be read is another's (never written to); one
 * holding this very certificate must be a complete pair to be reused, since it is never overwritten.
 */
async function holderOf(archive: string, name: string, prepared: PreparedPair): Promise<NameHolder> {
  const stat = await fs.lstat(path.join(archive, name)).catch(() => null);
  if (stat === null) return 'absent';
  const certificate = await readGenerationCertificate(archive, name).catch(() => null);
  if (certificate?.fingerprintSha256 !== prepared.certificate.fingerprintSha256) return 'other';
  try {
    await readGeneration(archive, name);
  } catch (error) {
    throw new CoreError(
      'store-entry-invalid',
      `archive/${name} already holds this certificate but is not a complete pair (${(error as Error).message}); it is never overwritten: move it away by hand`,
      { cause: error },
    );
  }
  return 'same';
}

/**
 * Writes the pair as `archive/<generation>/` (key 0600, folder 0700, files created exclusively) in a temporary
 * folder renamed into place, so that no one ever sees a half-written generation. Returns the folder's name
 * (pickGenerationName's) and whether it was new.
 */
export async function writeGeneration(
  archive: string,
  prepared: PreparedPair,
  step: StepHook,
  store: string,
): Promise<{ name: string; created: boolean }> {
  const picked = await pickGenerationName(prepared.generation, (name) => holderOf(archive, name, prepared), store);
  if (picked.exists) return { name: picked.name, created: false };
  const name = picked.name;
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
    await fs.rename(temp, path.join(archive, name));
    await syncFolder(archive);
    return { name, created: true };
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await holderOf(archive, name, prepared)) === 'same')
      return { name, created: false };
    if (error instanceof CoreError) throw error;
    throw accessError(error, path.join(archive, name));
  }
}
