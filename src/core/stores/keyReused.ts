import { CoreError } from '../errors';

/**
 * The refusal of a renewal that keeps the current key: the project's rule is a new key per certificate, so that
 * retiring the old certificate really removes the old key (and a leaked key does not survive its rotation).
 */
export function keyReused(store: string, current: string): CoreError {
  return new CoreError(
    'store-key-reused',
    `${store}: the new certificate has the same public key as the current one (${current}); a renewal must use a new key, so that retiring the old one removes it. Nothing was staged`,
  );
}
