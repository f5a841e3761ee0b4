import * as path from 'path';
import { normalizeThresholds } from '../expiry';
import { ExpiryStatus } from '../model';
import { InventoryBucket, InventoryModel, InventoryNode } from './buildInventoryModel';

/** `mtlsRotation.inventory.groupBy`: `auto` groups by status only when the view would otherwise be long. */
export type InventoryGrouping = 'auto' | 'status' | 'folder' | 'none';

export const GROUPINGS: readonly InventoryGrouping[] = ['auto', 'status', 'folder', 'none'];

/**
 * Beyond this many items in one list, the view shows sections instead: the workbench renders a long flat list,
 * but nobody reads past the first screens of it, and each rebuild would send all of it again.
 */
export const GROUPING_THRESHOLD = 200;

export interface GroupingOptions {
  groupBy: InventoryGrouping;
  /** The reminder days, as in the settings: one status section per day, the smallest first. */
  thresholds: readonly number[];
  /** Workspace folders (absolute paths): folder sections are named relative to them. */
  folders: readonly string[];
  threshold?: number;
}

/**
 * The view of a large inventory: the certificates at the root in sections by expiry status (most urgent first,
 * only it open) and, in sections that are themselves long, by folder; or by folder alone. The CA, orphan and
 * unreadable groups and the stores stay where they are, their long lists in folder sections too. A small
 * inventory under `auto` (or any under `none`) comes back as it was.
 */
export function groupInventory(model: InventoryModel, options: GroupingOptions): InventoryModel {
  const limit = options.threshold ?? GROUPING_THRESHOLD;
  if (options.groupBy === 'none') return model;
  const items = model.roots.filter(isItem);
  const mode = options.groupBy === 'auto' ? (items.length > limit ? 'status' : 'none') : options.groupBy;
  const longGroup = (node: InventoryNode) => node.type === 'group' && node.children.length > limit;
  if (mode === 'none' && !model.roots.some(longGroup)) return model;
  const folderOf = folderNamer(options.folders);

  const roots: InventoryNode[] =
    mode === 'none'
      ? []
      : mode === 'status'
        ? byStatus(items, normalizeThresholds(options.thresholds), limit, folderOf)
        : byFolder(items, 'folder', folderOf);
  for (const node of model.roots) {
    if (mode !== 'none' && isItem(node)) continue;
    if (node.type === 'group' && longGroup(node))
      roots.push({ ...node, children: byFolder(node.children, `group:${node.group}/folder`, folderOf) });
    else roots.push(node);
  }
  return { ...model, roots };
}

/** Every node below `node` that groupInventory placed (the on-demand children of certificates are not here). */
export function placedChildren(node: InventoryNode): readonly InventoryNode[] {
  if (node.type === 'bucket' || node.type === 'group' || node.type === 'store') return node.children;
  return [];
}

/** What groupInventory sorts into sections: the workspace's certificates and PKCS#12 files. */
function isItem(node: InventoryNode): boolean {
  return node.type === 'certificate' || node.type === 'pkcs12';
}

type SectionKey = ExpiryStatus | 'replaced' | 'pkcs12';

function byStatus(
  items: InventoryNode[],
  thresholds: number[],
  limit: number,
  folderOf: (file: string) => Folder,
): InventoryBucket[] {
  const order: SectionKey[] = [
    'expired',
    ...thresholds.map((days) => `due-${days}` as ExpiryStatus),
    'ok',
    'replaced',
    'pkcs12',
  ];
  const members = new Map<SectionKey, InventoryNode[]>(order.map((key) => [key, []]));
  for (const node of items) {
    const key: SectionKey =
      node.type === 'pkcs12'
        ? 'pkcs12'
        : node.type === 'certificate'
          ? node.replacedBy
            ? 'replaced'
            : node.expiry.status
          : 'ok';
    // A status a newer threshold list no longer has (the model was built with another one) still shows.
    let list = members.get(key);
    if (!list) {
      list = [];
      members.set(key, list);
      order.push(key);
    }
    list.push(node);
  }
  const sections: InventoryBucket[] = [];
  for (const key of order) {
    const list = members.get(key) ?? [];
    if (list.length === 0) continue;
    const id = `status:${key}`;
    sections.push({
      type: 'bucket',
      id,
      by: 'status',
      label: statusLabel(key),
      status: key,
      // The most urgent section is the one to act on; "Valid" is not urgent, so it stays closed.
      expanded: sections.length === 0 && key !== 'ok' && key !== 'replaced' && key !== 'pkcs12',
      children: list.length > limit ? byFolder(list, `${id}/folder`, folderOf) : list,
      count: list.length,
    });
  }
  return sections;
}

function statusLabel(key: SectionKey): string {
  if (key === 'expired') return 'Expired';
  if (key === 'ok') return 'Valid';
  if (key === 'replaced') return 'Replaced';
  if (key === 'pkcs12') return 'PKCS#12 files';
  return `Due in ${key.slice('due-'.length)} days`;
}

interface Folder {
  /** The absolute directory: the section's identity. */
  dir: string;
  /** Relative to its workspace folder (with the folder's name when there are several). */
  label: string;
  /** In no workspace folder: listed after those that are. */
  outside: boolean;
}

/** Sections per directory, named relative to the workspace, sorted by that name; each keeps its items' order. */
function byFolder(
  nodes: readonly InventoryNode[],
  idPrefix: string,
  folderOf: (file: string) => Folder,
): InventoryNode[] {
  const sections = new Map<string, InventoryBucket>();
  const outside = new Set<InventoryBucket>();
  for (const node of nodes) {
    const file = fileOf(node);
    if (file === undefined) continue;
    const folder = folderOf(path.dirname(file));
    let section = sections.get(folder.dir);
    if (!section) {
      section = {
        type: 'bucket',
        id: `${idPrefix}:${folder.dir}`,
        by: 'folder',
        label: folder.label,
        expanded: false,
        children: [],
        count: 0,
      };
      sections.set(folder.dir, section);
      if (folder.outside) outside.add(section);
    }
    section.children.push(node);
    section.count++;
  }
  const sorted = [...sections.values()].sort(
    (a, b) =>
      Number(outside.has(a)) - Number(outside.has(b)) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1),
  );
  // What has no file (nothing today) stays, after the folders, rather than vanishing from the view.
  return [...sorted, ...nodes.filter((node) => fileOf(node) === undefined)];
}

function fileOf(node: InventoryNode): string | undefined {
  switch (node.type) {
    case 'certificate':
      return node.certificate.path;
    case 'pkcs12':
      return node.pkcs12.path;
    case 'key':
      return node.key.path;
    case 'csr':
      return node.csr.path;
    case 'error':
      return node.error.path;
    default:
      return undefined;
  }
}

function folderNamer(folders: readonly string[]): (dir: string) => Folder {
  const roots = [...folders].sort((a, b) => b.length - a.length);
  const named = new Map<string, Folder>();
  return (dir) => {
    let folder = named.get(dir);
    if (folder) return folder;
    const root = roots.find((r) => dir === r || dir.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    let label = dir;
    const outside = root === undefined;
    if (root !== undefined) {
      const relative = path.relative(root, dir).split(path.sep).join('/');
      const name = path.basename(root);
      label = folders.length > 1 ? (relative ? `${name}/${relative}` : name) : relative || name;
    }
    folder = { dir, label, outside };
    named.set(dir, folder);
    return folder;
  };
}

/** How many items a group or section stands for, counted through the folder sections inside it. */
export function countItems(node: InventoryNode): number {
  if (node.type === 'bucket') return node.count;
  if (node.type === 'group' || node.type === 'store')
    return node.children.reduce((sum, child) => sum + (child.type === 'bucket' ? child.count : 1), 0);
  return 1;
}

/** The items of a group or section, through the folder sections inside it. */
export function itemsOf(node: InventoryNode): InventoryNode[] {
  if (node.type !== 'bucket' && node.type !== 'group') return [];
  return node.children.flatMap((child) => (child.type === 'bucket' ? itemsOf(child) : [child]));
}
