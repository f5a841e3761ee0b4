import { CoreErrorCode } from '../core/errors';
import { EXIT } from './command';

/**
 * The store refused because a check failed, and nothing was changed: exit 1, like a check that found problems.
 * Every other failure (bad spec, unreachable, access denied, throttled, not found, a bad entry) is exit 2: the
 * operation could not be judged at all.
 */
const REFUSALS: ReadonlySet<CoreErrorCode> = new Set<CoreErrorCode>([
  'store-nothing-staged',
  'store-nothing-to-retire',
  'store-changed',
  'store-scheduled-for-deletion',
  'store-already-current',
  'store-key-reused',
  'key-certificate-mismatch',
  'certificate-expired',
]);

/** The one mapping from a store's CoreError code to the CLI's exit code. */
export function storeExitCode(code: CoreErrorCode): number {
  return REFUSALS.has(code) ? EXIT.problems : EXIT.usage;
}

export const STORE_EXIT_CODES =
  'Exit codes: 0 done; 1 refused by a check, nothing changed (nothing staged, a key that does not match, an expired certificate, the store changed meanwhile, nothing to retire, scheduled for deletion, already current, a renewal that reuses the current key); 2 bad usage, or the store unreachable, access denied or not found.';
