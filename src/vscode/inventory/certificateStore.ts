import * as vscode from 'vscode';
import { globToRegExp } from '../../core/inventory/globToRegExp';
import { InventoryError, InventoryItem, InventoryResult } from '../../core/model';
import { readInventoryFile, scanInventory } from '../../core/inventory/scanInventory';
import { readCryptoFile } from '../../core/x509/readCryptoFile';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { Log } from '../log';
import { Settings } from '../settings';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';

const BATCH_SIZE = 64;
const EVENT_DELAY_MS = 150;

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
  private readonly files = new Map<string, InventoryResult>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  private scanSource: vscode.CancellationTokenSource | undefined;
  private scanPromise: Promise<void> = Promise.resolve();
  private scanningNow = false;
  private patterns = new Map<string, FilePatterns>();
  private watchers: vscode.Disposable[] = [];
  private pendingEvents = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  private readonly delayer = this.register(new KeyedDelayer<'events'>(EVENT_DELAY_MS));

  constructor(
    private settings: Settings,
    private readonly log: Log,
  ) {
    super();
    this.patterns = compilePatterns(settings);
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()));
    this.register({ dispose: () => this.disposeWatchers() });
    this.register({ dispose: () => this.scanSource?.cancel() });
  }

  get scanning(): boolean {
    return this.scanningNow;
  }

  snapshot(): InventorySnapshot {
    const items: InventoryItem[] = [];
    const errors: InventoryError[] = [];
    for (const result of this.files.values()) {
      items.push(...result.items);
      errors.push(...result.errors);
    }
    return { items, errors, scanning: this.scanningNow };
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

  /** Starts watching and runs the first full scan. */
  start(): Promise<void> {
    this.watch();
    return this.refresh();
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
    const started = Date.now();
    try {
      await vscode.window.withProgress(
        { location: { viewId: 'mtlsRotation.inventory' }, title: 'Scanning certificates' },
        async () => {
          // Each folder by its own include and exclude settings.
          const uris: vscode.Uri[] = [];
          for (const folder of this.settings.folders) {
            const pattern = new vscode.RelativePattern(vscode.Uri.parse(folder.folder), folder.include);
            uris.push(...(await vscode.workspace.findFiles(pattern, folder.exclude || undefined, undefined, token)));
            if (token.isCancellationRequested) return;
          }
          if (token.isCancellationRequested) return;
          const seen = new Set(uris.map((uri) => uri.toString()));
          for (const key of [...this.files.keys()]) {
            if (!seen.has(key)) this.files.delete(key);
          }
          await this.scanLocal(
            uris.filter((uri) => uri.scheme === 'file'),
            token,
          );
          const remote = uris.filter((uri) => uri.scheme !== 'file');
          for (let i = 0; i < remote.length; i += BATCH_SIZE) {
            if (token.isCancellationRequested) return;
            const batch = remote.slice(i, i + BATCH_SIZE);
            const results = await Promise.all(batch.map((uri) => this.readFile(uri)));
            results.forEach((result, j) => this.files.set(batch[j].toString(), result));
            this.changed.fire();
            // Let the extension host serve other work between batches.
            await new Promise((resolve) => setImmediate(resolve));
          }
          this.log.info(`Inventory: ${uris.length} files read in ${Date.now() - started} ms`);
        },
      );
    } finally {
      if (!token.isCancellationRequested) this.setScanning(false);
    }
  }

  /** Local files go through the core's scan: a pool of readers with their own buffers, results as they come. */
  private async scanLocal(uris: vscode.Uri[], token: vscode.CancellationToken): Promise<void> {
    if (uris.length === 0) return;
    const keys = new Map(uris.map((uri) => [uri.fsPath, uri.toString()]));
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      await scanInventory([...keys.keys()], {
        maxFileBytes: this.settings.maxFileBytes,
        signal: abort.signal,
        onItems: (batch) => {
          // A file's items and errors always arrive in one batch, so each file's entry is replaced whole.
          const byFile = new Map<string, InventoryResult>();
          const entry = (path: string) => byFile.get(path) ?? byFile.set(path, { items: [], errors: [] }).get(path)!;
          for (const item of batch.items) entry(item.path).items.push(item);
          for (const error of batch.errors) entry(error.path).errors.push(error);
          for (const [path, result] of byFile)
            this.files.set(keys.get(path) ?? vscode.Uri.file(path).toString(), result);
          this.changed.fire();
        },
      });
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      cancelled.dispose();
    }
  }

  private setScanning(value: boolean): void {
    this.scanningNow = value;
    void runCommand(BUILT_IN_COMMAND_IDS.setContext, 'mtlsRotation.scanning', value);
    this.changed.fire();
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
    this.delayer.trigger('events', () => void this.flushEvents());
  }

  private async flushEvents(): Promise<void> {
    const events = [...this.pendingEvents.values()];
    this.pendingEvents.clear();
    let changed = false;
    const deletedFolders: string[] = [];
    for (const { uri, deleted } of events) {
      const key = uri.toString();
      if (deleted) {
        if (this.files.delete(key)) changed = true;
        else deletedFolders.push(key + '/');
        continue;
      }
      this.files.set(key, await this.readFile(uri));
      changed = true;
    }
    if (deletedFolders.length > 0) {
      // A deleted folder takes every file below it: one pass over the inventory for the whole burst.
      for (const key of [...this.files.keys()]) {
        if (deletedFolders.some((folder) => key.startsWith(folder))) changed = this.files.delete(key) || changed;
      }
    }
    if (changed) this.changed.fire();
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
