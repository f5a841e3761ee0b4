import { CoreError, CoreErrorCode } from '../../errors';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const KMS_NAMES = new Set([
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'DecryptionFailure',
  'EncryptionFailure',
]);
const DENIED_NAMES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'CredentialsProviderError',
]);
const THROTTLED_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function networkCode(error: SdkLikeError): string | undefined {
  for (let e: SdkLikeError | undefined = error, depth = 0; e && depth < 4; depth++) {
    if (e.code && NETWORK_CODES.has(e.code)) return e.code;
    e = typeof e.cause === 'object' && e.cause !== null ? (e.cause as SdkLikeError) : undefined;
  }
  return undefined;
}

/** The AWS error's name, for callers that must tell one refusal from another (compare-and-set). */
export function awsErrorName(error: unknown): string | undefined {
  const cause = error instanceof CoreError ? error.cause : error;
  return typeof cause === 'object' && cause !== null ? (cause as SdkLikeError).name : undefined;
}

/** The AWS error's own message, to tell apart refusals that share a name. */
export function awsErrorMessage(error: unknown): string | undefined {
  const cause = error instanceof CoreError ? error.cause : error;
  return typeof cause === 'object' && cause !== null ? (cause as SdkLikeError).message : undefined;
}

/**
 * Every SDK failure becomes one typed CoreError naming the store and the operation. AWS messages name secrets and
 * versions, never their values, so they are kept as the detail.
 */
export function awsStoreError(error: unknown, store: string, operation: string): CoreError {
  if (error instanceof CoreError) return error;
  const e: SdkLikeError = typeof error === 'object' && error !== null ? (error as SdkLikeError) : {};
  const name = e.name ?? 'Error';
  const detail = `${name}: ${e.message ?? String(error)}`;
  const make = (code: CoreErrorCode, what: string) =>
    new CoreError(code, `${operation} on ${store}: ${what} (${detail})`, { cause: error });

  if (name === 'AbortError') return make('aborted', 'cancelled');
  if (KMS_NAMES.has(name))
    return make(
      'store-access-denied',
      'the KMS key that encrypts the secret refused or failed (check the key policy and that the key is enabled)',
    );
  if (DENIED_NAMES.has(name) || /not authorized|access denied/i.test(e.message ?? ''))
    return make('store-access-denied', 'access denied (check the credentials, the profile and the IAM policy)');
  if (THROTTLED_NAMES.has(name) || e.$metadata?.httpStatusCode === 429)
    return make('store-throttled', 'AWS is throttling requests; try again in a moment');
  const network = networkCode(e);
  if (network || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException')
    return make(
      'store-unreachable',
      'AWS Secrets Manager could not be reached (check the network, region and endpoint)',
    );
  if (name === 'ResourceNotFoundException') return make('store-not-found', 'the secret does not exist');
  if (name === 'InvalidRequestException' && /delet/i.test(e.message ?? ''))
    return make('store-scheduled-for-deletion', 'the secret is scheduled for deletion (restore it first)');
  return make('store-failed', 'AWS Secrets Manager refused the request');
}
