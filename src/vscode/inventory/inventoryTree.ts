import * as path from 'path';
import * as vscode from 'vscode';
import { describeExpiry, expiryStatus } from '../../core/expiry';
import { commonName, formatName, formatSubjectAltNames } from '../../core/x509/formatName';
import { CertificateInfo, ExpiryInfo } from '../../core/model';
import {
  buildInventoryModel,
  InventoryBucket,
  InventoryModel,
  InventoryNode,
  TestCallSummary,
} from '../../core/inventory/buildInventoryModel';
import { readableDate } from '../../core/text/readableDate';
import { describeReplacement, ReplacedCertificates } from '../../core/rotation/replacedCertificates';
import { withStoreGroups } from '../../core/inventory/withStoreGroups';
import {
  countItems,
  groupInventory,
  InventoryGrouping,
  itemsOf,
  placedChildren,
} from '../../core/inventory/groupInventory';
import { CertificateGroup } from '../../core/inventory/pairing';
import { StoreGroupState } from '../../core/stores/storeNode';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { CertificateStore } from './certificateStore';
import { expiryColor, expiryIcon } from './expiryTheme';
import { COMMAND_IDS } from '../commandIds';
import { storeEntryTooltip, storeNodeId, storeNodeTooltip, storeTreeItem } from '../stores/storeTreeItems';

const REBUILD_INTERVAL_MS = 300;
/** Test calls listed under a certificate; the full history stays in the reports. */
const TEST_CALLS_SHOWN = 5;

export type { InventoryModel, InventoryNode } from '../../core/inventory/buildInventoryModel';

export class InventoryTree extends Disposable implements vscode.TreeDataProvider<InventoryNode> {
  private readonly changed = this.register(new vscode.EventEmitter<InventoryNode | undefined>());
  private readonly delayer = this.register(new KeyedDelayer<'rebuild'>(REBUILD_INTERVAL_MS));
  readonly onDidChangeTreeData = this.changed.event;
  private current: InventoryModel = { roots: [], certificates: [], caCertificates: [], replaced: [], errors: [] };
  // Children of certificates are made on demand, so their parents are remembered as they are handed out.
  private parents = new WeakMap<InventoryNode, InventoryNode>();
  // The parents of what the model placed in groups and sections: indexed when TreeView.reveal first asks.
  private placedParents: Map<InventoryNode, InventoryNode> | undefined;
  private readonly modelChanged = this.register(new vscode.EventEmitter<InventoryModel>());
  readonly onDidChangeModel = this.modelChanged.event;
  /** Files and errors in the store at the last rebuild: how long the view is before grouping. */
  private size = 0;

  constructor(
    private readonly store: CertificateStore,
    private thresholds: number[],
    private readonly now: () => Date = () => new Date(),
    private groupBy: InventoryGrouping = 'auto',
  ) {
    super();
    this.register(store.onDidChange(() => this.scheduleRebuild()));
  }

  /** Always current: a rebuild that is still waiting for its turn is done now. */
  get model(): InventoryModel {
    this.delayer.flush('rebuild');
    return this.current;
  }

  private testCalls: (certificate: CertificateInfo) => readonly TestCallSummary[] = () => [];

  /** The test calls made with each certificate (oldest first, as recorded): the newest few become its children. */
  setTestCallHistory(history: (certificate: CertificateInfo) => readonly TestCallSummary[]): void {
    this.testCalls = history;
    this.rebuild();
  }

  private recentTestCalls(node: InventoryNode): InventoryNode[] {
    if (node.type !== 'certificate' || node.role === 'related') return [];
    const calls = this.testCalls(node.certificate);
    if (calls.length === 0) return [];
    const parentId = nodeId(node);
    return calls
      .slice(-TEST_CALLS_SHOWN)
      .reverse()
      .map((call): InventoryNode => ({ type: 'test-call', parentId, call }));
  }

  private renewalLink: (csrPath: string) => CertificateInfo | undefined = () => undefined;
  private annotate: (certificate: CertificateInfo) => string | undefined = () => undefined;

  /** Adds a note to certificate items, such as the last test call's outcome. */
  setCertificateNotes(annotate: (certificate: CertificateInfo) => string | undefined): void {
    this.annotate = annotate;
    this.rebuild();
  }

  /** Where the user linked a CSR to the certificate it renews (see RenewalRequests). */
  setRenewalLinks(lookup: (csrPath: string) => CertificateInfo | undefined): void {
    this.renewalLink = lookup;
    this.rebuild();
  }

  private replaced: ReplacedCertificates = new Map();

  /** The certificates completed rotations replaced: shown as such, and no longer due. */
  setReplaced(replaced: ReplacedCertificates): void {
    this.replaced = replaced;
    this.rebuild();
  }

  private storeGroups: () => StoreGroupState[] = () => [];

  /** The configured secrets stores, as last listed: a group each, below the workspace's files. */
  setStoreGroups(groups: () => StoreGroupState[]): void {
    this.storeGroups = groups;
    this.rebuild();
  }

  setThresholds(thresholds: number[]): void {
    this.thresholds = thresholds;
    this.rebuild();
  }

  /** `mtlsRotation.inventory.groupBy`: rebuilds only when it changed (settings events come for any setting). */
  setGrouping(groupBy: InventoryGrouping): void {
    if (groupBy === this.groupBy) return;
    this.groupBy = groupBy;
    this.rebuild();
  }

  private lastRebuild = 0;

  /**
   * While a scan streams batches in, rebuild at most every REBUILD_INTERVAL_MS: the first items show at once,
   * and a scan of 10,000 files does not rebuild the model for every batch.
   */
  private scheduleRebuild(): void {
    if (this.delayer.isPending('rebuild')) return;
    // Larger inventories rebuild less often: pairing and sorting grow with the number of files.
    const interval = Math.max(REBUILD_INTERVAL_MS, this.size / 20);
    const wait = Math.max(0, this.lastRebuild + interval - Date.now());
    this.delayer.triggerIfIdle('rebuild', () => this.rebuild(), wait);
  }

  /** Recomputes badges and order; also called on a timer so "days left" stays true across midnight. */
  rebuild(): void {
    this.lastRebuild = Date.now();
    const snapshot = this.store.snapshot();
    this.size = snapshot.items.length + snapshot.errors.length;
    const now = this.now();
    const model = buildInventoryModel(
      snapshot.items,
      snapshot.errors,
      now,
      this.thresholds,
      this.renewalLink,
      this.replaced,
    );
    this.current = groupInventory(withStoreGroups(model, this.storeGroups(), now, this.thresholds), {
      groupBy: this.groupBy,
      thresholds: this.thresholds,
      folders: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath),
    });
    this.placedParents = undefined;
    this.changed.fire(undefined);
    this.modelChanged.fire(this.current);
  }

  /**
   * The current node of a certificate in the workspace, wherever the view placed it (at the root, in a section,
   * in the CA group): what TreeView.reveal takes.
   */
  certificateNode(file: string, index = 0): InventoryNode | undefined {
    const find = (nodes: readonly InventoryNode[]): InventoryNode | undefined => {
      for (const node of nodes) {
        if (node.type === 'certificate' && node.certificate.path === file && node.certificate.index === index)
          return node;
        if (node.type === 'bucket' || node.type === 'group') {
          const found = find(node.children);
          if (found) return found;
        }
      }
      return undefined;
    };
    return find(this.model.roots);
  }

  getChildren(node?: InventoryNode): InventoryNode[] {
    if (!node) void this.model;
    const children = this.childrenOf(node);
    // What the model placed in groups has its parent in the index; the rest is made here, for this parent.
    if (node && node.type !== 'bucket' && node.type !== 'group' && node.type !== 'store')
      for (const child of children) this.parents.set(child, node);
    return children;
  }

  private childrenOf(node?: InventoryNode): InventoryNode[] {
    if (!node) return this.current.roots;
    if (node.type === 'group' || node.type === 'bucket' || node.type === 'store') return node.children;
    if (node.type === 'certificate' && node.group && node.role !== 'related') {
      const parentId = nodeId(node);
      const group = node.group;
      const now = this.now();
      return [
        ...group.keys.map((key): InventoryNode => ({ type: 'key', key, parentId })),
        ...group.csrs.map((csr): InventoryNode => ({ type: 'csr', csr, parentId, role: 'same-key' })),
        ...group.renewalCsrs.map((csr): InventoryNode => ({ type: 'csr', csr, parentId, role: 'renewal' })),
        ...group.renewalKeys.map((key): InventoryNode => ({ type: 'key', key, parentId, role: 'renewal' })),
        ...group.related.map((certificate): InventoryNode => ({
          type: 'certificate',
          certificate,
          expiry: expiryStatus(certificate.notAfter, now, this.thresholds),
          role: 'related',
          parentId,
        })),
        ...this.recentTestCalls(node),
      ];
    }
    return this.recentTestCalls(node);
  }

  getParent(node: InventoryNode): InventoryNode | undefined {
    const made = this.parents.get(node);
    if (made) return made;
    if (!this.placedParents) {
      const index = new Map<InventoryNode, InventoryNode>();
      const walk = (parent: InventoryNode) => {
        for (const child of placedChildren(parent)) {
          index.set(child, parent);
          walk(child);
        }
      };
      for (const root of this.current.roots) walk(root);
      this.placedParents = index;
    }
    return this.placedParents.get(node);
  }

  // The items of certificates, made again only when what they show changed: a rebuild of 10,000 certificates
  // with nothing new re-uses them instead of formatting each one again.
  private readonly certificateItems = new WeakMap<CertificateInfo, { key: string; item: vscode.TreeItem }>();

  getTreeItem(node: InventoryNode): vscode.TreeItem {
    if (node.type === 'certificate' && node.role !== 'related') {
      const note = this.annotate(node.certificate);
      const withCalls = this.testCalls(node.certificate).length > 0;
      const key = [
        node.expiry.status,
        node.expiry.daysLeft,
        node.replacedBy ? describeReplacement(node.replacedBy) : '',
        node.group ? childCount(node.group) : 0,
        withCalls,
        note ?? '',
      ].join('\u0000');
      const cached = this.certificateItems.get(node.certificate);
      if (cached?.key === key) return cached.item;
      const item = this.decorate(node, toTreeItem(node), note, withCalls);
      this.certificateItems.set(node.certificate, { key, item });
      return item;
    }
    const note = node.type === 'store-entry' ? this.annotate(node.certificate) : undefined;
    return this.decorate(node, toTreeItem(node), note, this.recentTestCalls(node).length > 0);
  }

  private decorate(node: InventoryNode, item: vscode.TreeItem, note: string | undefined, withCalls: boolean) {
    // Children are asked for only when expanded: whether there are any is known here from the history.
    if (node.type === 'certificate' && item.collapsibleState === vscode.TreeItemCollapsibleState.None && withCalls)
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    if (note) item.description = `${String(item.description)} · ${note}`;
    return item;
  }

  /** Tooltips are built when hovered, not for each of thousands of items on every refresh. */
  resolveTreeItem(item: vscode.TreeItem, node: InventoryNode): vscode.TreeItem {
    const tooltip = tooltipOf(node);
    const note =
      node.type === 'certificate' || node.type === 'store-entry' ? this.annotate(node.certificate) : undefined;
    if (tooltip && note) tooltip.appendMarkdown(`  \n${note}`);
    if (tooltip) item.tooltip = tooltip;
    return item;
  }
}

function childCount(group: CertificateGroup): number {
  return (
    group.keys.length + group.csrs.length + group.renewalCsrs.length + group.renewalKeys.length + group.related.length
  );
}

export function nodeId(node: InventoryNode): string {
  switch (node.type) {
    case 'certificate':
      // A certificate listed under several others (same subject) is one item under each: its id names the parent.
      return node.role === 'related'
        ? `${node.parentId ?? ''}/related:${node.certificate.path}#${node.certificate.index}`
        : `cert:${node.certificate.path}#${node.certificate.index}`;
    case 'key':
      return `${node.parentId}/key:${node.key.path}#${node.key.index}`;
    case 'csr':
      return `${node.parentId}/csr:${node.csr.path}#${node.csr.index}`;
    case 'pkcs12':
      return `p12:${node.pkcs12.path}`;
    case 'group':
      return `group:${node.group}`;
    case 'bucket':
      return `bucket:${node.id}`;
    case 'error':
      return `error:${node.error.path}`;
    case 'test-call':
      return `${node.parentId}/test-call:${node.call.at}`;
    case 'store':
    case 'store-entry':
    case 'store-error':
      return storeNodeId(node);
  }
}

function fileName(file: string): string {
  return path.basename(file);
}

function toTreeItem(node: InventoryNode): vscode.TreeItem {
  const id = nodeId(node);
  switch (node.type) {
    case 'store':
    case 'store-entry':
    case 'store-error':
      return storeTreeItem(node);
    case 'certificate': {
      const { certificate, expiry } = node;
      const hasChildren = node.role !== 'related' && !!node.group && childCount(node.group) > 0;
      const label = commonName(certificate.subject) ?? fileName(certificate.path);
      const item = new vscode.TreeItem(
        node.role === 'related' ? `${label} (same subject)` : label,
        hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = id;
      const state = node.replacedBy ? describeReplacement(node.replacedBy) : describeExpiry(expiry);
      item.description = `${state} · ${fileName(certificate.path)}${certificate.index > 0 ? ` [${certificate.index + 1}]` : ''}`;
      item.iconPath = node.replacedBy
        ? new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'))
        : new vscode.ThemeIcon(expiryIcon(expiry.status), new vscode.ThemeColor(expiryColor(expiry.status)));
      item.contextValue = `certificate.${node.replacedBy ? 'replaced' : expiry.status}${certificate.isCA ? '.ca' : ''}`;
      item.resourceUri = vscode.Uri.file(certificate.path);
      // A click shows the certificate decoded; "Open File" in the context menu still opens the PEM.
      item.command = {
        command: COMMAND_IDS.showCertificate,
        title: 'Show Decoded Certificate',
        arguments: [{ type: 'certificate', certificate }],
      };
      item.accessibilityInformation = {
        label: `Certificate ${label}, ${state}, file ${fileName(certificate.path)}`,
      };
      return item;
    }
    case 'key': {
      const { key } = node;
      const item = new vscode.TreeItem(fileName(key.path), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      const what = node.role === 'renewal' ? 'new private key' : 'private key';
      item.description = key.encrypted
        ? `${what} · encrypted`
        : `${what} · ${key.keyType ?? 'unknown'}${key.keyBits ? ` ${key.keyBits}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('key');
      item.contextValue = 'key';
      item.resourceUri = vscode.Uri.file(key.path);
      item.command = openCommand(key.path, key.line);
      return item;
    }
    case 'csr': {
      const { csr } = node;
      const item = new vscode.TreeItem(fileName(csr.path), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      const role = node.role === 'renewal' ? 'renewal CSR (new key)' : 'CSR';
      item.description = `${role} · ${commonName(csr.subject) ?? 'no subject'}${csr.signatureValid ? '' : ' · signature invalid'}`;
      item.iconPath = new vscode.ThemeIcon('git-pull-request-draft');
      item.contextValue = 'csr';
      item.resourceUri = vscode.Uri.file(csr.path);
      item.command = openCommand(csr.path, csr.line);
      return item;
    }
    case 'pkcs12': {
      const { pkcs12 } = node;
      const item = new vscode.TreeItem(fileName(pkcs12.path), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      item.description = pkcs12.encrypted
        ? 'PKCS#12 · password-protected'
        : `PKCS#12 · ${pkcs12.certificates.length} certificate(s), ${pkcs12.keyCount} key(s)`;
      item.iconPath = new vscode.ThemeIcon('package');
      item.contextValue = 'pkcs12';
      item.resourceUri = vscode.Uri.file(pkcs12.path);
      return item;
    }
    case 'group': {
      // The provider's chain rarely needs a look: folded, with its expired or due certificates counted in the line.
      const item = new vscode.TreeItem(
        node.label,
        node.group === 'ca' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = id;
      item.description = node.group === 'ca' ? caGroupDescription(itemsOf(node)) : `${countItems(node)}`;
      item.iconPath = new vscode.ThemeIcon(
        node.group === 'unreadable' ? 'warning' : node.group === 'ca' ? 'shield' : 'folder-library',
      );
      item.contextValue = `group.${node.group}`;
      if (node.group === 'ca')
        item.tooltip =
          "CA certificates (issuers such as the provider's chain): shown with their expiry, but not counted in the view badge, the status bar or the reminders, which are for the client certificates you rotate.";
      return item;
    }
    case 'bucket':
      return bucketItem(node, id);
    case 'test-call': {
      const { call } = node;
      const result = `${call.outcome}${call.status ? ` ${call.status}` : ''}`;
      const item = new vscode.TreeItem(`Test call: ${result}`, vscode.TreeItemCollapsibleState.None);
      item.id = id;
      const when = readableDate(call.at, new Date(), { withTime: true });
      item.description = `${call.environment} · ${when.text}`;
      item.iconPath =
        call.outcome === 'ok'
          ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
          : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
      item.contextValue = `test-call.${call.outcome}`;
      item.tooltip = `Test call to ${call.environment} on ${when.text} (${when.iso}): ${result}. Click to open its report.`;
      const argument: { fingerprint: string; at: string } = { fingerprint: call.certificateFingerprint, at: call.at };
      item.command = { command: COMMAND_IDS.showTestCallReport, title: 'Show Test Call Report', arguments: [argument] };
      item.accessibilityInformation = {
        label: `Test call to ${call.environment}, ${result}, ${when.text}`,
      };
      return item;
    }
    case 'error': {
      const { error } = node;
      const item = new vscode.TreeItem(fileName(error.path), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      item.description = error.message;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = 'error';
      item.resourceUri = vscode.Uri.file(error.path);
      item.command = openCommand(error.path, 1);
      return item;
    }
  }
}

function bucketItem(node: InventoryBucket, id: string): vscode.TreeItem {
  const count = `${node.count} ${node.count === 1 ? 'item' : 'items'}`;
  const item = new vscode.TreeItem(
    `${node.label} (${node.count})`,
    node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = id;
  const { status } = node;
  item.iconPath =
    node.by === 'folder' || status === undefined
      ? vscode.ThemeIcon.Folder
      : status === 'replaced'
        ? new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'))
        : status === 'pkcs12'
          ? new vscode.ThemeIcon('package')
          : new vscode.ThemeIcon(expiryIcon(status), new vscode.ThemeColor(expiryColor(status)));
  item.contextValue = `bucket.${node.by}`;
  item.accessibilityInformation = {
    label: node.by === 'folder' ? `Folder ${node.label}, ${count}` : `${node.label}, ${count}`,
  };
  return item;
}

function caGroupDescription(children: InventoryNode[]): string {
  const statuses = children.flatMap((c) => (c.type === 'certificate' ? [c.expiry.status] : []));
  const expired = statuses.filter((s) => s === 'expired').length;
  const due = statuses.filter((s) => s !== 'expired' && s !== 'ok').length;
  return [`${children.length}`, ...(expired ? [`${expired} expired`] : []), ...(due ? [`${due} due`] : [])].join(' · ');
}

function tooltipOf(node: InventoryNode): vscode.MarkdownString | undefined {
  switch (node.type) {
    case 'certificate': {
      const tooltip = certificateTooltip(node.certificate, node.expiry);
      if (node.replacedBy)
        tooltip.appendMarkdown(
          `  \n\n**${describeReplacement(node.replacedBy)}** on ${node.replacedBy.at.slice(0, 10)}: no longer due; remove its file when no service needs it.`,
        );
      return tooltip;
    }
    case 'key': {
      const { key } = node;
      return markdown([
        `**Private key** \`${key.path}\``,
        '',
        `Format: ${key.format}${key.encrypted ? ' (encrypted: cannot be paired without its passphrase)' : ''}`,
        key.keyType
          ? `Key: ${key.keyType}${key.keyBits ? ` ${key.keyBits} bits` : ''}${key.curve ? ` (${key.curve})` : ''}`
          : '',
        key.publicKeySha256 ? `Public key SHA-256: \`${key.publicKeySha256}\`` : '',
      ]);
    }
    case 'csr': {
      const { csr } = node;
      return markdown([
        `**Certificate signing request** \`${csr.path}\``,
        '',
        `Subject: ${formatName(csr.subject) || '(empty)'}`,
        `SANs: ${formatSubjectAltNames(csr.subjectAltNames) || '(none)'}`,
        `Key: ${csr.keyType}${csr.keyBits ? ` ${csr.keyBits} bits` : ''}`,
        `Signature: ${csr.signatureAlgorithm}, ${csr.signatureValid ? 'valid' : '**invalid**'}`,
        `Public key SHA-256: \`${csr.publicKeySha256}\``,
      ]);
    }
    case 'pkcs12':
      return markdown([`**PKCS#12** \`${node.pkcs12.path}\``]);
    case 'error':
      return markdown([`**Unreadable** \`${node.error.path}\``, '', `${node.error.message} (${node.error.code})`]);
    case 'store-entry':
      return storeEntryTooltip(node, certificateTooltip(node.certificate, node.expiry));
    case 'store':
    case 'store-error':
      return storeNodeTooltip(node);
    default:
      return undefined;
  }
}

function openCommand(file: string, line: number): vscode.Command {
  return { command: COMMAND_IDS.openFile, title: 'Open File', arguments: [{ path: file, line }] };
}

function markdown(lines: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(lines.filter((line, i) => line !== '' || i === 1).join('  \n'));
  md.supportThemeIcons = true;
  return md;
}

function certificateTooltip(certificate: CertificateInfo, expiry: ExpiryInfo): vscode.MarkdownString {
  return markdown([
    `$(${expiryIcon(expiry.status)}) **${commonName(certificate.subject) ?? 'Certificate'}**: ${describeExpiry(expiry)}`,
    '',
    `Subject: ${formatName(certificate.subject)}`,
    `Issuer: ${formatName(certificate.issuer)}`,
    `SANs: ${formatSubjectAltNames(certificate.subjectAltNames) || '(none)'}`,
    `Valid: ${certificate.notBefore} → ${certificate.notAfter}`,
    `Serial: \`${certificate.serialNumber}\``,
    `SHA-256: \`${certificate.fingerprintSha256}\``,
    `Key: ${certificate.keyType}${certificate.keyBits ? ` ${certificate.keyBits} bits` : ''}${certificate.curve ? ` (${certificate.curve})` : ''}`,
    `File: \`${certificate.path}\`${certificate.index > 0 ? ` (certificate ${certificate.index + 1} of the bundle)` : ''}`,
  ]);
}
