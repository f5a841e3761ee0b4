import { expiryStatus } from '../expiry';
import { fingerprintHex } from '../rotation/fingerprint';
import { roleOfStage, StoreRole } from '../stores/secretsStore';
import { StoreGroupState, StoreNode } from '../stores/storeNode';
import { InventoryModel } from './buildInventoryModel';

const ROLE_ORDER: StoreRole[] = ['current', 'pending', 'previous', 'other'];

/**
 * Adds a group per configured store to the workspace's model. What services read or are about to read (current
 * and pending) counts for badges and reminders like a workspace file, once per certificate; previous and retired
 * versions are shown with their expiry but are due for nothing.
 */
export function withStoreGroups(
  model: InventoryModel,
  stores: StoreGroupState[],
  now: Date,
  thresholds: number[],
): InventoryModel {
  if (stores.length === 0) return model;
  const certificates = [...model.certificates];
  // The workspace's fingerprints, normalised once when a store first needs them (not per entry and certificate).
  let counted: Set<string> | undefined;
  const isCounted = (fingerprint: string): boolean => {
    counted ??= new Set(certificates.map((c) => fingerprintHex(c.certificate.fingerprintSha256)));
    const hex = fingerprintHex(fingerprint);
    return hex !== '' && counted.has(hex);
  };
  const groups: StoreNode[] = stores.map((store) => {
    const entries = [...(store.entries ?? [])].sort(
      (a, b) =>
        ROLE_ORDER.indexOf(roleOfStage(a.stage)) - ROLE_ORDER.indexOf(roleOfStage(b.stage)) ||
        Date.parse(b.notAfter) - Date.parse(a.notAfter),
    );
    const children: StoreNode[] = entries.map((entry) => {
      const expiry = expiryStatus(entry.notAfter, now, thresholds);
      const role = roleOfStage(entry.stage);
      if ((role === 'current' || role === 'pending') && !isCounted(entry.fingerprintSha256)) {
        certificates.push({ certificate: entry.certificate, expiry });
        counted?.add(fingerprintHex(entry.fingerprintSha256));
      }
      return { type: 'store-entry', store: store.name, entry, certificate: entry.certificate, expiry };
    });
    for (const problem of store.entryErrors)
      children.push({
        type: 'store-error',
        store: store.name,
        id: problem.id,
        stage: problem.stage,
        message: problem.message,
      });
    return {
      type: 'store',
      store: store.name,
      description: store.description,
      children,
      listing: store.listing,
      ...(store.error === undefined ? {} : { error: store.error }),
    };
  });
  certificates.sort((a, b) => a.expiry.daysLeft - b.expiry.daysLeft);
  return { ...model, roots: [...model.roots, ...groups], certificates };
}
