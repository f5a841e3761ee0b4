import { NameAttribute } from '../model';
import { objectByOid, objectByShortName } from '../x509/opensslObjects';

export interface SubjectAttributeChange {
  type: string;
  oldValue: string;
  newValue: string;
  /** Index in the new subject. */
  index: number;
  caseOnly: boolean;
}

export interface SubjectDiff {
  changed: SubjectAttributeChange[];
  /** The old subject's attributes the new one lacks. */
  missing: NameAttribute[];
  /** The new subject's attributes the old one lacks, with their index in the new subject. */
  extra: Array<NameAttribute & { index: number }>;
  /** Same attributes and values, in another order. */
  reordered: boolean;
  oldOrder: string[];
  newOrder: string[];
}

/** Attribute types by OID, so that `emailAddress`, `1.2.840.113549.1.9.1` and a config's name are one type. */
function typeKey(attribute: NameAttribute & { oid?: string }): string {
  if (attribute.oid) return attribute.oid;
  if (/^\d+(\.\d+)+$/.test(attribute.type)) return attribute.type;
  return objectByShortName(attribute.type)?.oid ?? attribute.type;
}

/** The short name OpenSSL prints, whichever way the source named the type. */
function displayType(attribute: NameAttribute & { oid?: string }): string {
  if (!/^\d+(\.\d+)+$/.test(attribute.type)) return attribute.type;
  return objectByOid(attribute.type)?.sn ?? attribute.type;
}

const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

/**
 * Values are compared as the characters they are: the ASN.1 string type (PrintableString or UTF8String) and
 * Unicode normalisation do not count, letter case does, because the guide asks for the same subject exactly.
 * An e-mail address is the exception: its domain part has no case.
 */
function valueKey(type: string, value: string): string {
  const text = value.normalize('NFC');
  if (type !== EMAIL_ADDRESS) return text;
  const at = text.lastIndexOf('@');
  return at < 0 ? text : `${text.slice(0, at)}@${text.slice(at + 1).replace(/[A-Z]/g, (c) => c.toLowerCase())}`;
}

interface Slot {
  type: string;
  value: string;
  index: number;
  used: boolean;
}

/**
 * Compares two subjects on meaning: per attribute type, values are matched as multisets (a subject may carry
 * several OUs); order is reported separately because it does not change which attributes a subject has.
 */
export function diffSubject(
  old: readonly (NameAttribute & { oid?: string })[],
  next: readonly (NameAttribute & { oid?: string })[],
): SubjectDiff {
  const group = (name: readonly (NameAttribute & { oid?: string })[]) => {
    const groups = new Map<string, Slot[]>();
    name.forEach((a, index) => {
      const key = typeKey(a);
      const slots = groups.get(key) ?? [];
      slots.push({ type: displayType(a), value: a.value, index, used: false });
      groups.set(key, slots);
    });
    return groups;
  };
  const oldGroups = group(old);
  const newGroups = group(next);
  const changed: SubjectAttributeChange[] = [];
  const missing: NameAttribute[] = [];
  const extra: Array<NameAttribute & { index: number }> = [];

  for (const key of new Set([...oldGroups.keys(), ...newGroups.keys()])) {
    const olds = oldGroups.get(key) ?? [];
    const news = newGroups.get(key) ?? [];
    for (const o of olds) {
      const same = news.find((n) => !n.used && valueKey(key, n.value) === valueKey(key, o.value));
      if (same) {
        same.used = true;
        o.used = true;
      }
    }
    const oldLeft = olds.filter((o) => !o.used);
    const newLeft = news.filter((n) => !n.used);
    // Unmatched values of one type pair up in order: "OU changed from a to b" reads better than "a missing, b extra".
    const pairs = Math.min(oldLeft.length, newLeft.length);
    for (let i = 0; i < pairs; i++) {
      const o = oldLeft[i];
      const n = newLeft[i];
      changed.push({
        type: o.type,
        oldValue: o.value,
        newValue: n.value,
        index: n.index,
        caseOnly: valueKey(key, o.value).toLowerCase() === valueKey(key, n.value).toLowerCase(),
      });
    }
    for (const o of oldLeft.slice(pairs)) missing.push({ type: o.type, value: o.value });
    for (const n of newLeft.slice(pairs)) extra.push({ type: n.type, value: n.value, index: n.index });
  }
  changed.sort((a, b) => a.index - b.index);
  extra.sort((a, b) => a.index - b.index);

  const sequence = (name: readonly (NameAttribute & { oid?: string })[]) =>
    name.map((a) => `${typeKey(a)}=${valueKey(typeKey(a), a.value)}`);
  const oldSequence = sequence(old);
  const newSequence = sequence(next);
  const differences = changed.length + missing.length + extra.length;
  const reordered = differences === 0 && oldSequence.some((s, i) => s !== newSequence[i]);
  return {
    changed,
    missing,
    extra,
    reordered,
    oldOrder: old.map(displayType),
    newOrder: next.map(displayType),
  };
}
