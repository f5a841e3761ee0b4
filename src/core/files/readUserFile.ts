// A file a user names (on the command line, in a config's .include) may be anything a cloned repository
// can hold: a named pipe that never gets a writer, a link to /dev/zero, a directory, a log that keeps
// growing. Each must be refused quickly and with a bounded amount of memory, so every such read goes
// through here: a non-blocking open (a FIFO cannot stall it, a terminal cannot become the controlling
// one), then fstat on that same descriptor (no window between the check and the read), regular files
// only, and never more than the limit + 1 bytes read.
import * as fs from 'fs';
import { CoreError } from '../errors';

/** What the inventory reads of one file, and the default for every other file a user names (5120 KB). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Windows has neither flag; there a FIFO cannot be named as a path anyway. */
export const NON_BLOCKING_READ_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

export interface UserFileOptions {
  /** Larger files are refused with `too-large` (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
}

/**
 * The bytes of the regular file at `path`. Throws a CoreError whose message names the path and says what
 * is wrong: `not-found`, `permission-denied`, `not-a-regular-file` (a FIFO, a directory, a device...),
 * `too-large`, or `unreadable`.
 */
export async function readUserFile(path: string, options: UserFileOptions = {}): Promise<Buffer> {
  const max = maxBytesOf(options);
  let fd: number;
  try {
    fd = await openNonBlocking(path);
  } catch (error) {
    throw userFileError(path, error);
  }
  try {
    const stats = await statFd(fd);
    checkStats(path, stats, max);
    return checkLength(path, await readUpTo(fd, stats.size, max), max);
  } catch (error) {
    throw userFileError(path, error);
  } finally {
    fs.close(fd, ignore);
  }
}

/** readUserFile for synchronous callers (the OpenSSL config parser reads its includes through a callback). */
export function readUserFileSync(path: string, options: UserFileOptions = {}): Buffer {
  const max = maxBytesOf(options);
  let fd: number;
  try {
    fd = fs.openSync(path, NON_BLOCKING_READ_FLAGS);
  } catch (error) {
    throw userFileError(path, error);
  }
  try {
    const stats = fs.fstatSync(fd);
    checkStats(path, stats, max);
    let buffer: Buffer = Buffer.allocUnsafe(stats.size + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > max) break;
        buffer = grow(buffer, max);
      }
      const bytesRead = fs.readSync(fd, buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return checkLength(path, buffer.subarray(0, total), max);
  } catch (error) {
    throw userFileError(path, error);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // the file has been read (or refused) already
    }
  }
}

/** `a FIFO (named pipe)`, `a directory`...: what a path is when it is not a regular file. */
export function describeFileType(stats: fs.Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Opened for reading without waiting: a FIFO with no writer opens at once, and reads as empty. */
export function openNonBlocking(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.open(path, NON_BLOCKING_READ_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

export function readFd(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );
}

export function statFd(fd: number): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

/**
 * Reads the whole file: one read call when it still has the size stat gave, more when it grew, never more
 * than `max` + 1 bytes (a device or an ever-growing log must not fill memory). A result longer than `max`
 * means the file is over the limit.
 */
export async function readUpTo(fd: number, expected: number, max: number): Promise<Buffer> {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(expected, max) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total > max) return buffer;
      buffer = grow(buffer, max);
    }
    const bytesRead = await readFd(fd, buffer, total, buffer.length - total, total);
    if (bytesRead === 0) return buffer.subarray(0, total);
    total += bytesRead;
  }
}

function grow(buffer: Buffer, max: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
  buffer.copy(bigger);
  return bigger;
}

function maxBytesOf(options: UserFileOptions): number {
  const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  // A limit that is not a whole number would let the read loop run on without end.
  if (!Number.isSafeInteger(max) || max < 0)
    throw new RangeError(`maxBytes must be a non-negative whole number, got ${max}`);
  return max;
}

function checkStats(path: string, stats: fs.Stats, max: number): void {
  if (!stats.isFile())
    throw new CoreError('not-a-regular-file', `${path}: ${describeFileType(stats)}, not a regular file`);
  if (stats.size > max) throw tooLarge(path, stats.size, max);
}

function checkLength(path: string, bytes: Buffer, max: number): Buffer {
  // The file grew after the fstat; how far past the limit it went is not known, as it was not read.
  if (bytes.length > max)
    throw new CoreError('too-large', `${path}: grew past the limit of ${max} bytes while being read`);
  return bytes;
}

function tooLarge(path: string, size: number, max: number): CoreError {
  return new CoreError('too-large', `${path}: ${size} bytes, ${size - max} over the limit of ${max} bytes`);
}

function userFileError(path: string, error: unknown): CoreError {
  if (error instanceof CoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CoreError('not-found', `${path}: no such file`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new CoreError('permission-denied', `${path}: permission denied`, { cause: error });
    case 'ELOOP':
      return new CoreError('symlink-loop', `${path}: symbolic link loop`, { cause: error });
    case 'EISDIR':
      return new CoreError('not-a-regular-file', `${path}: a directory, not a regular file`, { cause: error });
    // A socket, or a device with no driver behind it: open refuses before fstat can tell.
    case 'ENXIO':
    case 'ENODEV':
      return new CoreError('not-a-regular-file', `${path}: not a regular file (a socket or a device)`, {
        cause: error,
      });
    default:
      return new CoreError(
        'unreadable',
        `${path}: cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`,
        { cause: error },
      );
  }
}

function ignore(): void {
  // close errors change nothing for a file already read
}
