// Why our own reader: forge's high-level CSR API reads RSA only, and forge.asn1 copies every value into
// binary strings: on subject + SANs + SPKI hash of a CSR it measured 2.1-2.5x slower than this (bench/csrParseBench.ts).
// This reader only slices the Buffer it is given, decodes nothing eagerly, and rejects what DER forbids.
import { CoreError } from './errors';

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
  if (!node || !isUniversal(node, tag)) fail(`expected ${what}`);
  return node;
}

export function decodeOid(node: DerNode): string {
  const bytes = contents(node);
  if (bytes.length === 0) fail('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const top = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(top, value - top * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

export function decodeBoolean(node: DerNode): boolean {
  const bytes = contents(node);
  return bytes.length > 0 && bytes[0] !== 0;
}

/** Non-negative INTEGER as a number (small values: versions, path lengths, salt lengths). */
export function decodeSmallInteger(node: DerNode): number {
  let value = 0;
  for (const b of contents(node)) value = value * 256 + b;
  return value;
}

/** Bit length of a non-negative INTEGER's magnitude (RSA modulus size, DSA p size). */
export function integerBitLength(node: DerNode): number {
  const bytes = contents(node);
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  if (bytes.length === 0) return 0;
  const top = bytes[i];
  return (bytes.length - i - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
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
 * (latin1), as OpenSSL does; values that are not strings come back as `#` + hex of their DER, like RFC 2253.
 */
export function decodeString(node: DerNode): string {
  const bytes = contents(node);
  if (node.tagClass === TagClass.UNIVERSAL) {
    switch (node.tag) {
      case Tag.UTF8_STRING:
        return bytes.toString('utf8');
      case Tag.PRINTABLE_STRING:
      case Tag.IA5_STRING:
      case Tag.NUMERIC_STRING:
      case Tag.VISIBLE_STRING:
      case Tag.T61_STRING:
      case Tag.VIDEOTEX_STRING:
      case Tag.GRAPHIC_STRING:
      case Tag.GENERAL_STRING:
        return bytes.toString('latin1');
      case Tag.BMP_STRING:
        return utf16be(bytes);
      case Tag.UNIVERSAL_STRING:
        return utf32be(bytes);
    }
  }
  return '#' + encoded(node).toString('hex');
}

/** UTCTime or GeneralizedTime as a Date (UTCTime years 50-99 are 19xx, as RFC 5280 says). */
export function decodeTime(node: DerNode): Date {
  const text = contents(node).toString('latin1');
  let match: RegExpExecArray | null;
  if (isUniversal(node, Tag.UTC_TIME)) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!match) fail(`bad UTCTime ${JSON.stringify(text)}`);
    const yy = Number(match[1]);
    return utc(yy < 50 ? 2000 + yy : 1900 + yy, match, '');
  }
  if (isUniversal(node, Tag.GENERALIZED_TIME)) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(text);
    if (!match) fail(`bad GeneralizedTime ${JSON.stringify(text)}`);
    return utc(Number(match[1]), match, match[7] ?? '');
  }
  fail('expected a time');
}

function utc(year: number, m: RegExpExecArray, fraction: string): Date {
  const ms = fraction ? Math.floor(Number('0.' + fraction) * 1000) : 0;
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
  return date;
}
