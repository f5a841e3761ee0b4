import * as vscode from 'vscode';
import { describeExpiry } from '../../core/expiry';
import { commonName } from '../../core/x509/formatName';
import { Disposable } from '../disposable';
import { InventoryModel, InventoryTree } from './inventoryTree';
import { COMMAND_IDS } from '../commandIds';

/** Shows the soonest expiry among the workspace's leaf certificates; a click opens the inventory. */
export class ExpiryStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('mtlsRotation.expiry', vscode.StatusBarAlignment.Left, 50),
  );
  private enabled: boolean;
  /** What the item shows: each property set is a message to the workbench, so nothing is set when it is the same. */
  private shown: string | undefined;

  constructor(tree: InventoryTree, enabled: boolean) {
    super();
    this.enabled = enabled;
    this.item.name = 'mTLS certificate expiry';
    this.item.command = COMMAND_IDS.showInventory;
    this.register(tree.onDidChangeModel((model) => this.update(model)));
    this.update(tree.model);
  }

  get text(): string {
    return this.item.text;
  }

  setEnabled(enabled: boolean, model: InventoryModel): void {
    this.enabled = enabled;
    this.update(model);
  }

  private update(model: InventoryModel): void {
    // CA certificates are not in the counted list: the provider's chain would hide the client certificate that matters.
    const soonest = model.certificates[0];
    if (!this.enabled || !soonest) {
      if (this.shown !== '') this.item.hide();
      this.shown = '';
      return;
    }
    const { certificate, expiry } = soonest;
    const name = commonName(certificate.subject) ?? 'certificate';
    const shown = [name, describeExpiry(expiry), expiry.status, certificate.notAfter].join('\u0000');
    if (shown === this.shown) return;
    this.shown = shown;
    const icon = expiry.status === 'expired' ? '$(error)' : expiry.status === 'ok' ? '$(verified)' : '$(warning)';
    this.item.text = `${icon} ${name}: ${describeExpiry(expiry)}`;
    this.item.tooltip = `Soonest certificate expiry in this workspace: ${name} (${certificate.notAfter}). Click to open the inventory.`;
    this.item.backgroundColor =
      expiry.status === 'expired'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : expiry.status === 'ok'
          ? undefined
          : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.accessibilityInformation = { label: `Soonest certificate expiry: ${name}, ${describeExpiry(expiry)}` };
    this.item.show();
  }
}
