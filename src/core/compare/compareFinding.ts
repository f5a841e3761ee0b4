import { Severity, SubjectAltName } from '../model';
import { SourceRange } from '../opensslConfig/configFinding';

/** Stable codes: the CLI's JSON and the adapter's diagnostics carry them, so they never change meaning. */
export type CompareFindingCode =
  | 'subject-mismatch'
  | 'subject-order'
  | 'san-removed'
  | 'san-added'
  | 'san-refused'
  | 'key-reused'
  | 'weak-key'
  | 'signature-invalid';

export interface CompareFindingData {
  /** SPKI SHA-256 (lowercase hex) of the request's key, for the key findings. */
  publicKeySha256?: string;
  keyType?: string;
  keyBits?: number;
  /** Which old key the request reuses. */
  reusedFrom?: 'old-certificate' | 'old-keys';
  signatureAlgorithm?: string;
  /** subject-mismatch: what kind of difference it is. */
  difference?: 'changed' | 'missing' | 'extra';
  /** subject-mismatch `changed`: the values are equal but for letter case. */
  caseOnly?: boolean;
  /** subject-order: the attribute types in the old certificate's order and in the request's. */
  oldOrder?: string[];
  newOrder?: string[];
  /** san-refused: the config finding that says why openssl req refuses the SAN. */
  configCode?: string;
}

export interface CompareFinding {
  severity: Severity;
  code: CompareFindingCode;
  message: string;
  /** The subject attribute concerned, by OpenSSL's short name (`CN`, `O`, `OU`, ...). */
  attribute?: string;
  /** The SAN concerned, as the side that has it spells it. */
  san?: SubjectAltName;
  /** As the old certificate has it. */
  oldValue?: string;
  /** As the request has it. */
  newValue?: string;
  /** 1-based range in the request config, when the request is a config and the finding has a place in it. */
  range?: SourceRange;
  data?: CompareFindingData;
}
