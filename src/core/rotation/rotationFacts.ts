import { CertificateInfo, InventoryItem } from '../model';
import { StoreEntry, StoreEntryError } from '../stores/secretsStore';
import { RegisterFile } from './register';
import { StoreRetireRecord } from './rotationRecord';

/** A `compare OLD.crt NEW.csr` result. */
export interface CsrComparisonFact {
  csrPath: string;
  errors: number;
  warnings: number;
}

/** A `verify --cert --key --ca` result; keyed by fingerprint, so it stays true of that certificate wherever it moves. */
export interface VerificationFact {
  certificatePath: string;
  fingerprintSha256: string;
  allOk: boolean;
  checks: Array<{ name: string; ok: boolean }>;
}

export interface TestCallFact {
  certificateFingerprint: string;
  /** `ok`, `tls-handshake`, `unauthorized`, `forbidden-ip`, `forbidden`, `http-error`, `network`, `timeout`. */
  outcome: string;
  status?: number;
  /** ISO instant of the call. */
  at: string;
}

export interface ReferenceFact {
  path: string;
  line: number;
  match: string;
}

/** The secrets store a rotation's old pair lives in, as listed when the facts were gathered. */
export interface StoreFact {
  /** Its name in `mtlsRotation.stores`. */
  name: string;
  /** How the user names it (`aws-sm:NAME?layout=staged`), for messages. */
  description: string;
  /** The readable certificates it holds; absent when it could not be listed (`error` says why). */
  entries?: StoreEntry[];
  /** Entries it holds that could not be read as a pair. */
  entryErrors?: StoreEntryError[];
  error?: string;
  /** The store's own sentence on what retire does there. */
  retireMeaning?: string;
  /** The last retire in the store, as the rotation record kept it. */
  retire?: StoreRetireRecord;
  /** The old certificate as the store held it: the renewal CSR is compared with it, also once it is deleted. */
  oldCertificate?: CertificateInfo;
}

/**
 * What the adapter knows about the workspace when it evaluates a rotation: plain data, gathered by it (scans,
 * command results it kept), so the rules below stay pure. Results are listed oldest first.
 */
export interface RotationFacts {
  inventory: InventoryItem[];
  csrComparisons: CsrComparisonFact[];
  verifications: VerificationFact[];
  testCalls: TestCallFact[];
  /** `undefined`: not searched yet; `[]`: searched, nothing refers to the old certificate or key. */
  oldReferences: ReferenceFact[] | undefined;
  register: RegisterFile | undefined;
  /** Resolves the record's workspace-relative paths against the inventory's absolute ones. */
  workspaceRoot?: string;
  /** Set when the rotation names a store: its evidence replaces the workspace files' for deployment and retire. */
  store?: StoreFact;
}
