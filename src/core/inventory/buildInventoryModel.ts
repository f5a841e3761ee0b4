import { expiryStatus, normalizeThresholds } from '../expiry';
import {
  CertificateInfo,
  CsrInfo,
  ExpiryInfo,
  ExpiryStatus,
  InventoryError,
  InventoryItem,
  PrivateKeyInfo,
  Pkcs12Info,
} from '../model';
import { ReplacedCertificates, Replacement, replacementOf } from '../rotation/replacedCertificates';
import { StoreNode } from '../stores/storeNode';
import { CertificateGroup, pairInventory } from './pairing';

export type InventoryNode =
  | {
      type: 'certificate';
      certificate: CertificateInfo;
      expiry: ExpiryInfo;
      group?: CertificateGroup;
      role?: 'related';
      /** For a related certificate: the id of the certificate it is listed under (one item under each). */
      parentId?: string;
      /** A completed rotation (or the register) replaced it: shown until its file goes, never due. */
      replacedBy?: Replacement;
    }
  | { type: 'key'; key: PrivateKeyInfo; parentId: string; role?: 'renewal' }
  | { type: 'csr'; csr: CsrInfo; parentId: string; role: 'same-key' | 'renewal' | 'orphan' }
  | { type: 'pkcs12'; pkcs12: Pkcs12Info }
  | { type: 'group'; group: 'ca' | 'orphans' | 'unreadable'; label: string; children: InventoryNode[] }
  | InventoryBucket
  | { type: 'error'; error: InventoryError }
  | { type: 'test-call'; parentId: string; call: TestCallSummary }
  | StoreNode;

/**
 * A section of a large inventory (see groupInventory): certificates of one expiry status, or of one folder. Its
 * `id` names it by what it holds, never by its size, so the workbench keeps it open or closed across rebuilds.
 */
export interface InventoryBucket {
  type: 'bucket';
  id: string;
  by: 'status' | 'folder';
  /** What the section holds, without its count (the adapter adds it). */
  label: string;
  /** For status sections: what they hold, so the adapter can give them the items' icon and colour. */
  status?: ExpiryStatus | 'replaced' | 'pkcs12';
  /** Open at first: the most urgent status only; the user's choice wins from then on. */
  expanded: boolean;
  children: InventoryNode[];
  /** Items below it, sections inside counted through. */
  count: number;
}

/** One test call made with a certificate, as the tree lists it below that certificate (newest first). */
export interface TestCallSummary {
  /** ISO 8601: with the fingerprint, names the call (the report command's argument). */
  at: string;
  certificateFingerprint: string;
  environment: string;
  outcome: string;
  status?: number;
}

export interface InventoryModel {
  roots: InventoryNode[];
  /**
   * The certificates that count, soonest expiry first: badges, the status bar, decorations and reminders read
   * this list, so a replaced certificate is left out here, once, rather than by each of them.
   */
  certificates: Array<{ certificate: CertificateInfo; expiry: ExpiryInfo }>;
  /**
   * CA certificates (the provider's chain, a test CA), soonest expiry first: shown with their expiry in a group of
   * their own, but not counted with the client certificates above, since a client-certificate rotation does not
   * renew them and a root valid for years would otherwise sit among the leaves.
   */
  caCertificates: Array<{ certificate: CertificateInfo; expiry: ExpiryInfo }>;
  /** Replaced certificates still in the workspace, with what replaced them. */
  replaced: Array<{ certificate: CertificateInfo; expiry: ExpiryInfo; replacedBy: Replacement }>;
  errors: InventoryError[];
}

/**
 * Turns the store's items into the tree: client certificates soonest-expiry first, their key, CSRs and relatives
 * below; CA certificates in a group of their own.
 */
export function buildInventoryModel(
  items: InventoryItem[],
  errors: InventoryError[],
  now: Date,
  thresholds: number[],
  renewalLink: (csrPath: string) => CertificateInfo | undefined = () => undefined,
  replacedSet: ReplacedCertificates = new Map(),
): InventoryModel {
  const paired = pairInventory(items);
  // A CSR the user linked to a certificate belongs under it, whatever its CN says.
  if (paired.orphanCsrs.length > 0) {
    const byFingerprint = new Map<string, CertificateGroup>();
    for (const group of paired.certificates)
      if (!byFingerprint.has(group.certificate.fingerprintSha256))
        byFingerprint.set(group.certificate.fingerprintSha256, group);
    paired.orphanCsrs = paired.orphanCsrs.filter((csr) => {
      const linked = renewalLink(csr.path);
      const group = linked && byFingerprint.get(linked.fingerprintSha256);
      // A new list: groups share one frozen empty list for "none".
      if (group) group.renewalCsrs = [...group.renewalCsrs, csr];
      return !group;
    });
  }
  const days = normalizeThresholds(thresholds);
  const roots: InventoryNode[] = [];
  // The root nodes double as the entries of the counted lists: one object per certificate, not two.
  const certificates: InventoryModel['certificates'] = [];
  const replaced: InventoryModel['replaced'] = [];
  const replacedRoots: InventoryNode[] = [];
  const caCertificates: InventoryModel['caCertificates'] = [];
  const caNodes: InventoryNode[] = [];
  for (const group of paired.certificates) {
    const expiry = expiryStatus(group.certificate.notAfter, now, days);
    const replacedBy = replacementOf(replacedSet, group.certificate);
    if (replacedBy) {
      const node = { type: 'certificate' as const, certificate: group.certificate, expiry, group, replacedBy };
      replaced.push(node);
      // History goes below the certificates still in use, whatever its expiry.
      replacedRoots.push(node);
      continue;
    }
    const node = { type: 'certificate' as const, certificate: group.certificate, expiry, group };
    if (group.certificate.isCA) {
      caCertificates.push(node);
      caNodes.push(node);
      continue;
    }
    certificates.push(node);
    roots.push(node);
  }
  for (const node of replacedRoots) roots.push(node);
  for (const pkcs12 of paired.pkcs12) roots.push({ type: 'pkcs12', pkcs12 });
  if (caNodes.length > 0) roots.push({ type: 'group', group: 'ca', label: 'CA certificates', children: caNodes });

  const orphans: InventoryNode[] = [
    ...paired.orphanKeys.map((key): InventoryNode => ({ type: 'key', key, parentId: 'orphans' })),
    ...paired.orphanCsrs.map((csr): InventoryNode => ({ type: 'csr', csr, parentId: 'orphans', role: 'orphan' })),
  ];
  if (orphans.length > 0) {
    roots.push({ type: 'group', group: 'orphans', label: 'Keys and CSRs without a certificate', children: orphans });
  }
  if (errors.length > 0) {
    // The same order as localeCompare, without building a collator per comparison.
    const collator = new Intl.Collator();
    const sorted = [...errors].sort((a, b) => collator.compare(a.path, b.path));
    roots.push({
      type: 'group',
      group: 'unreadable',
      label: 'Unreadable',
      children: sorted.map((error): InventoryNode => ({ type: 'error', error })),
    });
  }
  return { roots, certificates, caCertificates, replaced, errors };
}
