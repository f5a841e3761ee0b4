import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { Log } from '../log';
import { onSettingsChanged, readSettings, Settings } from '../settings';
import { CertificateDocuments } from './certificateDocuments';
import { CertificateStore } from './certificateStore';
import { ExpiryDecorations } from './decorations';
import { isDueOrExpired } from './expiryTheme';
import { registerInventoryCommands } from './inventoryCommands';
import { InventoryTree } from './inventoryTree';
import { ExpiryStatusBar } from './statusBar';

const HOUR_MS = 3_600_000;

/** The inventory feature: store, tree view, view badge, Explorer decorations, status bar and commands. */
export class InventoryView extends Disposable {
  readonly store: CertificateStore;
  readonly tree: InventoryTree;
  readonly treeView: vscode.TreeView<unknown>;
  readonly decorations: ExpiryDecorations;
  readonly statusBar: ExpiryStatusBar;
  /** Decoded, read-only views of certificates: what a click on a certificate opens. */
  readonly certificateDocuments: CertificateDocuments;

  constructor(settings: Settings, log: Log) {
    super();
    this.store = this.register(new CertificateStore(settings, log));
    this.tree = this.register(
      new InventoryTree(this.store, settings.reminderDays, () => new Date(), settings.inventoryGroupBy),
    );
    this.treeView = this.register(
      vscode.window.createTreeView('mtlsRotation.inventory', { treeDataProvider: this.tree, showCollapseAll: true }),
    );
    this.decorations = this.register(new ExpiryDecorations(this.tree));
    this.statusBar = this.register(new ExpiryStatusBar(this.tree, settings.statusBarEnabled));
    this.register(
      this.tree.onDidChangeModel((model) => {
        let due = 0;
        for (const { expiry } of model.certificates) if (isDueOrExpired(expiry.status)) due++;
        // Each assignment is a message to the workbench: none when the count is what it was.
        if (due === (this.treeView.badge?.value ?? 0)) return;
        this.treeView.badge =
          due > 0
            ? { value: due, tooltip: `${due} certificate${due === 1 ? ' is' : 's are'} due for rotation or expired` }
            : undefined;
      }),
    );
    for (const command of registerInventoryCommands(log, this.store)) this.register(command);
    this.certificateDocuments = this.register(new CertificateDocuments(log, this.store, readSettings));
    this.register(
      onSettingsChanged((next) => {
        this.store.updateSettings(next);
        this.tree.setGrouping(next.inventoryGroupBy);
        this.tree.setThresholds(next.reminderDays);
        this.statusBar.setEnabled(next.statusBarEnabled, this.tree.model);
      }),
    );
    // Days left change at midnight without any file changing.
    const timer = setInterval(() => this.tree.rebuild(), HOUR_MS);
    this.register({ dispose: () => clearInterval(timer) });
  }

  start(): Promise<void> {
    return this.store.start();
  }
}
