import { CoreError } from './errors';
import { ExpiryInfo, ExpiryStatus } from './model';

export const DAY_MS = 86_400_000;
export const DEFAULT_THRESHOLDS: readonly number[] = [30, 15, 5];

/** Positive integers, deduplicated, smallest first; anything else is a typed error (settings come from users). */
export function normalizeThresholds(thresholds: readonly unknown[]): number[] {
  const days: number[] = [];
  for (const t of thresholds) {
    if (typeof t !== 'number' || !Number.isInteger(t) || t <= 0) {
      throw new CoreError(
        'invalid-thresholds',
        `expiry thresholds must be positive whole numbers of days, got ${JSON.stringify(t)}`,
      );
    }
    days.push(t);
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * `expired` once now >= notAfter; `due-N` once now >= notAfter - N days, for the smallest such N;
 * `daysLeft` = floor((notAfter - now) / 1 day), so it is negative once expired.
 */
export function expiryStatus(
  notAfter: string | Date,
  now: Date,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ExpiryInfo {
  const end = typeof notAfter === 'string' ? Date.parse(notAfter) : notAfter.getTime();
  if (Number.isNaN(end)) throw new CoreError('malformed-certificate', `not a date: ${String(notAfter)}`);
  const remaining = end - now.getTime();
  const daysLeft = Math.floor(remaining / DAY_MS);
  if (remaining <= 0) return { daysLeft, status: 'expired' };
  for (const n of normalizeThresholds(thresholds)) {
    if (remaining <= n * DAY_MS) return { daysLeft, status: `due-${n}` as ExpiryStatus };
  }
  return { daysLeft, status: 'ok' };
}

/** Short text for badges and tables: "12 days left", "expires today", "expired 3 days ago". */
export function describeExpiry(info: ExpiryInfo): string {
  if (info.status === 'expired') {
    // daysLeft -1 means it ended less than a day ago.
    const ago = Math.max(0, -info.daysLeft - 1);
    if (ago === 0) return 'expired today';
    return `expired ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
  }
  if (info.daysLeft <= 0) return 'expires today';
  return `${info.daysLeft} ${info.daysLeft === 1 ? 'day' : 'days'} left`;
}
