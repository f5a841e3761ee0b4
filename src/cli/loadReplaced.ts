import { promises as fs } from 'fs';
import * as path from 'path';
import { isCoreError } from '../core/errors';
import { readUserFile } from '../core/files/readUserFile';
import { CertificateInfo } from '../core/model';
import { DEFAULT_REGISTER_PATH, parseRegister, RegisterFile } from '../core/rotation/register';
import {
  describeReplacement,
  Replacement,
  ReplacedCertificates,
  replacedCertificates,
  replacementOf,
} from '../core/rotation/replacedCertificates';
import { parseRotationFile, ROTATION_FILE_PATH, RotationFile } from '../core/rotation/rotationRecord';
import { formatTable } from './formatTable';
import { itemToJson } from './inventoryJson';
import { OptionSpecs, ParsedArgs, stringOption } from './parseArgs';

/** Where `check` learns which certificates completed rotations replaced. */
export const replacedOptions: OptionSpecs = {
  record: {
    type: 'string',
    value: 'FILE',
    description: `a rotation record (default: ${ROTATION_FILE_PATH} in each PATH that is a directory)`,
  },
  register: {
    type: 'string',
    value: 'FILE',
    description: `a certificate register (default: ${DEFAULT_REGISTER_PATH} in each PATH that is a directory)`,
  },
};

/**
 * The replaced certificates the records and registers say so: those of each directory PATH (as the extension
 * writes them there) and those named by --record and --register. A missing default file is no record; a named
 * file that is missing, or any that does not parse, is bad input (exit 2) with the file and the place in it.
 */
export async function loadReplaced(args: ParsedArgs): Promise<ReplacedCertificates> {
  const records: RotationFile[] = [];
  const registers: RegisterFile[] = [];
  const explicitRecord = stringOption(args, 'record');
  const explicitRegister = stringOption(args, 'register');
  for (const dir of args.positionals) {
    if (
      !(await fs.stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      continue;
    const record = await readOptional(path.join(dir, ROTATION_FILE_PATH), parseRotationFile, false);
    if (record) records.push(record);
    const register = await readOptional(path.join(dir, DEFAULT_REGISTER_PATH), parseRegister, false);
    if (register) registers.push(register);
  }
  if (explicitRecord !== undefined) records.push(await readRequired(explicitRecord, parseRotationFile));
  if (explicitRegister !== undefined) registers.push(await readRequired(explicitRegister, parseRegister));
  // Every record is read against every register: a record's new certificate is described by whichever knows it.
  return replacedCertificates(
    { version: 1, rotations: records.flatMap((r) => r.rotations) },
    { version: 1, certificates: registers.flatMap((r) => r.certificates) },
  );
}

async function readRequired<T>(file: string, parse: (text: string) => T): Promise<T> {
  const value = await readOptional(file, parse, true);
  if (value === undefined) throw new Error(`${file}: not found`);
  return value;
}

async function readOptional<T>(file: string, parse: (text: string) => T, required: boolean): Promise<T | undefined> {
  let text: string;
  try {
    text = (await readUserFile(file)).toString('utf8');
  } catch (error) {
    if (!required && isCoreError(error) && error.code === 'not-found') return undefined;
    throw error;
  }
  try {
    return parse(text);
  } catch (error) {
    // Not a usage mistake but a broken file: its name and the place in it, and no "see --help".
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Splits the certificates into those that count and those a completed rotation replaced. */
export function splitReplaced(
  certificates: readonly CertificateInfo[],
  replaced: ReplacedCertificates,
): { counted: CertificateInfo[]; replaced: ReplacedItem[] } {
  const counted: CertificateInfo[] = [];
  const found: ReplacedItem[] = [];
  for (const certificate of certificates) {
    const replacedBy = replacementOf(replaced, certificate);
    if (replacedBy) found.push({ certificate, replacedBy });
    else counted.push(certificate);
  }
  return { counted, replaced: found };
}

export type ReplacedItem = { certificate: CertificateInfo; replacedBy: Replacement };

/** The JSON `replaced` list: each certificate as `inventory --json` prints it, plus what replaced it. */
export function replacedToJson(replaced: readonly ReplacedItem[], now: Date, thresholds?: number[]): unknown[] {
  return replaced.map(({ certificate, replacedBy }) => ({
    ...itemToJson(certificate, now, thresholds),
    replacedBy: {
      fingerprintSha256: replacedBy.by.fingerprintSha256,
      subject: replacedBy.by.subject,
      serialNumber: replacedBy.by.serialNumber,
      notAfter: replacedBy.by.notAfter,
      at: replacedBy.at,
      rotationId: replacedBy.rotationId,
    },
  }));
}

export function formatReplaced(replaced: readonly ReplacedItem[]): string {
  return `${replaced.length} replaced certificate(s), not counted:\n${formatTable(
    ['NOT AFTER', 'FILE', 'REPLACED BY'],
    replaced.map((r) => [r.certificate.notAfter.slice(0, 10), r.certificate.path, describeReplacement(r.replacedBy)]),
  )}`;
}
