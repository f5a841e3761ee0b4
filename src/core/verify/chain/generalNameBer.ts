// OpenSSL's d2i is a BER reader, not a DER one: a nameConstraints extension must be refused exactly where
// OpenSSL's ASN1_item_d2i refuses it (crypto/asn1/asn1_lib.c, tasn_dec.c) and accepted everywhere else, so
// this reader follows its rules (long and non-minimal lengths, indefinite lengths, constructed strings)
// rather than the strict DER reader of the x509 folder.

export class BerError extends Error {}

export const CLASS_UNIVERSAL = 0;
export const CLASS_CONTEXT = 2;

/** The nesting OpenSSL allows inside a constructed string (ASN1_MAX_STRING_NEST). */
const MAX_STRING_NEST = 5;

export interface BerHeader {
  cls: number;
  cons: boolean;
  tag: number;
  /** Indefinite length: the contents run to an end-of-contents inside `limit`. */
  inf: boolean;
  start: number;
  contentStart: number;
  /** Definite length: the end of the contents; indefinite: the limit the contents may run to. */
  end: number;
}

export function berFail(why: string): never {
  throw new BerError(why);
}

/** ASN1_get_object as asn1_check_tlen calls it: any header error, or contents running past `limit`, fail. */
export function readHeader(buf: Buffer, pos: number, limit: number): BerHeader {
  const start = pos;
  if (pos >= limit) berFail('no data');
  const first = buf[pos];
  const cls = first >> 6;
  const cons = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  pos++;
  if (tag === 0x1f) {
    if (pos >= limit) berFail('header too long');
    tag = 0;
    while (buf[pos] & 0x80) {
      tag = tag * 128 + (buf[pos] & 0x7f);
      pos++;
      if (pos >= limit || tag > 0x7fffffff >> 7) berFail('header too long');
    }
    tag = tag * 128 + (buf[pos] & 0x7f);
    pos++;
  }
  if (pos >= limit) berFail('header too long');
  let inf = false;
  let length = 0;
  const lead = buf[pos++];
  if (lead === 0x80) {
    inf = true;
  } else if (lead & 0x80) {
    let count = lead & 0x7f;
    if (limit - pos < count) berFail('header too long');
    while (count > 0 && buf[pos] === 0) {
      pos++;
      count--;
    }
    // sizeof(long) on the 64-bit builds this mirrors; anything past 2^53 runs past any buffer anyway.
    if (count > 8) berFail('length too long');
    for (; count > 0; count--) length = length * 256 + buf[pos++];
  } else {
    length = lead;
  }
  if (inf && !cons) berFail('indefinite length on a primitive');
  if (!inf && length > limit - pos) berFail('too long');
  return { cls, cons, tag, inf, start, contentStart: pos, end: inf ? limit : pos + length };
}

export function isEoc(buf: Buffer, pos: number, limit: number): boolean {
  return limit - pos >= 2 && buf[pos] === 0 && buf[pos + 1] === 0;
}

/**
 * The contents of a constructed value, read field by field as tasn_dec.c does: an end-of-contents inside
 * definite contents is an error; indefinite contents must close with one.
 */
export class BerRegion {
  pos: number;
  private readonly end: number;
  private readonly inf: boolean;
  private closed = false;

  constructor(
    readonly buf: Buffer,
    header: BerHeader,
  ) {
    this.pos = header.contentStart;
    this.end = header.end;
    this.inf = header.inf;
  }

  get limit(): number {
    return this.end;
  }

  /** Another element follows (consumes the end-of-contents of indefinite contents when it comes). */
  more(): boolean {
    if (this.closed || this.pos >= this.end) return false;
    if (isEoc(this.buf, this.pos, this.end)) {
      if (!this.inf) berFail('unexpected end-of-contents');
      this.pos += 2;
      this.closed = true;
      return false;
    }
    return true;
  }

  peek(): BerHeader {
    return readHeader(this.buf, this.pos, this.end);
  }

  /** After the last field: nothing may be left over; returns where the value ends in its parent. */
  finish(): number {
    if (this.closed) return this.pos;
    if (this.inf) {
      if (!isEoc(this.buf, this.pos, this.end)) berFail('missing end-of-contents');
      this.pos += 2;
      this.closed = true;
      return this.pos;
    }
    if (this.pos !== this.end) berFail('length mismatch');
    return this.pos;
  }
}

/** The contents of a string-like value: primitive as is, constructed gathered as asn1_collect does. */
export function stringContents(buf: Buffer, h: BerHeader): { data: Buffer; next: number } {
  if (!h.cons) return { data: buf.subarray(h.contentStart, h.end), next: h.end };
  const parts: Buffer[] = [];
  const next = collect(buf, h.contentStart, h.end, h.inf, 0, parts);
  return { data: Buffer.concat(parts), next };
}

function collect(buf: Buffer, pos: number, end: number, inf: boolean, depth: number, parts: Buffer[]): number {
  while (pos < end) {
    if (isEoc(buf, pos, end)) {
      if (!inf) berFail('unexpected end-of-contents');
      return pos + 2;
    }
    const h = readHeader(buf, pos, end);
    if (h.cons) {
      if (depth >= MAX_STRING_NEST) berFail('nested string too deep');
      pos = collect(buf, h.contentStart, h.end, h.inf, depth + 1, parts);
    } else {
      parts.push(buf.subarray(h.contentStart, h.end));
      pos = h.end;
    }
  }
  if (inf) berFail('missing end-of-contents');
  return pos;
}

/** Where a value left in its encoded form ends (asn1_find_end for indefinite lengths). */
export function skipValue(buf: Buffer, h: BerHeader): number {
  if (!h.inf) return h.end;
  let expected = 1;
  let pos = h.contentStart;
  const end = h.end;
  while (pos < end) {
    if (isEoc(buf, pos, end)) {
      pos += 2;
      expected--;
      if (expected === 0) return pos;
      continue;
    }
    const inner = readHeader(buf, pos, end);
    if (inner.inf) {
      expected++;
      pos = inner.contentStart;
    } else {
      pos = inner.end;
    }
  }
  berFail('missing end-of-contents');
}

/** c2i_ASN1_INTEGER's checks: no empty contents, no redundant leading byte. */
export function checkInteger(data: Buffer): void {
  if (data.length === 0) berFail('empty INTEGER');
  if (data.length === 1) return;
  const neg = data[0] & 0x80;
  let pad = false;
  if (data[0] === 0) pad = true;
  else if (data[0] === 0xff) pad = data.subarray(1).some((b) => b !== 0);
  if (pad && neg === (data[1] & 0x80)) berFail('INTEGER with illegal padding');
}

/** c2i_ASN1_OBJECT's checks. */
export function checkOid(data: Buffer): void {
  if (data.length === 0 || data[data.length - 1] & 0x80) berFail('bad OBJECT IDENTIFIER');
  for (let i = 0; i < data.length; i++)
    if (data[i] === 0x80 && (i === 0 || !(data[i - 1] & 0x80))) berFail('bad OBJECT IDENTIFIER');
}

/** asn1_ex_c2i's checks on the contents of a universal type. */
export function checkUniversalContents(tag: number, data: Buffer): void {
  switch (tag) {
    case 1:
      if (data.length !== 1) berFail('BOOLEAN of wrong length');
      return;
    case 2:
    case 10:
      checkInteger(data);
      return;
    case 3:
      if (data.length < 1 || data[0] > 7) berFail('bad BIT STRING');
      return;
    case 5:
      if (data.length !== 0) berFail('NULL of wrong length');
      return;
    case 6:
      checkOid(data);
      return;
    case 28:
      if (data.length % 4 !== 0) berFail('UniversalString of wrong length');
      return;
    case 30:
      if (data.length % 2 !== 0) berFail('BMPString of wrong length');
      return;
  }
}

/** Types asn1_d2i_ex_primitive refuses in constructed form. */
export function mustBePrimitive(tag: number): boolean {
  return tag === 1 || tag === 2 || tag === 5 || tag === 6 || tag === 10;
}

/** A primitive universal value of a fixed type at `pos` (OBJECT, INTEGER, OCTET STRING, IA5String ...). */
export function readTyped(
  buf: Buffer,
  pos: number,
  limit: number,
  cls: number,
  tag: number,
  utype: number,
): { data: Buffer; next: number } {
  const h = readHeader(buf, pos, limit);
  if (h.cls !== cls || h.tag !== tag) berFail('wrong tag');
  return readAs(buf, h, utype);
}

/** The value under header `h` decoded as universal type `utype` (the header may carry an implicit tag). */
export function readAs(buf: Buffer, h: BerHeader, utype: number): { data: Buffer; next: number } {
  if (h.cons && mustBePrimitive(utype)) berFail('type not primitive');
  const got = stringContents(buf, h);
  checkUniversalContents(utype, got.data);
  return got;
}

/** DER length octets. */
export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function derTlv(tagByte: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tagByte]), derLength(contents.length), contents]);
}
