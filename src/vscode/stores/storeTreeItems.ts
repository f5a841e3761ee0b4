import * as vscode from 'vscode';
import { describeExpiry } from '../../core/expiry';
import { StoreNode } from '../../core/stores/storeNode';
import { commonName } from '../../core/x509/formatName';
import { expiryColor, expiryIcon } from '../inventory/expiryTheme';

/** Stable across refreshes, so an expanded store stays expanded. */
export function storeNodeId(node: StoreNode): string {
  switch (node.type) {
    case 'store':
      return `store:${node.store}`;
    case 'store-entry':
      return `store:${node.store}/${node.entry.id}#${node.entry.stage}`;
    case 'store-error':
      return `store:${node.store}/error:${node.id}`;
  }
}

export function storeTreeItem(node: StoreNode): vscode.TreeItem {
  const id = storeNodeId(node);
  switch (node.type) {
    case 'store': {
      const item = new vscode.TreeItem(node.store, vscode.TreeItemCollapsibleState.Expanded);
      item.id = id;
      const count = node.children.filter((c) => c.type === 'store-entry').length;
      item.description = node.listing
        ? `${node.description} · listing…`
        : node.error
          ? `${node.description} · ${node.error}`
          : `${node.description} · ${count} certificate${count === 1 ? '' : 's'}`;
      item.iconPath = node.error
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : new vscode.ThemeIcon(node.listing ? 'loading~spin' : 'database');
      item.contextValue = `store.${node.error ? 'error' : 'ok'}`;
      return item;
    }
    case 'store-entry': {
      const { entry, expiry } = node;
      const item = new vscode.TreeItem(commonName(entry.certificate.subject) ?? entry.id);
      item.id = id;
      item.description = `${entry.stage} · ${describeExpiry(expiry)}`;
      item.iconPath = new vscode.ThemeIcon(
        expiryIcon(expiry.status),
        new vscode.ThemeColor(expiryColor(expiry.status)),
      );
      item.contextValue = `storeEntry.${entry.stage}.${expiry.status}`;
      item.accessibilityInformation = {
        label: `Certificate ${commonName(entry.certificate.subject) ?? entry.id} in store ${node.store}, ${entry.stage}, ${describeExpiry(expiry)}`,
      };
      return item;
    }
    case 'store-error': {
      const item = new vscode.TreeItem(node.id);
      item.id = id;
      item.description = `${node.stage ? `${node.stage} · ` : ''}${node.message}`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = 'storeError';
      return item;
    }
  }
}

export function storeEntryTooltip(
  node: Extract<StoreNode, { type: 'store-entry' }>,
  certificate: vscode.MarkdownString,
): vscode.MarkdownString {
  const { entry } = node;
  certificate.appendMarkdown(
    `  \n\nIn store **${node.store}** as \`${entry.stage}\`${entry.versionId ? ` (version \`${entry.versionId}\`)` : ''}: \`${entry.certificate.path}\`` +
      (entry.recoverableUntil ? `  \nScheduled for deletion; recoverable until ${entry.recoverableUntil}` : ''),
  );
  return certificate;
}

export function storeNodeTooltip(node: Exclude<StoreNode, { type: 'store-entry' }>): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (node.type === 'store') {
    md.appendMarkdown(`**Secrets store ${node.store}**  \n\`${node.description}\``);
    if (node.error) md.appendMarkdown(`  \n\n$(error) ${node.error}`);
  } else {
    md.appendMarkdown(`**Unreadable entry** \`${node.id}\` in store ${node.store}  \n\n${node.message}`);
  }
  md.supportThemeIcons = true;
  return md;
}
