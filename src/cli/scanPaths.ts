import { promises as fs } from 'fs';
import { scanInventory } from '../core/inventory/scanInventory';
import { InventoryResult } from '../core/model';
import { describeFileType } from '../core/files/readUserFile';
import { CommandIo } from './command';
import { OptionSpecs, parseWholeNumber, ParsedArgs, stringOption, UsageError } from './parseArgs';

/** A larger limit would let one file (or a device) take more memory than a scan should ever need. */
const MAX_FILE_BYTES_LIMIT = 1024 * 1024 * 1024;

/** Options shared by the commands that scan paths. */
export const scanOptions: OptionSpecs = {
  'passphrase-env': {
    type: 'string',
    value: 'NAME',
    description: 'environment variable holding the passphrase for encrypted keys and PKCS#12 files',
  },
  'max-file-bytes': {
    type: 'string',
    value: 'N',
    description: 'larger files are reported, not read (default 5242880)',
  },
};

/**
 * Scans the paths named on the command line. A path that does not exist, cannot be opened, or is neither a
 * file nor a directory (a FIFO, /dev/zero) is bad input (exit 2); what is wrong inside the files found,
 * including a file over the size limit, is reported as error entries.
 */
export async function scanPaths(args: ParsedArgs, io: CommandIo): Promise<InventoryResult> {
  if (args.positionals.length === 0) throw new UsageError('no PATH given');
  for (const path of args.positionals) {
    let stats;
    try {
      await fs.access(path, fs.constants.R_OK);
      stats = await fs.stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `no such file or directory: ${path}` : `cannot read ${path} (${code ?? 'error'})`,
      );
    }
    // The scan itself never blocks on these (it opens without waiting and skips them inside directories),
    // but one named on purpose deserves an answer rather than an `empty-file` entry.
    if (!stats.isFile() && !stats.isDirectory())
      throw new UsageError(`${path}: ${describeFileType(stats)}, not a regular file or directory`);
  }
  const envName = stringOption(args, 'passphrase-env');
  let passphrase: string | undefined;
  if (envName !== undefined) {
    passphrase = io.env[envName];
    if (passphrase === undefined) throw new UsageError(`environment variable ${envName} is not set`);
  }
  const maxText = stringOption(args, 'max-file-bytes');
  const maxFileBytes =
    maxText === undefined
      ? undefined
      : parseWholeNumber('--max-file-bytes', maxText, { min: 1, max: MAX_FILE_BYTES_LIMIT });
  return scanInventory(args.positionals, { passphrase, maxFileBytes });
}
