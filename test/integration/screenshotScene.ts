import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';
import { EXTENSION_ID } from './testHelpers';

/** Sets up what the README's screenshot shows: the inventory, wide enough to read, with a rotation in progress expanded. */
export async function prepareScreenshotScene(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('mtlsRotation.showInventory');
  const api = vscode.extensions.getExtension<MtlsRotationApi>(EXTENSION_ID)?.exports;
  if (!api) return;
  const tree = api.inventory.tree;
  const node = tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path.endsWith('program-a.crt'));
  if (node) await api.inventory.treeView.reveal(node, { expand: true, select: true, focus: true });
  // The size commands act on the focused part, which is now the side bar.
  for (let i = 0; i < 5; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize');
  console.log(`screenshot scene: ${vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0)} tabs open`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
