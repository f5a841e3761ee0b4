// Why our own reader: forge's high-level CSR API reads RSA only, and forge.asn1 copies every value into
// binary strings: on subject + SANs + SPKI hash of a CSR it measured 2.1-2.5x slower than this (bench/csrParseBench.ts).
// This reader only slices the Buffer it is given, decodes nothing eagerly, and rejects what DER forbids.
import { CoreError } from '../errors';

export const Tag = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  NUMERIC_STRING: 18,
  PRINTABLE_STRING: 19,
  T61_STRING: 20,
  VIDEOTEX_STRING: 21,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  GRAPHIC_STRING: 25,
  VISIBLE_STRING: 26,
  GENERAL_STRING: 27,
  UNIVERSAL_STRING: 28,
  BMP_STRING: 30,
} as const;

export const TagClass = { UNIVERSAL: 0, APPLICATION: 1, CONTEXT: 2, PRIVATE: 3 } as const;

export interface DerNode {
  /** The buffer the node lives in; `start`/`end` index into it. */
  buf: Buffer;
  tagClass: number;
  constructed: boolean;
  tag: number;
  start: number;
  /** First byte of the contents. */
  contentStart: number;
  end: number;
}

function fail(message: string): never {
  throw new CoreError('malformed-der', message);
}

export function readNode(buf: Buffer, offset = 0, limit = buf.length): DerNode {
  let pos = offset;
  if (pos >= limit) fail('unexpected end of data');
  const first = buf[pos++];
  const tagClass = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i > 4) fail('bad tag');
      const b = buf[pos++];
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) fail('unexpected end of data');
  let length = buf[pos++];
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) fail('indefinite length is not DER');
    if (count > 4) fail('length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= limit) fail('unexpected end of data');
      length = length * 256 + buf[pos++];
    }
  }
  const end = pos + length;
  if (end > limit) fail('length runs past the end of data');
  return { buf, tagClass, constructed, tag, start: offset, contentStart: pos, end };
}

export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    const child = readNode(node.buf, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function contents(node: DerNode): Buffer {
  return node.buf.subarray(node.contentStart, node.end);
}

/** The whole TLV, header included. */
export function encoded(node: DerNode): Buffer {
  return node.buf.subarray(node.start, node.end);
}

export function isUniversal(node: DerNode, tag: number): boolean {
  return node.tagClass === TagClass.UNIVERSAL && node.tag === tag;
}

export function isContext(node: DerNode, tag: number): boolean {
  return node.tagClass === TagClass.CONTEXT && node.tag === tag;
}

export function expect(node: DerNode | undefined, tag: number, what: string): DerNode {
  // DER: SEQUENCE and SET are constructed, everything else expected here primitive (constructed strings are BER).
  if (!node || !isUniversal(node, tag) || node.constructed !== (tag === Tag.SEQUENCE || tag === Tag.SET))
    fail(`expected ${what}`);
  return node;
}

export function decodeOid(node: DerNode): string {
  return oidAt(node.buf, node.contentStart, node.end);
}

interface CachedOid {
  bytes: Uint8Array;
  oid: string;
}

/**
 * OIDs already seen, by a hash of their bytes (checked on a hit). A scan meets the same few dozen OIDs in
 * every certificate (name attributes, extensions, algorithms); their dotted strings are made once, and the
 * same string comes back each time. Bounded: past the limit, new OIDs are decoded without being kept.
 */
const oidCache = new Map<number, CachedOid>();
const OID_CACHE_LIMIT = 1024;

/** The dotted OID of the bytes `buf[start..end)`: a node's contents. */
export function oidAt(buf: Buffer, start: number, end: number): string {
  if (start >= end) fail('empty OID');
  let hash = end - start;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], 16777619);
  const hit = oidCache.get(hash);
  if (hit !== undefined && hit.bytes.length === end - start) {
    let same = true;
    for (let i = 0; i < hit.bytes.length; i++) {
      if (hit.bytes[i] !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit.oid;
  }
  let oid = '';
  let value = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (first) {
        const top = value < 40 ? 0 : value < 80 ? 1 : 2;
        oid = `${top}.${value - top * 40}`;
        first = false;
      } else {
        oid += `.${value}`;
      }
      value = 0;
    }
  }
  if (hit === undefined && oidCache.size < OID_CACHE_LIMIT)
    oidCache.set(hash, { bytes: Uint8Array.prototype.slice.call(buf, start, end), oid });
  return oid;
}

export function decodeBoolean(node: DerNode): boolean {
  return node.contentStart < node.end && node.buf[node.contentStart] !== 0;
}

/** Non-negative INTEGER as a number (small values: versions, path lengths, salt lengths). */
export function decodeSmallInteger(node: DerNode): number {
  let value = 0;
  for (const b of contents(node)) value = value * 256 + b;
  return value;
}

/** Bit length of a non-negative INTEGER's magnitude (RSA modulus size, DSA p size). */
export function integerBitLength(node: DerNode): number {
  const { buf, contentStart: start, end } = node;
  if (start === end) return 0;
  let i = start;
  while (i < end - 1 && buf[i] === 0) i++;
  const top = buf[i];
  return (end - i - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
}

/** Contents of a BIT STRING without the unused-bits byte. */
export function bitStringBytes(node: DerNode): Buffer {
  const bytes = contents(node);
  if (bytes.length === 0) fail('empty BIT STRING');
  return bytes.subarray(1);
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function utf32be(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = bytes.readUInt32BE(i);
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

/**
 * A directory-string value as OpenSSL prints it with `-nameopt utf8`: T61String is taken byte-per-character
 * (latin1), as OpenSSL does. Types OpenSSL has no character width for (its tag2nbyte table: VideotexString,
 * GraphicString, GeneralString and every non-string) come back as `#` + uppercase hex of their DER, as its
 * default name option (`oneline`: dump_unknown, dump_der) prints them.
 */
export function decodeString(node: DerNode): string {
  if (node.tagClass === TagClass.UNIVERSAL) {
    switch (node.tag) {
      case Tag.UTF8_STRING:
        return node.buf.toString('utf8', node.contentStart, node.end);
      case Tag.PRINTABLE_STRING:
      case Tag.IA5_STRING:
      case Tag.NUMERIC_STRING:
      case Tag.VISIBLE_STRING:
      case Tag.T61_STRING:
      case Tag.UTC_TIME:
      case Tag.GENERALIZED_TIME:
        return node.buf.toString('latin1', node.contentStart, node.end);
      case Tag.BMP_STRING:
        return utf16be(contents(node));
      case Tag.UNIVERSAL_STRING:
        return utf32be(contents(node));
    }
  }
  return '#' + encoded(node).toString('hex').toUpperCase();
}

/** Whether decodeString gives the value's characters (else it gives a `#` hex dump of the DER). */
export function isPrintedAsString(node: DerNode): boolean {
  return node.tagClass === TagClass.UNIVERSAL && STRING_TAGS.has(node.tag);
}

const STRING_TAGS: ReadonlySet<number> = new Set([
  Tag.UTF8_STRING,
  Tag.PRINTABLE_STRING,
  Tag.IA5_STRING,
  Tag.NUMERIC_STRING,
  Tag.VISIBLE_STRING,
  Tag.T61_STRING,
  Tag.UTC_TIME,
  Tag.GENERALIZED_TIME,
  Tag.BMP_STRING,
  Tag.UNIVERSAL_STRING,
]);

/** A Time as OpenSSL 3.0 reads it: the instant, and the fraction's digits as written. */
export interface Asn1Time {
  date: Date;
  /** `.25` for `...00.25Z`, empty when none: ASN1_TIME_print repeats it. */
  fraction: string;
}

/**
 * UTCTime or GeneralizedTime as a Date (UTCTime years 50-99 are 19xx, as RFC 5280 says). OpenSSL 3.0 reads a
 * certificate's times without the RFC 5280 strictness (ossl_asn1_time_to_tm without ASN1_STRING_FLAG_X509_TIME):
 * the seconds may be missing, a GeneralizedTime may carry a fraction, and `Z` may be replaced by a `+hhmm` or
 * `-hhmm` offset (hours up to 12) that moves the time to UTC. Exactly that is accepted here, nothing more.
 */
export function decodeTime(node: DerNode): Date {
  return decodeAsn1Time(node).date;
}

export function decodeAsn1Time(node: DerNode): Asn1Time {
  const text = contents(node).toString('latin1');
  let match: RegExpExecArray | null;
  if (isUniversal(node, Tag.UTC_TIME)) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:(Z)|([+-])(\d{2})(\d{2}))$/.exec(text);
    if (!match) fail(`bad UTCTime ${JSON.stringify(text)}`);
    const yy = Number(match[1]);
    return utc(yy < 50 ? 2000 + yy : 1900 + yy, match.slice(1), '');
  }
  if (isUniversal(node, Tag.GENERALIZED_TIME)) {
    // The fraction only follows seconds: without them OpenSSL stops at the zone.
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2})(\d{2}))$/.exec(text);
    if (!match) fail(`bad GeneralizedTime ${JSON.stringify(text)}`);
    const fields = [match[1], ...match.slice(2, 7), ...match.slice(8)];
    return utc(Number(match[1]), fields, match[7] ?? '');
  }
  fail('expected a time');
}
/** `YYYY-MM-DDTHH:MM:SS.000Z`, filled in place: decoded once, the string is flat (items keep two each). */
const ISO_TEXT = Buffer.from('0000-00-00T00:00:00.000Z', 'latin1');

function putTwoDigits(at: number, n: number): void {
  ISO_TEXT[at] = 0x30 + Math.floor(n / 10);
  ISO_TEXT[at + 1] = 0x30 + (n % 10);
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(buf: Buffer, i: number): number {
  const a = buf[i] - 0x30;
  const b = buf[i + 1] - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `decodeTime(node).toISOString()`, read straight from the bytes when the time is an ordinary one (all six
 * fields, no fraction, every field in range, years 100-9999); anything else goes through decodeTime, with
 * its Date arithmetic and its errors.
 */
export function decodeTimeIso(node: DerNode): string {
  const { buf, contentStart: start, end } = node;
  let century = -1;
  let at = start;
  if (node.tagClass === TagClass.UNIVERSAL && node.tag === Tag.UTC_TIME && end - start === 13) {
    const yy = twoDigits(buf, start);
    if (yy >= 0) century = yy < 50 ? 20 : 19;
  } else if (node.tagClass === TagClass.UNIVERSAL && node.tag === Tag.GENERALIZED_TIME && end - start === 15) {
    century = twoDigits(buf, start);
    at += 2;
  }
  if (century >= 1 && buf[end - 1] === 0x5a /* Z */) {
    const yy = twoDigits(buf, at);
    const month = twoDigits(buf, at + 2);
    const day = twoDigits(buf, at + 4);
    const hour = twoDigits(buf, at + 6);
    const minute = twoDigits(buf, at + 8);
    const second = twoDigits(buf, at + 10);
    if (
      yy >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      const year = century * 100 + yy;
      const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      if (day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) {
        putTwoDigits(0, century);
        putTwoDigits(2, yy);
        putTwoDigits(5, month);
        putTwoDigits(8, day);
        putTwoDigits(11, hour);
        putTwoDigits(14, minute);
        putTwoDigits(17, second);
        return ISO_TEXT.toString('latin1');
      }
    }
  }
  return decodeTime(node).toISOString();
}

/** `fields`: year, month, day, hour, minute, second?, `Z`?, sign?, offset hours?, offset minutes?. */
function utc(year: number, fields: (string | undefined)[], fraction: string): Asn1Time {
  const [, month, day, hour, minute, second, zulu, sign, offsetHours, offsetMinutes] = fields;
  const m = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const min = Number(minute);
  const s = Number(second ?? 0);
  const leap = year % 400 === 0 || (year % 100 !== 0 && year % 4 === 0);
  if (
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > DAYS_IN_MONTH[m - 1] + (m === 2 && leap ? 1 : 0) ||
    h > 23 ||
    min > 59 ||
    s > 59 ||
    (zulu === undefined && (Number(offsetHours) > 12 || Number(offsetMinutes) > 59))
  )
    fail(`time out of range ${JSON.stringify(fields.join(''))}`);
  const ms = fraction ? Math.floor(Number('0.' + fraction) * 1000) : 0;
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, m - 1, d);
  date.setUTCHours(h, min, s, ms);
  if (zulu === undefined) {
    // `-0500` is five hours behind UTC: UTC is the written time plus five hours.
    const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
    date.setTime(date.getTime() + (sign === '-' ? offset : -offset));
  }
  return { date, fraction: fraction ? '.' + fraction : '' };
}
