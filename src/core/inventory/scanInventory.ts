import { promises as fs } from 'fs';
import * as fsCallback from 'fs';
import * as nodePath from 'path';
import { CoreError } from '../errors';
import { InventoryError, InventoryItem, InventoryResult } from '../model';
import { looksLikePem } from '../x509/pem';
import { readCryptoFile, ReadOptions } from '../x509/readCryptoFile';
import { DEFAULT_MAX_FILE_BYTES, openNonBlocking, readFd, readUpTo, statFd } from '../files/readUserFile';

export { DEFAULT_MAX_FILE_BYTES };
export const CANDIDATE_EXTENSIONS: readonly string[] = [
  '.pem',
  '.crt',
  '.cer',
  '.cert',
  '.der',
  '.key',
  '.csr',
  '.req',
  '.p12',
  '.pfx',
];
/** Directory names not descended into unless named explicitly: other people's test certificates live there. */
export const DEFAULT_SKIP_DIRECTORIES: readonly string[] = ['.git', 'node_modules'];
const SNIFF_BYTES = 1024;
/** Files read at once when the caller does not say. */
const DEFAULT_CONCURRENCY = 16;
/** Each reader's buffer: a file that fits is read with one call and no stat. */
const READ_BUFFER_BYTES = 64 * 1024;

export interface InventoryOptions extends ReadOptions {
  /** Larger files get a `too-large` error and are not read (default 5 MiB). */
  maxFileBytes?: number;
  signal?: AbortSignal;
  /** Files read at once, and files per progress/items batch (default 16). */
  concurrency?: number;
  /** Called after each batch; `total` is the number of files to read, known once the walk is done. */
  onProgress?: (done: number, total?: number) => void;
  /** Called with each batch's results, for incremental display. */
  onItems?: (batch: InventoryResult) => void;
  skipDirectories?: readonly string[];
}

export function isCandidateName(path: string): boolean {
  return CANDIDATE_EXTENSIONS.includes(nodePath.extname(path).toLowerCase());
}

interface FileTask {
  path: string;
  /** Files found in directories without a known extension are read only if their first bytes look like PEM. */
  sniff: boolean;
}

/** One file, as the adapter reads it on file events. Never throws. */
export async function readInventoryFile(path: string, options: InventoryOptions = {}): Promise<InventoryResult> {
  return readTask({ path, sniff: false }, options, true);
}

/**
 * Reads every candidate file under `paths` (files are always read; directories recursively). Asynchronous
 * throughout: `concurrency` readers each take the next file, read it (open, one read into the reader's own
 * buffer, close: no stat for files that fit) and parse it while the other readers' I/O runs in libuv's
 * thread pool. The event loop turns at every read, and once more after each batch of `concurrency` files
 * (progress, items, abort check), so that an extension host stays responsive. Memory stays bounded: one
 * buffer per reader, whatever the number of files. Problems become error entries; only an abort rejects
 * (code `aborted`).
 */
export async function scanInventory(
  paths: readonly string[],
  options: InventoryOptions = {},
): Promise<InventoryResult> {
  const errors: InventoryError[] = [];
  const tasks: FileTask[] = [];
  const walker = new Walker(options, tasks, errors);
  for (const path of paths) {
    checkAbort(options.signal);
    await walker.root(path);
  }

  const items: InventoryItem[] = [];
  if (errors.length > 0) options.onItems?.({ items: [], errors: [...errors] });
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  options.onProgress?.(0, tasks.length);
  // As before: the signal is looked at before each batch of `concurrency` files, when there is one to read.
  let aborted = tasks.length > 0 && options.signal?.aborted === true;
  let next = 0;
  let done = 0;
  let batch: InventoryResult = { items: [], errors: [] };
  const reader = async (): Promise<void> => {
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    while (next < tasks.length && !aborted) {
      const result = await readTask(tasks[next++], options, false, buffer);
      if (aborted) return;
      for (const item of result.items) batch.items.push(item);
      for (const error of result.errors) batch.errors.push(error);
      done++;
      if (done % concurrency === 0 || done === tasks.length) {
        const full = batch;
        batch = { items: [], errors: [] };
        for (const item of full.items) items.push(item);
        for (const error of full.errors) errors.push(error);
        if (full.items.length > 0 || full.errors.length > 0) options.onItems?.(full);
        options.onProgress?.(done, tasks.length);
        if (done < tasks.length && options.signal?.aborted) aborted = true;
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, reader));
  if (aborted) checkAbort(options.signal);
  return sortResult({ items, errors });
}

export function sortResult(result: InventoryResult): InventoryResult {
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  result.items.sort((a, b) => byPath(a.path, b.path) || a.index - b.index);
  result.errors.sort((a, b) => byPath(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || byPath(a.code, b.code));
  return result;
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CoreError('aborted', 'inventory scan aborted');
}

/**
 * Reads and parses one file. A file that fits in `buffer` (the common case) costs an open, one read and a
 * close; a larger one (or one that fills the buffer exactly) is stat'ed and read as before: not at all past
 * `maxFileBytes`, and never more than `maxFileBytes` + 1 bytes of a file that grows. The bytes handed to
 * readCryptoFile live in `buffer` only while it runs: it copies what it keeps.
 */
async function readTask(
  task: FileTask,
  options: InventoryOptions,
  explicit: boolean,
  buffer?: Buffer,
): Promise<InventoryResult> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number | undefined;
  try {
    fd = await openNonBlocking(task.path);
    let bytes: Buffer | undefined;
    if (buffer) {
      const wanted = Math.min(buffer.length, max + 1);
      const got = await readFd(fd, buffer, 0, wanted, 0);
      // A short read is the end of the file, which is then at most `max` bytes: the stat is not needed.
      if (got < wanted) bytes = buffer.subarray(0, got);
    }
    if (!bytes) {
      const stat = await statFd(fd);
      if (stat.isDirectory()) return fileError(task.path, new CoreError('unreadable', 'is a directory'));
      if (stat.size > max) {
        if (task.sniff && !looksLikePem(await readPrefix(fd, SNIFF_BYTES))) return { items: [], errors: [] };
        return fileError(
          task.path,
          new CoreError('too-large', `file is ${stat.size} bytes, over the ${max}-byte limit; not read`),
        );
      }
      bytes = await readUpTo(fd, stat.size, max);
    }
    if (task.sniff && !looksLikePem(bytes.subarray(0, SNIFF_BYTES))) return { items: [], errors: [] };
    // The file may have grown since the stat.
    if (bytes.length > max) {
      return fileError(
        task.path,
        new CoreError('too-large', `file is ${bytes.length} bytes, over the ${max}-byte limit; not read`),
      );
    }
    return readCryptoFile(task.path, bytes, options);
  } catch (error) {
    return fileError(task.path, fsError(error, explicit));
  } finally {
    // Closed at once, on this thread: closing a file opened for reading is one short system call, and a round
    // trip through libuv's thread pool (a third one per file, beside open and read) cost more than the call.
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fsCallback.closeSync(fd);
  } catch {
    // close errors change nothing for a file already read
  }
}

async function readPrefix(fd: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const bytesRead = await readFd(fd, buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

function fileError(path: string, error: CoreError): InventoryResult {
  return { items: [], errors: [{ path, code: error.code, message: error.message }] };
}

function fsError(error: unknown, explicit: boolean): CoreError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new CoreError('not-found', explicit ? 'no such file or directory' : 'file vanished during the scan');
    case 'EACCES':
    case 'EPERM':
      return new CoreError('permission-denied', 'permission denied');
    case 'ELOOP':
      return new CoreError('symlink-loop', 'symbolic link loop');
    case 'EISDIR':
      return new CoreError('unreadable', 'is a directory');
    default:
      if (error instanceof CoreError) return error;
      return new CoreError(
        'unreadable',
        `unreadable: ${code ?? (error instanceof Error ? error.message : String(error))}`,
      );
  }
}

class Walker {
  /** dev:ino of every directory entered, so that a directory reached twice through links is read once. */
  private readonly visited = new Set<string>();
  private readonly skip: ReadonlySet<string>;

  constructor(
    private readonly options: InventoryOptions,
    private readonly tasks: FileTask[],
    private readonly errors: InventoryError[],
  ) {
    this.skip = new Set(options.skipDirectories ?? DEFAULT_SKIP_DIRECTORIES);
  }

  async root(path: string): Promise<void> {
    try {
      const stat = await fs.stat(path);
      if (stat.isDirectory()) await this.directory(path, `${stat.dev}:${stat.ino}`, new Set());
      else this.tasks.push({ path, sniff: false });
    } catch (error) {
      this.error(path, fsError(error, true));
    }
  }

  private error(path: string, error: CoreError): void {
    this.errors.push({ path, code: error.code, message: error.message });
  }

  private async directory(dir: string, id: string, ancestors: ReadonlySet<string>): Promise<void> {
    if (this.visited.has(id)) return;
    this.visited.add(id);
    checkAbort(this.options.signal);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.error(dir, fsError(error, false));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = new Set(ancestors).add(id);
    const subdirectories: { path: string; id: string }[] = [];
    await Promise.all(
      entries.map(async (entry) => {
        const path = nodePath.join(dir, entry.name);
        if (entry.isFile()) {
          this.tasks.push({ path, sniff: !isCandidateName(path) });
          return;
        }
        if (!entry.isDirectory() && !entry.isSymbolicLink()) return;
        if (entry.isDirectory() && this.skip.has(entry.name)) return;
        try {
          const stat = await fs.stat(path);
          if (stat.isDirectory()) {
            const childId = `${stat.dev}:${stat.ino}`;
            if (inside.has(childId))
              this.error(path, new CoreError('symlink-loop', 'symbolic link loops back to a parent directory'));
            else if (!this.skip.has(entry.name) || entry.isSymbolicLink()) subdirectories.push({ path, id: childId });
          } else if (stat.isFile()) {
            this.tasks.push({ path, sniff: !isCandidateName(path) });
          }
        } catch (error) {
          // A dangling link is only worth reporting when its name says it should be a certificate or key.
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' || isCandidateName(path)) this.error(path, fsError(error, false));
        }
      }),
    );
    subdirectories.sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const sub of subdirectories) await this.directory(sub.path, sub.id, inside);
  }
}
