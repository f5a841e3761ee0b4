// Plain data shared by the core, the CLI and the VS Code adapter. Nothing here may depend on vscode.

/** One attribute of a distinguished name, with OpenSSL's short name (`CN`, `O`, `OU`, ...) or a dotted OID. */
export interface NameAttribute {
  type: string;
  value: string;
}

export type DistinguishedName = NameAttribute[];

/** X400Name and EdiPartyName carry `<unsupported>` as value: all that openssl shows of them. */
export type SubjectAltNameType =
  'DNS' | 'IP' | 'email' | 'URI' | 'otherName' | 'dirName' | 'RID' | 'X400Name' | 'EdiPartyName';

export interface SubjectAltName {
  type: SubjectAltNameType;
  value: string;
}

export type KeyType = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'DH' | 'RSA-PSS' | 'unknown';

export type ExpiryStatus = 'ok' | 'due-30' | 'due-15' | 'due-5' | 'expired' | `due-${number}`;

export interface PublicKeyFacts {
  /** SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex: pairs certificates, keys and CSRs. */
  publicKeySha256: string;
  keyType: KeyType;
  /** Modulus size for RSA, curve size for EC; undefined when unknown. */
  keyBits?: number;
  /** Curve name for EC keys (e.g. `prime256v1`). */
  curve?: string;
}

export interface CertificateInfo extends PublicKeyFacts {
  kind: 'certificate';
  path: string;
  /** 0-based position of the certificate inside a PEM bundle (0 for single files). */
  index: number;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  subjectAltNames: SubjectAltName[];
  /** ISO 8601 UTC. */
  notBefore: string;
  notAfter: string;
  /** Uppercase hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** `AA:BB:...`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  selfSigned: boolean;
  isCA: boolean;
  /** Line (1-based) where the PEM block begins, for navigation. */
  line: number;
  /** PEM text of this certificate (for verification and test calls). */
  pem: string;
  /** OpenSSL's name for the signature algorithm (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`, ...). */
  signatureAlgorithm?: string;
}

export interface PrivateKeyInfo extends Partial<PublicKeyFacts> {
  kind: 'key';
  path: string;
  index: number;
  format: 'pkcs1' | 'pkcs8' | 'sec1' | 'dsa' | 'encrypted-pkcs8' | 'der';
  /** Encrypted keys cannot be paired without a passphrase; their public-key facts are absent. */
  encrypted: boolean;
  line: number;
}

export interface CsrInfo extends PublicKeyFacts {
  kind: 'csr';
  path: string;
  index: number;
  subject: DistinguishedName;
  subjectAltNames: SubjectAltName[];
  /** Whether the CSR's self-signature verifies against its own public key. */
  signatureValid: boolean;
  signatureAlgorithm: string;
  line: number;
}

export interface Pkcs12Info {
  kind: 'pkcs12';
  path: string;
  index: number;
  /** True when the contents could not be listed without a passphrase. */
  encrypted: boolean;
  certificates: CertificateInfo[];
  keyCount: number;
  line: number;
}

export type InventoryItem = CertificateInfo | PrivateKeyInfo | CsrInfo | Pkcs12Info;

/** A file that could not be read, with a specific reason; the scan goes on. */
export interface InventoryError {
  path: string;
  code: string;
  message: string;
  /** 1-based line of the broken PEM block, when the error concerns one block of the file. */
  line?: number;
}

export interface ExpiryInfo {
  daysLeft: number;
  status: ExpiryStatus;
}

export interface InventoryResult {
  items: InventoryItem[];
  errors: InventoryError[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A finding with 1-based positions, turned into a Diagnostic by the adapter. */
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}
