import { InventoryItem } from '../model';
import { RegisterFile } from './register';

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
}
