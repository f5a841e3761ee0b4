import * as vscode from 'vscode';
import { ConfiguredStore } from '../../core/stores/configuredStores';
import { openStore } from '../../core/stores/openStore';
import { roleOfStage, SecretsStore } from '../../core/stores/secretsStore';
import { describeStoreSpec, StoreSpec } from '../../core/stores/storeSpec';
import { StoreGroupState } from '../../core/stores/storeNode';
import { BUILT_IN_COMMAND_IDS, COMMAND_IDS } from '../commandIds';
import { registerCommand, runCommand } from '../commands';
import { Disposable } from '../disposable';
import { Log } from '../log';
import { onSettingsChanged, Settings } from '../settings';
import type { StoreCertificates } from '../rotation/rotationCommands';
import { describeStoreError } from './describeStoreError';

/** An adapter for a configured store, made once per spec. */
export interface OpenedStore {
  configured: ConfiguredStore;
  store: SecretsStore;
}

/**
 * The configured secrets stores and what each held when last listed. Listing runs with progress in the
 * Certificates view; a store that cannot be listed becomes an error group with its message, never a broken view.
 */
export class StoreInventory extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private groups = new Map<string, StoreGroupState>();
  private opened = new Map<string, { key: string; store: SecretsStore }>();
  private abort: AbortController | undefined;
  private listing: Promise<void> = Promise.resolve();
  private configuredKey = '';
  private shownProblems = '';

  constructor(
    private readonly log: Log,
    private readonly settings: () => Settings,
    private readonly open: (spec: StoreSpec) => SecretsStore = openStore,
  ) {
    super();
    this.register(registerCommand(log, COMMAND_IDS.refreshStores, () => this.refresh()));
    this.register(onSettingsChanged(() => this.configure()));
    this.register({ dispose: () => this.abort?.abort() });
  }

  /** Reads the setting and lists the stores; called at activation and when the setting changes. */
  configure(): Promise<void> {
    const settings = this.settings();
    const problems = settings.storeProblems.join('\n');
    if (problems !== this.shownProblems) {
      this.shownProblems = problems;
      for (const problem of settings.storeProblems) {
        this.log.warn(problem);
        void vscode.window.showWarningMessage(problem);
      }
    }
    const key = JSON.stringify(settings.stores);
    if (key === this.configuredKey) return this.listing;
    this.configuredKey = key;
    void runCommand(BUILT_IN_COMMAND_IDS.setContext, 'mtlsRotation.hasStores', settings.stores.length > 0);
    return this.refresh();
  }

  configured(): ConfiguredStore[] {
    return this.settings().stores;
  }

  /** Every configured store in the setting's order, as last listed. */
  snapshot(): StoreGroupState[] {
    return this.configured().map(
      (c) =>
        this.groups.get(c.name) ?? {
          name: c.name,
          description: describeStoreSpec(c.spec),
          entryErrors: [],
          listing: true,
        },
    );
  }

  /**
   * What each store serves (current and pending) once the listing under way has finished, for the register. Earlier
   * versions a store keeps (AWS never deletes one) were replaced and are recorded as such by their rotation.
   */
  async servedCertificates(): Promise<StoreCertificates[]> {
    await this.whenIdle();
    return this.snapshot().map((group) => ({
      source: `store:${group.name}`,
      certificates: (group.entries ?? [])
        .filter((e) => {
          const role = roleOfStage(e.stage);
          return role === 'current' || role === 'pending';
        })
        .map((e) => e.certificate),
    }));
  }

  group(name: string): StoreGroupState | undefined {
    return this.snapshot().find((g) => g.name === name);
  }

  /** The adapter of a configured store; a name the user's settings do not have is an error that says so. */
  get(name: string): OpenedStore {
    const configured = this.configured().find((c) => c.name === name);
    if (!configured)
      throw new Error(
        `No store named "${name}" in mtlsRotation.stores (your user settings): add it there, or choose another store for the rotation`,
      );
    const key = JSON.stringify(configured.spec);
    const cached = this.opened.get(name);
    if (cached?.key === key) return { configured, store: cached.store };
    const store = this.open(configured.spec);
    this.opened.set(name, { key, store });
    return { configured, store };
  }

  /** Resolves once the listing under way (if any) has finished. */
  whenIdle(): Promise<void> {
    return this.listing;
  }

  /** Lists every configured store again (or the one named), in parallel, with progress in the view. */
  refresh(name?: string): Promise<void> {
    const stores = this.configured().filter((c) => name === undefined || c.name === name);
    const known = new Set(this.configured().map((c) => c.name));
    for (const stale of [...this.groups.keys()]) if (!known.has(stale)) this.groups.delete(stale);
    if (name === undefined) this.abort?.abort();
    const abort = name === undefined ? new AbortController() : new AbortController();
    if (name === undefined) this.abort = abort;
    for (const c of stores) this.setGroup({ ...this.placeholder(c), ...this.groups.get(c.name), listing: true });
    this.changed.fire();
    const run = vscode.window.withProgress(
      { location: { viewId: 'mtlsRotation.inventory' }, title: 'Listing secrets stores' },
      () => Promise.all(stores.map((c) => this.list(c, abort.signal))),
    );
    this.listing = Promise.resolve(this.listing.then(() => run)).then(() => undefined);
    return this.listing;
  }

  private placeholder(c: ConfiguredStore): StoreGroupState {
    return { name: c.name, description: describeStoreSpec(c.spec), entryErrors: [], listing: true };
  }

  private setGroup(group: StoreGroupState): void {
    this.groups.set(group.name, group);
  }

  private async list(c: ConfiguredStore, signal: AbortSignal): Promise<void> {
    const base = this.placeholder(c);
    try {
      const listing = await this.get(c.name).store.list({ signal });
      if (signal.aborted) return;
      this.setGroup({ ...base, listing: false, entries: listing.entries, entryErrors: listing.errors });
      this.log.info(`Store ${c.name}: ${listing.entries.length} certificate(s), ${listing.errors.length} unreadable`);
    } catch (error) {
      if (signal.aborted) return;
      const message = describeStoreError(error, c.name, 'list its certificates', false);
      this.log.warn(message);
      this.setGroup({ ...base, listing: false, entryErrors: [], error: message });
    }
    this.changed.fire();
  }
}
