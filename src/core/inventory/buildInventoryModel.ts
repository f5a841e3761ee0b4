import { expiryStatus } from '../expiry';
import {
  CertificateInfo,
  CsrInfo,
  ExpiryInfo,
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
      /** A completed rotation (or the register) replaced it: shown until its file goes, never due. */
      replacedBy?: Replacement;
    }
  | { type: 'key'; key: PrivateKeyInfo; parentId: string; role?: 'renewal' }
  | { type: 'csr'; csr: CsrInfo; parentId: string; role: 'same-key' | 'renewal' | 'orphan' }
  | { type: 'pkcs12'; pkcs12: Pkcs12Info }
  | { type: 'group'; group: 'ca' | 'orphans' | 'unreadable'; label: string; children: InventoryNode[] }
  | { type: 'error'; error: InventoryError }
  | { type: 'test-call'; parentId: string; call: TestCallSummary }
  | StoreNode;

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
  paired.orphanCsrs = paired.orphanCsrs.filter((csr) => {
    const linked = renewalLink(csr.path);
    const group =
      linked && paired.certificates.find((g) => g.certificate.fingerprintSha256 === linked.fingerprintSha256);
    if (group) group.renewalCsrs.push(csr);
    return !group;
  });
  const roots: InventoryNode[] = [];
  const certificates: InventoryModel['certificates'] = [];
  const replaced: InventoryModel['replaced'] = [];
  const replacedRoots: InventoryNode[] = [];
  const caCertificates: InventoryModel['caCertificates'] = [];
  const caNodes: InventoryNode[] = [];
  for (const group of paired.certificates) {
    const expiry = expiryStatus(group.certificate.notAfter, now, thresholds);
    const replacedBy = replacementOf(replacedSet, group.certificate);
    if (replacedBy) {
      replaced.push({ certificate: group.certificate, expiry, replacedBy });
      // History goes below the certificates still in use, whatever its expiry.
      replacedRoots.push({ type: 'certificate', certificate: group.certificate, expiry, group, replacedBy });
      continue;
    }
    if (group.certificate.isCA) {
      caCertificates.push({ certificate: group.certificate, expiry });
      caNodes.push({ type: 'certificate', certificate: group.certificate, expiry, group });
      continue;
    }
    certificates.push({ certificate: group.certificate, expiry });
    roots.push({ type: 'certificate', certificate: group.certificate, expiry, group });
  }
  roots.push(...replacedRoots);
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
    const sorted = [...errors].sort((a, b) => a.path.localeCompare(b.path));
    roots.push({
      type: 'group',
      group: 'unreadable',
      label: 'Unreadable',
      children: sorted.map((error): InventoryNode => ({ type: 'error', error })),
    });
  }
  return { roots, certificates, caCertificates, replaced, errors };
}
