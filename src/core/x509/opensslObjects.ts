// OpenSSL's object registry (OBJ_txt2obj and friends): short name, then long name, then a dotted OID, all
// case-sensitive. DN field names, extended key usages and extension names are looked up here.
import { OPENSSL_OBJECT_TABLE } from './opensslObjectTable';

export interface OpensslObject {
  /** Short name, as `-nameopt sname` prints it. */
  sn: string;
  ln: string;
  /** Dotted OID; empty for the few objects OpenSSL knows without one (they cannot be encoded). */
  oid: string;
}

/** Objects a config adds through `oid_section` (short and long name are the entry's name). */
export type ObjectRegistry = ReadonlyMap<string, OpensslObject>;

interface Index {
  all: OpensslObject[];
  bySn: Map<string, OpensslObject>;
  byLn: Map<string, OpensslObject>;
  byOid: Map<string, OpensslObject>;
}

let index: Index | undefined;

function objectIndex(): Index {
  if (index) return index;
  const all: OpensslObject[] = [];
  const bySn = new Map<string, OpensslObject>();
  const byLn = new Map<string, OpensslObject>();
  const byOid = new Map<string, OpensslObject>();
  for (const line of OPENSSL_OBJECT_TABLE.split('\n')) {
    const [sn, ln, oid] = line.split('\t');
    const object: OpensslObject = { sn, ln: ln || sn, oid };
    all.push(object);
    if (!bySn.has(sn)) bySn.set(sn, object);
    if (!byLn.has(object.ln)) byLn.set(object.ln, object);
    if (oid && !byOid.has(oid)) byOid.set(oid, object);
  }
  index = { all, bySn, byLn, byOid };
  return index;
}

export function allOpensslObjects(): readonly OpensslObject[] {
  return objectIndex().all;
}

export function objectByShortName(sn: string, extra?: ObjectRegistry): OpensslObject | undefined {
  return objectIndex().bySn.get(sn) ?? extra?.get(sn);
}

export function objectByLongName(ln: string, extra?: ObjectRegistry): OpensslObject | undefined {
  return objectIndex().byLn.get(ln) ?? extra?.get(ln);
}

export function objectByOid(oid: string, extra?: ObjectRegistry): OpensslObject | undefined {
  const known = objectIndex().byOid.get(oid);
  if (known) return known;
  if (extra) for (const object of extra.values()) if (object.oid === oid) return object;
  return undefined;
}

export type NumericOidError =
  | 'first-number-too-large'
  | 'missing-second-number'
  | 'invalid-separator'
  | 'invalid-digit'
  | 'second-number-too-large'
  | 'empty';

/**
 * a2d_ASN1_OBJECT's reading of a dotted OID, quirks included: spaces separate like dots, an empty arc is 0
 * ("1.2..3" is 1.2.0.3) and a trailing dot is ignored.
 */
export function parseNumericOid(text: string): { oid: string } | { error: NumericOidError } {
  if (text.length === 0) return { error: 'empty' };
  const first = text.charCodeAt(0) - 0x30;
  if (first < 0 || first > 2) return { error: 'first-number-too-large' };
  if (text.length === 1) return { error: 'missing-second-number' };
  const arcs: string[] = [String(first)];
  let p = 1;
  let c = text[p++];
  let remaining = text.length - 2;
  let count = 0;
  while (remaining > 0) {
    if (c !== '.' && c !== ' ') return { error: 'invalid-separator' };
    let digits = '';
    while (remaining > 0) {
      remaining--;
      c = text[p++];
      if (c === ' ' || c === '.') break;
      if (c < '0' || c > '9') return { error: 'invalid-digit' };
      digits += c;
    }
    const arc = digits.replace(/^0+(?=\d)/, '') || '0';
    if (count === 0 && first < 2 && (arc.length > 2 || Number(arc) >= 40)) return { error: 'second-number-too-large' };
    arcs.push(arc);
    count++;
  }
  if (count === 0) return { error: 'missing-second-number' };
  return { oid: arcs.join('.') };
}

export interface ResolvedObject {
  /** Known object (built in or from oid_section); absent for an unknown but well-formed dotted OID. */
  object?: OpensslObject;
  oid: string;
}

/** OBJ_txt2obj(text, 0): short name, long name, then (only when it starts with a digit) a dotted OID. */
export function resolveObject(text: string, extra?: ObjectRegistry): ResolvedObject | undefined {
  const named = objectByShortName(text, extra) ?? objectByLongName(text, extra);
  if (named) return { object: named, oid: named.oid };
  const c = text.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39)) return undefined;
  const parsed = parseNumericOid(text);
  if ('error' in parsed) return undefined;
  const known = objectByOid(parsed.oid, extra);
  return known ? { object: known, oid: parsed.oid } : { oid: parsed.oid };
}

/** How OpenSSL names an attribute type in output: its short name, or the dotted OID for unknown ones. */
export function displayName(resolved: ResolvedObject): string {
  return resolved.object && resolved.object.oid ? resolved.object.sn : resolved.oid;
}
