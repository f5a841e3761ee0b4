import { CoreError } from '../errors';

/** What a store holds under a name: nothing, this very certificate, or another one. */
export type NameHolder = 'absent' | 'same' | 'other';

/** Candidates tried after the base name: `<base>-2` … `<base>-<MAX_SUFFIX>`. */
export const MAX_SUFFIX = 9;

/**
 * The name a generation is stored under. Two certificates can share `<notAfter>-<first 8 hex of serial>` (a CA
 * with long sequential serials issuing two on one day). Such a collision gets a suffix (`-2`, `-3`, …) rather
 * than a refusal: refusing would block a legitimate renewal that the user could only get past by having the
 * certificate re-issued, while a suffix keeps names sorted by expiry and leaves the other certificate untouched.
 * A name holding this very certificate is reused, so staging again stays idempotent; every candidate is probed
 * first, so that a copy under `-2` is found even when the base name has been freed since.
 */
export async function pickGenerationName(
  base: string,
  holderOf: (name: string) => Promise<NameHolder>,
  store: string,
): Promise<{ name: string; exists: boolean }> {
  const names = [base, ...Array.from({ length: MAX_SUFFIX - 1 }, (_, i) => `${base}-${i + 2}`)];
  let free: string | undefined;
  for (const name of names) {
    const holder = await holderOf(name);
    if (holder === 'same') return { name, exists: true };
    if (holder === 'absent') free ??= name;
  }
  if (free === undefined)
    throw new CoreError(
      'store-entry-invalid',
      `${store}: ${base} and its suffixes up to -${MAX_SUFFIX} all hold other certificates; none is ever overwritten (retire old ones first)`,
    );
  return { name: free, exists: false };
}
