import { CertificateInfo } from '../model';

/**
 * Where a certificate sits in a store. AWS Secrets Manager: `current` (AWSCURRENT, or the generation tagged
 * active), `pending` (AWSPENDING: staged, not yet used), `previous` (AWSPREVIOUS, or tagged retiring), `none`
 * (no label: still readable by its VersionId, or a generation scheduled for deletion). Directory store: `live`,
 * `next`, `archived`.
 */
export type StoreStage = 'current' | 'pending' | 'previous' | 'none' | 'live' | 'next' | 'archived';

/** The role a stage plays in a rotation, whatever the store calls it. */
export type StoreRole = 'current' | 'pending' | 'previous' | 'other';

export function roleOfStage(stage: StoreStage): StoreRole {
  switch (stage) {
    case 'current':
    case 'live':
      return 'current';
    case 'pending':
    case 'next':
      return 'pending';
    case 'previous':
      return 'previous';
    default:
      return 'other';
  }
}

/** One generation as services read it: the matched pair switches together. PEM text throughout. */
export interface StoredPair {
  certificatePem: string;
  /** Unencrypted PKCS#8 PEM, the form every store and consumer accepts. */
  privateKeyPem: string;
  /** Intermediates, leaf first order as the CA returned them. */
  chainPem?: string;
  caCertificatePem?: string;
}

/** A certificate a store holds, with the facts the inventory shows. Never key material. */
export interface StoreEntry {
  /** Stable within the store: the VersionId (`staged`), the secret name (`generation`), the folder (directory). */
  id: string;
  stage: StoreStage;
  versionId?: string;
  fingerprintSha256: string;
  notAfter: string;
  /** As `openssl x509 -subject` prints it. */
  subject: string;
  serialNumber: string;
  publicKeySha256: string;
  /** Full facts; `path` is the entry's location (`aws-sm:NAME@VERSION`, `dir:/srv/certs/api/archive/GEN`). */
  certificate: CertificateInfo;
  /** A generation scheduled for deletion: readable no more, recoverable until this ISO instant. */
  recoverableUntil?: string;
}

/** An entry the store holds but that could not be read as a pair: shown as an error item, never dropped. */
export interface StoreEntryError {
  id: string;
  stage?: StoreStage;
  message: string;
}

export interface StoreListing {
  entries: StoreEntry[];
  errors: StoreEntryError[];
}

/** After deploy, promote or rollback: what services get now, and what is staged beside it. */
export interface StorePairState {
  /** Fingerprint (`AA:BB:...`) of the certificate services read. */
  current: string;
  pending: string | null;
  /** The directory store's reload command, when one is configured and ran. */
  reload?: ReloadOutcome;
}

export interface ReloadOutcome {
  command: string[];
  exitCode: number | null;
  signal?: string;
  /** Launch failure (command not found, ...). */
  error?: string;
}

/** The honest answer to "is the old private key gone?". */
export interface RetireResult {
  removed: boolean;
  recoverable: boolean;
  /** ISO instant until which the store can still restore it. */
  recoverableUntil?: string;
  /** What happened and, where the key survives, why and what would really delete it. */
  message: string;
  /** The certificate whose key was retired. */
  fingerprintSha256: string;
}

export interface StoreCapabilities {
  /** Whether retire can physically remove a key (AWS `staged` cannot: a version is readable by its id forever). */
  canRemoveKey: boolean;
  /** One sentence for the UI and the README table: what retire does in this store. */
  retireMeaning: string;
}

export interface StoreOperationOptions {
  signal?: AbortSignal;
  /** The clock for expiry checks and recovery dates. */
  now?: Date;
}

/**
 * Compare-and-set: what the caller showed the user. When the store says otherwise by the time the change is made,
 * the operation is refused with `store-changed` and nothing is changed.
 */
export interface ExpectedState {
  current?: string;
  pending?: string | null;
}

export interface RetireOptions extends StoreOperationOptions {
  /** AWS `generation`: delete at once, without a recovery window. */
  force?: boolean;
  /** AWS `generation`: 7 to 30 days, default 7. */
  recoveryDays?: number;
  /** The certificate to retire; default the `previous` one. Refused if it is current or pending. */
  fingerprintSha256?: string;
}

/**
 * Where services read their certificate and key from. One adapter per kind; the rotation drives it:
 * stage (deploy alongside) → promote (switch) → [rollback] → retire (remove the old key).
 * Every failure is a CoreError with a `store-*` code (or `key-certificate-mismatch`, `certificate-expired`).
 */
export interface SecretsStore {
  /** `aws-sm:NAME?layout=staged`, `dir:PATH?name=NAME`: how the user names it, for messages. */
  readonly description: string;
  readonly capabilities: StoreCapabilities;
  list(options?: StoreOperationOptions): Promise<StoreListing>;
  /** The pair at a role; `store-nothing-staged` when none is there. */
  read(role: 'current' | 'pending' | 'previous', options?: StoreOperationOptions): Promise<StoredPair>;
  /**
   * Deploy alongside: the new pair becomes readable as pending while services keep the current one. Into an empty
   * store it becomes current. Refuses a key that does not match the certificate and an expired certificate.
   */
  stage(pair: StoredPair, options?: StoreOperationOptions & { expect?: ExpectedState }): Promise<StorePairState>;
  /** Switch: pending becomes current, the old current becomes previous. */
  promote(options?: StoreOperationOptions & { expect?: ExpectedState }): Promise<StorePairState>;
  /** During the overlap: previous becomes current again, and the pair just switched away from pending. */
  rollback(options?: StoreOperationOptions & { expect?: ExpectedState }): Promise<StorePairState>;
  retire(options?: RetireOptions): Promise<RetireResult>;
}
