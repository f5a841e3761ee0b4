import { CertificateInfo, ExpiryInfo } from '../model';
import { StoreEntry, StoreStage } from './secretsStore';

/** What one configured store showed when it was last listed; plain data for the inventory model. */
export interface StoreGroupState {
  /** Its name in `mtlsRotation.stores`. */
  name: string;
  /** How the user names it (`aws-sm:NAME?layout=staged`). */
  description: string;
  /** Absent until listed, or when the listing failed (`error`). */
  entries?: StoreEntry[];
  entryErrors: Array<{ id: string; stage?: StoreStage; message: string }>;
  /** Why the store could not be listed: unreachable, access denied, ... */
  error?: string;
  /** A listing is under way. */
  listing: boolean;
}

/** The Certificates view's nodes for secrets stores: a group per store, its certificates and its problems. */
export type StoreNode =
  | {
      type: 'store';
      store: string;
      description: string;
      children: StoreNode[];
      error?: string;
      listing: boolean;
    }
  | {
      type: 'store-entry';
      store: string;
      entry: StoreEntry;
      /** The entry's certificate (its `path` is the entry's location): commands that take a certificate take it. */
      certificate: CertificateInfo;
      expiry: ExpiryInfo;
    }
  | { type: 'store-error'; store: string; id: string; stage?: StoreStage; message: string };
