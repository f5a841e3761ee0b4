import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { changedFiles, recordedMtime } from '../../core/inventory/changedFiles';
import { globToRegExp } from '../../core/inventory/globToRegExp';
import { CachedFile, readInventoryCacheSync, writeInventoryCache } from '../../core/inventory/inventoryCache';
import { InventoryError, InventoryItem, InventoryResult } from '../../core/model';
import { readInventoryFile, scanInventory } from '../../core/inventory/scanInventory';
import { walkFiles, WalkedFile } from '../../core/inventory/walkFiles';
import { readCryptoFile } from '../../core/x509/readCryptoFile';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { fileKey } from './fileKey';
import { Log } from '../log';
import { Settings } from '../settings';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';

const BATCH_SIZE = 64;
const EVENT_DELAY_MS = 150;
/** The cache is written this long after the last change, so that a burst of saves writes it once. */
const CACHE_DELAY_MS = 2000;
/** During a scan, change events at most this often (the first batch at once). */
const SCAN_FIRE_MS = 500;
const CACHE_FILE = 'inventory-cache.json';

/** Where the store keeps its cache: the extension's own storage for this workspace, never the workspace. */
export interface InventoryCacheOptions {
  /** `context.storageUri`; undefined (no folder open) or not `file:`: nothing is cached. */
  storageUri: vscode.Uri | undefined;
  /** The extension's version: a cache written by another version is not trusted to parse the same. */
  version: string;
}

/** One file's results, with the size and mtime they were read at (local files only). */
interface Entry {
  result: InventoryResult;
  /** The file's path on disk, for local files: what the cache and the refresh key on. */
  path?: string;
  size?: number;
  /** UNPROVEN_MTIME when the size and mtime cannot vouch for the contents. */
  mtimeMs?: number;
}

const EMPTY: readonly never[] = Object.freeze([]);

export interface InventorySnapshot {
  items: InventoryItem[];
  errors: InventoryError[];
  scanning: boolean;
}

/**
 * Holds what every matching workspace file contains, keyed by URI. A full scan runs in batches that
 * yield to the event loop, and file events update single entries, so one saved file never rescans
 * the workspace.
 */
export class CertificateStore extends Disposable {
  private readonly files = new Map<string, Entry>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Bumped on every change to the files' results: snapshot() is rebuilt only when it moved. */
  private changes = 0;
  private flattened: { changes: number; items: InventoryItem[]; errors: InventoryError[] } | undefined;
  private restored: Promise<number> = Promise.resolve(0);
  /** performance.now() at start(), once the cache is shown, and once the first full scan is done (the benchmark reads them). */
  readonly timings: { started?: number; restored?: number; loaded?: number } = {};

  private scanSource: vscode.CancellationTokenSource | undefined;
  private scanPromise: Promise<void> = Promise.resolve();
  private scanningNow = false;
  private scannedOnce = false;
  private lastFire = 0;
  /** Time in walkFiles during the current scan, for the log. */
  private walkMs = 0;
  private changesAtScanStart = 0;
  private patterns = new Map<string, FilePatterns>();
  private watchers: vscode.Disposable[] = [];
  private pendingEvents = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  /** Flushes run one after another: a delete must not land between another flush's read and its result. */
  private flushing: Promise<void> = Promise.resolve();
  /**
   * Files (and deleted folders, ending in '/') that file events updated since the current scan began. The
   * events saw them later than the scan's walk did, so the scan neither sets nor removes them.
   */
  private readonly touchedDuringScan = new Set<string>();
  private readonly delayer = this.register(new KeyedDelayer<'events' | 'cache' | 'fire'>(EVENT_DELAY_MS));

  constructor(
    private settings: Settings,
    private readonly log: Log,
    private cache?: InventoryCacheOptions,
  ) {
    super();
    this.patterns = compilePatterns(settings);
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()));
    this.register({ dispose: () => this.disposeWatchers() });
    this.register({ dispose: () => this.scanSource?.cancel() });
    // A write still waiting starts now; the rename makes it all or nothing if the host exits meanwhile.
    this.register({ dispose: () => this.delayer.flush('cache') });
  }

  get scanning(): boolean {
    return this.scanningNow;
  }

  /**
   * Every item and error, in one pair of arrays shared by all callers until the next change: calling it on
   * each change event costs nothing more than the change did. Callers must not modify the arrays.
   */
  snapshot(): InventorySnapshot {
    if (this.flattened?.changes !== this.changes) {
      const items: InventoryItem[] = [];
      const errors: InventoryError[] = [];
      for (const { result } of this.files.values()) {
        for (const item of result.items) items.push(item);
        for (const error of result.errors) errors.push(error);
      }
      this.flattened = { changes: this.changes, items, errors };
    }
    return { items: this.flattened.items, errors: this.flattened.errors, scanning: this.scanningNow };
  }

  /** A counter that moves whenever the results change (not the scanning flag): a reader can skip equal ones. */
  get generation(): number {
    return this.changes;
  }

  /** Number of files with results (or errors). */
  get fileCount(): number {
    return this.files.size;
  }

  /** Where to keep the cache; set before start() (the extension's storage is known only to activate()). */
  useCache(cache: InventoryCacheOptions | undefined): void {
    this.cache = cache;
  }

  /** Resolves once the cache (if any) is shown, with the number of files it held; 0 without one. */
  whenRestored(): Promise<number> {
    return this.restored;
  }

  /** Resolves when the scan under way (if any) has finished. */
  whenIdle(): Promise<void> {
    return this.scanPromise;
  }

  updateSettings(settings: Settings): void {
    const globs = (s: Settings) =>
      JSON.stringify([s.include, s.exclude, s.folders.map((f) => [f.folder, f.include, f.exclude])]);
    const rescan = globs(settings) !== globs(this.settings) || settings.maxFileBytes !== this.settings.maxFileBytes;
    this.settings = settings;
    if (rescan) this.restart();
  }

  /**
   * Starts watching, shows what the cache holds (without reading the files), then runs the first full scan,
   * which reads only the files whose size or mtime differ from the cache's.
   */
  start(): Promise<void> {
    this.timings.started = performance.now();
    this.watch();
    // At once, before anything else runs: the cache is read synchronously, so the first tree is the whole one.
    this.restored = Promise.resolve(this.restore());
    this.timings.restored = performance.now();
    this.scanPromise = this.restored
      .then(() => this.refresh())
      .then(() => {
        this.timings.loaded ??= performance.now();
      });
    return this.scanPromise;
  }

  refresh(): Promise<void> {
    this.scanSource?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.scanSource = source;
    this.scanPromise = this.scan(source.token).finally(() => source.dispose());
    return this.scanPromise;
  }

  private restart(): void {
    this.patterns = compilePatterns(this.settings);
    this.watch();
    void this.refresh();
  }

  private async scan(token: vscode.CancellationToken): Promise<void> {
    this.setScanning(true);
    // Also when this scan replaces a cancelled one (the flag stays set): this walk is later than those events.
    this.touchedDuringScan.clear();
    const started = Date.now();
    this.walkMs = 0;
    try {
      await vscode.window.withProgress(
        { location: { viewId: 'mtlsRotation.inventory' }, title: 'Scanning certificates' },
        async () => {
          // Each folder by its own include and exclude settings; local folders by one walk of the disk.
          const seen = new Set<string>();
          const local: WalkedFile[] = [];
          const remote: vscode.Uri[] = [];
          const walkErrors: InventoryError[] = [];
          for (const folder of this.settings.folders) {
            const uri = vscode.Uri.parse(folder.folder);
            if (uri.scheme === 'file') {
              const walked = await this.walk(uri, folder, token);
              if (!walked) return;
              local.push(...walked.files);
              walkErrors.push(...walked.errors);
            } else {
              const pattern = new vscode.RelativePattern(uri, folder.include);
              remote.push(
                ...(await vscode.workspace.findFiles(pattern, folder.exclude || undefined, undefined, token)),
              );
            }
            if (token.isCancellationRequested) return;
          }
          const localKeys = local.map((file) => fileKey(file.path));
          for (const key of localKeys) seen.add(key);
          const walked = Date.now();
          for (const uri of remote) seen.add(uri.toString());
          const errorsByPath = new Map<string, InventoryError[]>();
          for (const error of walkErrors) {
            const key = fileKey(error.path);
            seen.add(key);
            (errorsByPath.get(key) ?? errorsByPath.set(key, []).get(key)!).push(error);
          }
          let changed = false;
          for (const key of [...this.files.keys()]) {
            if (!seen.has(key) && !this.touchedByEvents(key)) changed = this.files.delete(key) || changed;
          }
          for (const [key, errors] of errorsByPath) {
            if (this.touchedByEvents(key)) continue;
            // The same dangling link found again is no change: no event, no cache write.
            const before = this.files.get(key)?.result;
            if (before && before.items.length === 0 && JSON.stringify(before.errors) === JSON.stringify(errors))
              continue;
            this.files.set(key, { result: { items: EMPTY as never[], errors } });
            changed = true;
          }
          if (changed) this.bump();
          // Only what is new or changed is read: the walk's size and mtime against the ones it was read at.
          const index = new Map(local.map((file, i) => [file, localKeys[i]]));
          const stale = changedFiles(local, (file) => {
            const entry = this.files.get(index.get(file)!);
            return entry?.size !== undefined && entry.mtimeMs !== undefined
              ? { size: entry.size, mtimeMs: entry.mtimeMs }
              : undefined;
          });
          await this.scanLocal(stale, started, token);
          for (let i = 0; i < remote.length; i += BATCH_SIZE) {
            if (token.isCancellationRequested) return;
            const batch = remote.slice(i, i + BATCH_SIZE);
            const results = await Promise.all(batch.map((uri) => this.readFile(uri)));
            results.forEach((result, j) => {
              const key = batch[j].toString();
              if (!this.touchedByEvents(key)) this.files.set(key, { result });
            });
            this.bump();
            // Let the extension host serve other work between batches.
            await new Promise((resolve) => setImmediate(resolve));
          }
          if (token.isCancellationRequested) return;
          this.log.info(
            `Inventory: ${local.length + remote.length} files, ${stale.length + remote.length} read, in ${Date.now() - started} ms (walk ${this.walkMs} ms, to the first read ${walked - started} ms)`,
          );
          if (changed || stale.length > 0) this.scheduleCacheWrite();
        },
      );
    } finally {
      if (!token.isCancellationRequested) this.setScanning(false);
    }
  }

  /** The files of one local folder that its include and exclude globs (and `files.exclude`) select, with stats. */
  private async walk(
    folderUri: vscode.Uri,
    globs: { include: string; exclude: string },
    token: vscode.CancellationToken,
  ): Promise<{ files: WalkedFile[]; errors: InventoryError[] } | undefined> {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      const exclude = globs.exclude ? [globToRegExp(globs.exclude)] : [];
      const filesExclude = vscode.workspace
        .getConfiguration('files', folderUri)
        .get<Record<string, unknown>>('exclude', {});
      for (const [glob, on] of Object.entries(filesExclude ?? {})) if (on === true) exclude.push(globToRegExp(glob));
      const walkStart = Date.now();
      const walked = await walkFiles([folderUri.fsPath], {
        include: globToRegExp(globs.include),
        exclude,
        // What to skip is the exclude setting's to say (its default names node_modules and .git).
        skipDirectories: [],
        stat: true,
        // A local folder: see InventoryOptions.blockingReads.
        blockingStat: true,
        signal: abort.signal,
      });
      this.walkMs += Date.now() - walkStart;
      return walked;
    } catch (error) {
      if (abort.signal.aborted) return undefined;
      throw error;
    } finally {
      cancelled.dispose();
    }
  }

  /** Local files go through the core's scan: a pool of readers with their own buffers, results as they come. */
  private async scanLocal(files: WalkedFile[], walkStarted: number, token: vscode.CancellationToken): Promise<void> {
    if (files.length === 0) return;
    const walked = new Map(files.map((file) => [file.path, file]));
    const unset = new Set(walked.keys());
    const vanished: string[] = [];
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const entryFor = (path: string, result: InventoryResult): Entry => {
      const file = walked.get(path);
      if (file?.size === undefined || file.mtimeMs === undefined) return { result, path };
      return { result, path, size: file.size, mtimeMs: recordedMtime(file.mtimeMs, walkStarted) };
    };
    try {
      await scanInventory(files, {
        maxFileBytes: this.settings.maxFileBytes,
        blockingReads: true,
        signal: abort.signal,
        onItems: (batch) => {
          // A file's items and errors always arrive in one batch, so each file's entry is replaced whole.
          const byFile = new Map<string, InventoryResult>();
          const entry = (path: string) => byFile.get(path) ?? byFile.set(path, { items: [], errors: [] }).get(path)!;
          for (const item of batch.items) entry(item.path).items.push(item);
          for (const error of batch.errors) entry(error.path).errors.push(error);
          for (const [path, result] of byFile) {
            unset.delete(path);
            const key = fileKey(path);
            if (this.touchedByEvents(key)) continue;
            if (result.errors.length === 0) result.errors = EMPTY as never[];
            else if (result.errors.some((error) => error.code === 'not-found')) vanished.push(path);
            this.files.set(key, entryFor(path, result));
          }
          this.bump();
        },
      });
      // Files that held nothing to show (a PEM of parameters only) are remembered too, so they are not read again.
      for (const path of unset) {
        const key = fileKey(path);
        if (!this.touchedByEvents(key))
          this.files.set(key, entryFor(path, { items: EMPTY as never[], errors: EMPTY as never[] }));
      }
      // A file deleted between the walk and its read is not an unreadable file: it is gone. (A dangling link,
      // which is still there, stays an error.)
      let removed = false;
      for (const path of vanished) {
        if (await isGone(path)) removed = this.files.delete(fileKey(path)) || removed;
      }
      if (removed) this.bump();
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      cancelled.dispose();
    }
  }

  /** Shows what the cache holds for files not seen yet; a missing, corrupt or foreign cache is no cache. */
  private restore(): number {
    const file = this.cacheFile();
    if (!file) return 0;
    const started = Date.now();
    try {
      const cached = readInventoryCacheSync(file, this.cacheContext());
      if (!cached) return 0;
      const decoded = Date.now();
      for (const record of cached) {
        const key = fileKey(record.path);
        // A file event or a scan that came first saw the file as it is now.
        if (this.files.has(key)) continue;
        const { items, errors } = record.result;
        this.files.set(key, {
          result: { items, errors: errors.length === 0 ? (EMPTY as never[]) : errors },
          path: record.path,
          size: record.size,
          mtimeMs: record.mtimeMs,
        });
      }
      const entered = Date.now();
      this.bump();
      this.log.info(
        `Inventory: ${cached.length} files shown from the cache in ${Date.now() - started} ms (read and decoded in ${decoded - started} ms, entered in ${entered - decoded} ms, shown in ${Date.now() - entered} ms)`,
      );
      return cached.length;
    } catch (error) {
      this.log.warn(`Inventory: cache not used (${String(error)})`);
      return 0;
    }
  }

  private cacheFile(): string | undefined {
    const uri = this.cache?.storageUri;
    return uri?.scheme === 'file' ? path.join(uri.fsPath, CACHE_FILE) : undefined;
  }

  /** What the cached results depend on besides the files: the extension's version and the settings that shape a scan. */
  private cacheContext(): string {
    return JSON.stringify({
      version: this.cache?.version ?? '',
      maxFileBytes: this.settings.maxFileBytes,
      folders: this.settings.folders.map((f) => [f.folder, f.include, f.exclude]),
    });
  }

  /** Writes the cache now instead of after the usual pause (a test or the benchmark about to close the window). */
  saveCache(): Promise<void> {
    this.delayer.cancel('cache');
    return this.writeCache();
  }

  private scheduleCacheWrite(): void {
    if (!this.cacheFile()) return;
    this.delayer.trigger('cache', () => void this.writeCache(), CACHE_DELAY_MS);
  }

  private async writeCache(): Promise<void> {
    const file = this.cacheFile();
    if (!file) return;
    const records: CachedFile[] = [];
    for (const entry of this.files.values()) {
      if (entry.path !== undefined && entry.size !== undefined && entry.mtimeMs !== undefined)
        records.push({ path: entry.path, size: entry.size, mtimeMs: entry.mtimeMs, result: entry.result });
    }
    try {
      await writeInventoryCache(file, this.cacheContext(), records);
    } catch (error) {
      // A cache that cannot be written only costs the next activation a full read.
      this.log.warn(`Inventory: cache not written (${String(error)})`);
    }
  }

  /**
   * Counts a change and tells the readers, at once outside a scan. During a scan, batches of 16 files arrive
   * hundreds of times a second and every reader (tree, rotations, renewals) would redo its work for each: the
   * first batch is told at once, the rest at most every SCAN_FIRE_MS, and the scan's end tells the remainder.
   */
  private bump(): void {
    this.changes++;
    if (!this.scanningNow) {
      this.delayer.cancel('fire');
      this.changed.fire();
    } else if (Date.now() - this.lastFire >= SCAN_FIRE_MS) {
      this.fire();
    } else {
      this.delayer.triggerIfIdle('fire', () => this.fire(), SCAN_FIRE_MS);
    }
  }

  private fire(): void {
    this.lastFire = Date.now();
    this.changed.fire();
  }

  /**
   * Readers that wait for the end of a scan (reminders, verification on arrival) skip the changes made during
   * one, so its end is a change when something changed during it, or when it is the first scan. A refresh that
   * found nothing new fires nothing: every reader would redo its work (a tree of 10,000 rebuilt) for nothing.
   */
  private setScanning(value: boolean): void {
    if (this.scanningNow === value) return;
    this.scanningNow = value;
    void runCommand(BUILT_IN_COMMAND_IDS.setContext, 'mtlsRotation.scanning', value);
    if (value) this.changesAtScanStart = this.changes;
    else if (this.changes !== this.changesAtScanStart || !this.scannedOnce) {
      this.delayer.cancel('fire');
      this.changed.fire();
    }
    if (!value) this.scannedOnce = true;
  }

  private async readFile(uri: vscode.Uri): Promise<InventoryResult> {
    const path = uri.fsPath;
    // Local files are read by the core directly: one open and read instead of two round trips through
    // VS Code's file service per file, which is most of a large scan's time otherwise.
    if (uri.scheme === 'file') return readInventoryFile(path, { maxFileBytes: this.settings.maxFileBytes });
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return { items: [], errors: [] };
      if (stat.size > this.settings.maxFileBytes) {
        return {
          items: [],
          errors: [
            {
              path,
              code: 'too-large',
              message: `file is ${formatBytes(stat.size)}, over the ${formatBytes(this.settings.maxFileBytes)} limit (mtlsRotation.maxFileSizeKB)`,
            },
          ],
        };
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      return readCryptoFile(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      const code = error instanceof vscode.FileSystemError ? error.code : 'unreadable';
      return { items: [], errors: [{ path, code: 'unreadable', message: `cannot read file (${code})` }] };
    }
  }

  private watch(): void {
    this.disposeWatchers();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(folder, this.globsFor(folder.uri).include),
      );
      watcher.onDidCreate((uri) => this.queue(uri, false));
      watcher.onDidChange((uri) => this.queue(uri, false));
      watcher.onDidDelete((uri) => this.queue(uri, true));
      this.watchers.push(watcher);
      // A folder copied or moved in (or deleted) may arrive as one event for the folder alone.
      const folders = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(folder, '**'),
        false,
        true,
        false,
      );
      folders.onDidCreate((uri) => void this.queueFolder(uri));
      folders.onDidDelete((uri) => this.queue(uri, true));
      this.watchers.push(folders);
    }
    // Operations done inside VS Code arrive here even where the file watcher is slow or unavailable.
    this.watchers.push(
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => this.queue(uri, false))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.queue(uri, true))),
      vscode.workspace.onDidRenameFiles((e) =>
        e.files.forEach(({ oldUri, newUri }) => {
          this.queue(oldUri, true);
          this.queue(newUri, false);
        }),
      ),
      vscode.workspace.onDidSaveTextDocument((doc) => this.queue(doc.uri, false)),
    );
  }

  private disposeWatchers(): void {
    this.watchers.forEach((watcher) => watcher.dispose());
    this.watchers = [];
  }

  private matches(uri: vscode.Uri): boolean {
    const relative = vscode.workspace.asRelativePath(uri, false);
    const { include, exclude } = this.patternsFor(uri);
    if (exclude?.test(relative)) return false;
    return include.test(relative) || this.files.has(uri.toString());
  }

  /** The include and exclude settings of the folder a file is in (the window's for a file in none). */
  private globsFor(uri: vscode.Uri): { include: string; exclude: string } {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString();
    return this.settings.folders.find((f) => f.folder === folder) ?? this.settings;
  }

  private patternsFor(uri: vscode.Uri): FilePatterns {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString();
    return (folder !== undefined && this.patterns.get(folder)) || this.patterns.get('')!;
  }

  private async queueFolder(uri: vscode.Uri): Promise<void> {
    const relative = vscode.workspace.asRelativePath(uri, false);
    // Excluded trees (node_modules, .git) and paths that are files of ours are not folders to search.
    const { exclude } = this.patternsFor(uri);
    if (exclude?.test(relative) || exclude?.test(`${relative}/x`) || this.files.has(uri.toString())) return;
    try {
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return;
      const globs = this.globsFor(uri);
      const inside = await vscode.workspace.findFiles(
        new vscode.RelativePattern(uri, globs.include),
        globs.exclude || undefined,
      );
      inside.forEach((file) => this.queue(file, false));
    } catch {
      // Gone again before we looked: its delete event follows.
    }
  }

  private queue(uri: vscode.Uri, deleted: boolean): void {
    if (this.patternsFor(uri).exclude?.test(vscode.workspace.asRelativePath(uri, false))) return;
    if (!this.matches(uri) && !deleted) return;
    this.pendingEvents.set(uri.toString(), { uri, deleted });
    // Editors and git write files in bursts; coalesce them into one update.
    this.delayer.trigger('events', () => {
      this.flushing = this.flushing
        .then(() => this.flushEvents())
        .catch((error) => this.log.warn(`Inventory: file events not applied (${String(error)})`));
    });
  }

  private async flushEvents(): Promise<void> {
    const events = [...this.pendingEvents.values()];
    this.pendingEvents.clear();
    let changed = false;
    const deletedFolders: string[] = [];
    for (const { uri, deleted } of events) {
      const key = uri.toString();
      if (this.scanningNow) this.touchedDuringScan.add(key);
      if (deleted) {
        if (this.files.delete(key)) changed = true;
        else deletedFolders.push(key + '/');
        continue;
      }
      const entry = await this.readEntry(uri);
      // Created and deleted again before it was read: its delete event may never come.
      if (entry) this.files.set(key, entry);
      else if (!this.files.delete(key)) continue;
      changed = true;
    }
    if (deletedFolders.length > 0) {
      if (this.scanningNow) deletedFolders.forEach((folder) => this.touchedDuringScan.add(folder));
      // A deleted folder takes every file below it: one pass over the inventory for the whole burst.
      for (const key of [...this.files.keys()]) {
        if (deletedFolders.some((folder) => key.startsWith(folder))) changed = this.files.delete(key) || changed;
      }
    }
    if (changed) {
      this.bump();
      this.scheduleCacheWrite();
    }
  }

  /** Whether a file event (since the scan began) decided this file's entry, or removed its folder. */
  private touchedByEvents(key: string): boolean {
    if (this.touchedDuringScan.size === 0) return false;
    if (this.touchedDuringScan.has(key)) return true;
    for (let slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1))
      if (this.touchedDuringScan.has(key.slice(0, slash + 1))) return true;
    return false;
  }

  /**
   * One file on an event: local ones with the size and mtime they had just before the read, for the cache;
   * undefined for a local file that is no longer there at all.
   */
  private async readEntry(uri: vscode.Uri): Promise<Entry | undefined> {
    if (uri.scheme !== 'file') return { result: await this.readFile(uri) };
    const looked = Date.now();
    const stat = await fs.stat(uri.fsPath).catch(() => undefined);
    const result = await this.readFile(uri);
    if (!stat && result.errors.some((error) => error.code === 'not-found') && (await isGone(uri.fsPath)))
      return undefined;
    if (!stat?.isFile()) return { result };
    return { result, path: uri.fsPath, size: stat.size, mtimeMs: recordedMtime(stat.mtimeMs, looked) };
  }
}

/** Nothing at the path, not even a dangling link. */
async function isGone(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

interface FilePatterns {
  include: RegExp;
  exclude: RegExp | undefined;
}

/** The globs as regular expressions, per folder URI, and the window's under ''. */
function compilePatterns(settings: Settings): Map<string, FilePatterns> {
  const compile = (globs: { include: string; exclude: string }): FilePatterns => ({
    include: globToRegExp(globs.include),
    exclude: globs.exclude ? globToRegExp(globs.exclude) : undefined,
  });
  return new Map([
    ['', compile(settings)],
    ...settings.folders.map((f): [string, FilePatterns] => [f.folder, compile(f)]),
  ]);
}
