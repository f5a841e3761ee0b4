// Callers branch on `code`, never on message text, so codes are part of the public contract.
export type CoreErrorCode =
  | 'not-pem-or-der'
  | 'truncated-pem'
  | 'bad-base64'
  | 'empty-file'
  | 'too-large'
  | 'unsupported-pem-label'
  | 'malformed-der'
  | 'malformed-certificate'
  | 'malformed-csr'
  | 'malformed-key'
  | 'malformed-pkcs12'
  | 'rotation-file-invalid'
  | 'rotation-exists'
  | 'rotation-not-found'
  | 'register-invalid'
  | 'invalid-date'
  | 'key-wrong-passphrase'
  | 'key-derivation-too-costly'
  | 'pkcs12-wrong-passphrase'
  | 'not-found'
  | 'permission-denied'
  | 'symlink-loop'
  | 'unreadable'
  | 'not-a-regular-file'
  | 'invalid-thresholds'
  | 'aborted'
  | 'weak-key-size'
  | 'unsupported-key-size'
  | 'key-generation-failed'
  | 'config-has-errors'
  | 'unsupported-extension'
  | 'file-exists'
  | 'same-path'
  | 'write-failed'
  | 'invalid-url'
  | 'invalid-test-call-input'
  | 'key-certificate-mismatch'
  | 'passphrase-required'
  | 'symlink-target'
  | 'outside-workspace'
  | 'certificate-expired'
  // Secrets stores: refusals (the CLI's exit 1) ...
  | 'store-nothing-staged'
  | 'store-nothing-to-retire'
  | 'store-changed'
  | 'store-scheduled-for-deletion'
  | 'store-already-current'
  | 'store-key-reused'
  // ... and failures to reach or use the store (exit 2).
  | 'store-spec-invalid'
  | 'store-unreachable'
  | 'store-access-denied'
  | 'store-throttled'
  | 'store-not-found'
  | 'store-value-too-large'
  | 'store-entry-invalid'
  | 'store-failed';

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  /** 1-based line in the file the error refers to, when there is one. */
  readonly line?: number;

  constructor(code: CoreErrorCode, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    if (options.line !== undefined) this.line = options.line;
  }
}

export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError;
}
