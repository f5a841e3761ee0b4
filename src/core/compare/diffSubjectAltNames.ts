import { SubjectAltName } from '../model';
import { subjectAltNameKey } from './subjectAltNameKey';

export interface SubjectAltNameDiff<T extends SubjectAltName> {
  /** The old side's entries the new side lacks, in the old order. */
  removed: SubjectAltName[];
  /** The new side's entries the old side lacks, in the new order. */
  added: T[];
}

/** Compares SANs on meaning (see subjectAltNameKey) and as multisets: order carries no meaning in a SAN list. */
export function diffSubjectAltNames<T extends SubjectAltName>(
  old: readonly SubjectAltName[],
  next: readonly T[],
): SubjectAltNameDiff<T> {
  const pending = new Map<string, number>();
  for (const san of next) {
    const key = subjectAltNameKey(san);
    pending.set(key, (pending.get(key) ?? 0) + 1);
  }
  const removed: SubjectAltName[] = [];
  const matched = new Map<string, number>();
  for (const san of old) {
    const key = subjectAltNameKey(san);
    const left = pending.get(key) ?? 0;
    if (left > 0) {
      pending.set(key, left - 1);
      matched.set(key, (matched.get(key) ?? 0) + 1);
    } else {
      removed.push({ type: san.type, value: san.value });
    }
  }
  const added: T[] = [];
  for (const san of next) {
    const key = subjectAltNameKey(san);
    const used = matched.get(key) ?? 0;
    if (used > 0) matched.set(key, used - 1);
    else added.push(san);
  }
  return { removed, added };
}
