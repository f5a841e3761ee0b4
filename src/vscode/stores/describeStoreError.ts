import { isCoreError } from '../../core/errors';

/**
 * What a store's failure means for the user, and what to do about it; the store's own message follows. Nothing
 * was changed in any of these cases: the adapters refuse before writing, or their one write did not happen.
 */
export function describeStoreError(error: unknown, store: string, doing: string, writes = true): string {
  const unchanged = writes ? ', so nothing was changed' : '';
  const message = error instanceof Error ? error.message : String(error);
  if (!isCoreError(error)) return `Could not ${doing} in store "${store}": ${message}`;
  switch (error.code) {
    case 'store-unreachable':
      return `Store "${store}" cannot be reached${unchanged}; check the network, the region and the endpoint (${message})`;
    case 'store-access-denied':
      return `Store "${store}" refused access${unchanged}: the credentials of the AWS SDK's chain (profile, SSO, environment) are not allowed to ${doing} (${message})`;
    case 'store-throttled':
      return `Store "${store}" is throttling requests${unchanged}; try again in a minute (${message})`;
    case 'store-scheduled-for-deletion':
      return `The secret of store "${store}" is scheduled for deletion, so nothing was written; restore it first, or choose another secret (${message})`;
    case 'store-nothing-staged':
      return `Nothing is staged in store "${store}": deploy the new pair first (${message})`;
    case 'store-changed':
      return `Store "${store}" was changed by someone else since it was listed, so nothing was changed; look at it again (Refresh Secrets Stores) and retry (${message})`;
    case 'store-nothing-to-retire':
      return `Store "${store}" holds no old pair to retire (${message})`;
    case 'store-already-current':
      return `That certificate is already current in store "${store}" (${message})`;
    case 'aborted':
      // A request already sent may still have been carried out: the listing tells, not a guess.
      return `Cancelled. A request already sent to store "${store}" may still have been carried out; its listing shows which pair is current`;
    default:
      return `Could not ${doing} in store "${store}": ${message}`;
  }
}
