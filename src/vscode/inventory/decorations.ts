import * as vscode from 'vscode';
import { describeExpiry } from '../../core/expiry';
import { commonName } from '../../core/x509/formatName';
import { Disposable } from '../disposable';
import { expiryColor, isDueOrExpired } from './expiryTheme';
import { InventoryModel, InventoryTree } from './inventoryTree';

/** Puts the expiry badge on due and expired certificate files in the Explorer and in editors' tabs. */
export class ExpiryDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;
  private decorations = new Map<string, vscode.FileDecoration>();

  constructor(tree: InventoryTree) {
    super();
    this.register(tree.onDidChangeModel((model) => this.update(model)));
    this.register(vscode.window.registerFileDecorationProvider(this));
    this.update(tree.model);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return this.decorations.get(uri.toString());
  }

  /** For tests and the status bar: the decoration of one file, as VS Code would be given it. */
  decorationFor(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return this.decorations.get(uri.toString());
  }

  private update(model: InventoryModel): void {
    const next = new Map<string, vscode.FileDecoration>();
    // A bundle takes the badge of its most urgent certificate (the list is soonest-expiry first).
    for (const { certificate, expiry } of model.certificates) {
      if (!isDueOrExpired(expiry.status)) continue;
      const key = vscode.Uri.file(certificate.path).toString();
      if (next.has(key)) continue;
      const badge = expiry.status === 'expired' ? '!' : String(Math.min(expiry.daysLeft, 99));
      const decoration = new vscode.FileDecoration(
        badge,
        `${commonName(certificate.subject) ?? 'certificate'}: ${describeExpiry(expiry)}`,
        new vscode.ThemeColor(expiryColor(expiry.status)),
      );
      next.set(key, decoration);
    }
    // Only files whose badge changed: a rebuild of 10,000 unchanged files must not repaint the Explorer.
    const changed = [...new Set([...this.decorations.keys(), ...next.keys()])].filter((key) => {
      const before = this.decorations.get(key);
      const after = next.get(key);
      return (
        before?.badge !== after?.badge ||
        before?.tooltip !== after?.tooltip ||
        (before?.color as vscode.ThemeColor | undefined)?.id !== (after?.color as vscode.ThemeColor | undefined)?.id
      );
    });
    this.decorations = next;
    if (changed.length > 0) this.changed.fire(changed.map((key) => vscode.Uri.parse(key)));
  }
}
