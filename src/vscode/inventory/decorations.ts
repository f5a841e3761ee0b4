import * as vscode from 'vscode';
import { describeExpiry } from '../../core/expiry';
import { commonName } from '../../core/x509/formatName';
import { Disposable } from '../disposable';
import { expiryColor, isDueOrExpired } from './expiryTheme';
import { InventoryModel, InventoryTree } from './inventoryTree';

interface Badge {
  uri: vscode.Uri;
  badge: string;
  tooltip: string;
  color: string;
  decoration: vscode.FileDecoration;
}

/** Puts the expiry badge on due and expired certificate files in the Explorer and in editors' tabs. */
export class ExpiryDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;
  /** By file path: a rebuild compares strings, and makes URIs only for the files whose badge changed. */
  private badges = new Map<string, Badge>();
  /** By URI, as VS Code asks. */
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
    const next = new Map<string, Badge>();
    const changed: vscode.Uri[] = [];
    // A bundle takes the badge of its most urgent certificate (the list is soonest-expiry first).
    for (const { certificate, expiry } of model.certificates) {
      if (!isDueOrExpired(expiry.status) || next.has(certificate.path)) continue;
      const badge = expiry.status === 'expired' ? '!' : String(Math.min(expiry.daysLeft, 99));
      const tooltip = `${commonName(certificate.subject) ?? 'certificate'}: ${describeExpiry(expiry)}`;
      const color = expiryColor(expiry.status);
      const before = this.badges.get(certificate.path);
      if (before && before.badge === badge && before.tooltip === tooltip && before.color === color) {
        next.set(certificate.path, before);
        continue;
      }
      const uri = before?.uri ?? vscode.Uri.file(certificate.path);
      const decoration = new vscode.FileDecoration(badge, tooltip, new vscode.ThemeColor(color));
      next.set(certificate.path, { uri, badge, tooltip, color, decoration });
      this.decorations.set(uri.toString(), decoration);
      changed.push(uri);
    }
    // Only files whose badge changed: a rebuild of 10,000 unchanged files must not repaint the Explorer.
    for (const [file, before] of this.badges) {
      if (next.has(file)) continue;
      this.decorations.delete(before.uri.toString());
      changed.push(before.uri);
    }
    this.badges = next;
    if (changed.length > 0) this.changed.fire(changed);
  }
}
