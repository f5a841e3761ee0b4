import * as vscode from 'vscode';
import { InventoryView } from './vscode/inventory/inventoryView';
import { registerGenerateCommands } from './vscode/generate/generateCommands';
import { createLog } from './vscode/log';
import { ConfigLanguage } from './vscode/opensslConfig/configLanguage';
import { ReportDocuments } from './vscode/reportDocuments';
import { readSettings } from './vscode/settings';

/** What activate() returns: the live feature objects, which the integration tests inspect. */
export interface MtlsRotationApi {
  inventory: InventoryView;
  configLanguage: ConfigLanguage;
}

export function activate(context: vscode.ExtensionContext): MtlsRotationApi {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const inventory = new InventoryView(readSettings(), log);
    context.subscriptions.push(inventory);
    void inventory.start().catch((error: unknown) => log.error(`Inventory scan failed: ${String(error)}`));
    const configLanguage = new ConfigLanguage(log);
    const reports = new ReportDocuments();
    context.subscriptions.push(configLanguage, reports);
    context.subscriptions.push(...registerGenerateCommands(log, inventory.store, reports, readSettings));
    return { inventory, configLanguage };
  } catch (error) {
    // Activation failures are otherwise only visible in the developer console.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`mTLS Rotation could not start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    throw error;
  }
}

export function deactivate(): void {}
