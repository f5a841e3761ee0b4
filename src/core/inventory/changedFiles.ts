import { WalkedFile } from './walkFiles';

/**
 * A file modified this close to when it was looked at may change again within the same mtime tick: its size
 * and mtime then do not prove it unchanged (git calls such entries "racy"), so it is read again next time.
 */
export const RACY_MS = 2000;
/** The mtime recorded for a file whose size and mtime cannot vouch for the contents read. */
export const UNPROVEN_MTIME = -1;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The mtime to record for contents read after a stat at `lookedAt` (epoch ms) that gave `mtimeMs`. */
export function recordedMtime(mtimeMs: number, lookedAt: number): number {
  return mtimeMs < lookedAt - RACY_MS ? mtimeMs : UNPROVEN_MTIME;
}

/** The walked files to read again: new ones, and those whose size or mtime differ from what they were read at. */
export function changedFiles(
  walked: readonly WalkedFile[],
  known: (file: WalkedFile) => FileStamp | undefined,
): WalkedFile[] {
  return walked.filter((file) => {
    const stamp = known(file);
    return !stamp || stamp.mtimeMs === UNPROVEN_MTIME || stamp.size !== file.size || stamp.mtimeMs !== file.mtimeMs;
  });
}
