import { promises as fs, statSync, Stats } from 'fs';
import * as nodePath from 'path';
import { CoreError } from '../errors';
import { InventoryError } from '../model';
import { fsError } from './fsError';

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
/** Roots stat'ed at once: a caller may name thousands of files. */
const ROOT_CONCURRENCY = 64;

export function isCandidateName(path: string): boolean {
  return CANDIDATE_EXTENSIONS.includes(nodePath.extname(path).toLowerCase());
}

export interface WalkedFile {
  path: string;
  /** Files found in directories without a known extension are read only if their first bytes look like PEM. */
  sniff: boolean;
  /** Set when the walk stats files (`stat: true`), and on roots given with them. */
  size?: number;
  mtimeMs?: number;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Directory names not entered (default `.git`, `node_modules`); a link to one is followed. */
  skipDirectories?: readonly string[];
  /**
   * Which files of a directory root to list, tested against the path relative to that root with `/` separators
   * (as VS Code's RelativePattern, see globToRegExp). A file it accepts is read whatever its content; without
   * it, files are picked by extension or PEM content.
   */
  include?: RegExp;
  /** Files and folders left out, tested as `include`; an excluded folder is not entered. */
  exclude?: readonly RegExp[];
  /** Stat every file listed, for its size and mtime: what a refresh compares to decide what to read again. */
  stat?: boolean;
  /**
   * Those stats as synchronous calls on this thread, for the reason and with the limit of
   * InventoryOptions.blockingReads: once one takes longer than BLOCKING_STAT_LIMIT_MS, the rest go through the
   * thread pool.
   */
  blockingStat?: boolean;
}

/** A stat that takes longer than this turns a walk's blocking stats off. */
const BLOCKING_STAT_LIMIT_MS = 20;

export interface WalkResult {
  /** In walk order: roots as given, each directory's entries by name, files before subdirectories. */
  files: WalkedFile[];
  errors: InventoryError[];
}

/**
 * Lists the files under `roots` (files are listed as given; directories recursively, following links, each
 * directory once however many links lead to it). Problems become errors; only an abort rejects (`aborted`).
 * A root given as a WalkedFile with its size is taken as it is, without a stat.
 */
export async function walkFiles(
  roots: readonly (string | WalkedFile)[],
  options: WalkOptions = {},
): Promise<WalkResult> {
  const walker = new Walker(options);
  await walker.roots(roots);
  return { files: walker.files, errors: walker.errors };
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CoreError('aborted', 'inventory scan aborted');
}

type Found = WalkedFile | { directory: string; id: string } | undefined;

export class Walker {
  readonly files: WalkedFile[] = [];
  readonly errors: InventoryError[] = [];
  /** dev:ino of every directory entered, so that a directory reached twice through links is read once. */
  private readonly visited = new Set<string>();
  private readonly skip: ReadonlySet<string>;
  private blockingStat: boolean;

  constructor(private readonly options: WalkOptions) {
    this.skip = new Set(options.skipDirectories ?? DEFAULT_SKIP_DIRECTORIES);
    this.blockingStat = options.blockingStat === true;
  }

  private statHere(path: string): Stats {
    const started = performance.now();
    try {
      return statSync(path);
    } finally {
      if (performance.now() - started > BLOCKING_STAT_LIMIT_MS) this.blockingStat = false;
    }
  }

  /** Files named as roots are stat'ed in parallel; directories are then walked one after the other, in order. */
  async roots(roots: readonly (string | WalkedFile)[]): Promise<void> {
    const found: (WalkedFile | { directory: string; id: string } | CoreError | undefined)[] = new Array(roots.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < roots.length) {
        const i = next++;
        const root = roots[i];
        if (typeof root !== 'string' && root.size !== undefined) {
          found[i] = root;
          continue;
        }
        const path = typeof root === 'string' ? root : root.path;
        try {
          const stat = await fs.stat(path);
          found[i] = stat.isDirectory()
            ? { directory: path, id: `${stat.dev}:${stat.ino}` }
            : this.file(path, false, stat);
        } catch (error) {
          found[i] = fsError(error, true);
        }
      }
    };
    checkAbort(this.options.signal);
    await Promise.all(Array.from({ length: Math.min(ROOT_CONCURRENCY, roots.length) }, worker));
    for (let i = 0; i < roots.length; i++) {
      checkAbort(this.options.signal);
      const root = found[i];
      const path = typeof roots[i] === 'string' ? (roots[i] as string) : (roots[i] as WalkedFile).path;
      if (root instanceof CoreError) this.error(path, root);
      else if (root && 'directory' in root) await this.directory(root.directory, root.id, new Set(), path);
      else if (root) this.files.push(root);
    }
  }

  private file(path: string, sniff: boolean, stat?: { size: number; mtimeMs: number }): WalkedFile {
    return this.options.stat && stat ? { path, sniff, size: stat.size, mtimeMs: stat.mtimeMs } : { path, sniff };
  }

  private error(path: string, error: CoreError): void {
    this.errors.push({ path, code: error.code, message: error.message });
  }

  private relative(base: string, path: string): string {
    const relative = nodePath.relative(base, path);
    return nodePath.sep === '/' ? relative : relative.split(nodePath.sep).join('/');
  }

  private excluded(relative: string, folder: boolean): boolean {
    const exclude = this.options.exclude;
    if (!exclude || exclude.length === 0) return false;
    // `**/out/**` names what is inside a folder: the folder itself is left out when its contents all would be.
    return exclude.some((pattern) => pattern.test(relative) || (folder && pattern.test(`${relative}/`)));
  }

  /** What a regular file found in a directory becomes: listed (to read, or to sniff) or left out. */
  private wanted(path: string, relative: string): { sniff: boolean } | undefined {
    if (this.excluded(relative, false)) return undefined;
    if (this.options.include) return this.options.include.test(relative) ? { sniff: false } : undefined;
    return { sniff: !isCandidateName(path) };
  }

  private async directory(dir: string, id: string, ancestors: ReadonlySet<string>, base: string): Promise<void> {
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
    const found: Found[] = await Promise.all(
      entries.map(async (entry): Promise<Found> => {
        const path = nodePath.join(dir, entry.name);
        const relative = this.relative(base, path);
        if (entry.isFile()) {
          const wanted = this.wanted(path, relative);
          if (!wanted) return undefined;
          if (!this.options.stat) return { path, sniff: wanted.sniff };
          try {
            return this.file(path, wanted.sniff, this.blockingStat ? this.statHere(path) : await fs.stat(path));
          } catch (error) {
            this.error(path, fsError(error, false));
            return undefined;
          }
        }
        if (!entry.isDirectory() && !entry.isSymbolicLink()) return undefined;
        if (entry.isDirectory() && (this.skip.has(entry.name) || this.excluded(relative, true))) return undefined;
        try {
          const stat = await fs.stat(path);
          if (stat.isDirectory()) {
            const childId = `${stat.dev}:${stat.ino}`;
            if (inside.has(childId))
              this.error(path, new CoreError('symlink-loop', 'symbolic link loops back to a parent directory'));
            else if (!this.excluded(relative, true)) return { directory: path, id: childId };
          } else if (stat.isFile()) {
            const wanted = this.wanted(path, relative);
            if (wanted) return this.file(path, wanted.sniff, stat);
          }
        } catch (error) {
          // A dangling link is only worth reporting when its name says it should be a certificate or key.
          const code = (error as NodeJS.ErrnoException).code;
          if ((code !== 'ENOENT' || isCandidateName(path)) && !this.excluded(relative, false))
            this.error(path, fsError(error, false));
        }
        return undefined;
      }),
    );
    const subdirectories: { directory: string; id: string }[] = [];
    for (const entry of found) {
      if (!entry) continue;
      if ('directory' in entry) subdirectories.push(entry);
      else this.files.push(entry);
    }
    for (const sub of subdirectories) await this.directory(sub.directory, sub.id, inside, base);
  }
}
