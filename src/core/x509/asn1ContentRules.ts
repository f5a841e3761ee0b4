// The rules OpenSSL 3.0's template decoder applies to a primitive value's contents, and the ones its name
// canonicalisation adds for strings, as this machine's openssl was seen to apply them (test/unit/x509/
// certificateStructure.test.ts holds each one against it). Bytes are looked at where they lie.
import { CoreError } from '../errors';
import { Tag } from './der';

const ENUMERATED = 10;

function fail(message: string): never {
  throw new CoreError('malformed-der', message);
}

/** Universal types OpenSSL refuses in constructed (BER segmented) form. */
export function mustBePrimitive(tag: number): boolean {
  return tag === Tag.BOOLEAN || tag === Tag.INTEGER || tag === Tag.NULL || tag === Tag.OID || tag === ENUMERATED;
}

/** The contents `buf[start..end)` of a universal `tag`, as the decoder accepts them (any type, e.g. under ANY). */
export function checkContents(tag: number, buf: Uint8Array, start: number, end: number): void {
  const length = end - start;
  switch (tag) {
    case Tag.BOOLEAN:
      if (length !== 1) fail('BOOLEAN of wrong length');
      return;
    case Tag.INTEGER:
    case ENUMERATED:
      checkInteger(buf, start, end);
      return;
    case Tag.BIT_STRING:
      if (length < 1 || buf[start] > 7) fail('bad BIT STRING unused-bits byte');
      return;
    case Tag.NULL:
      if (length !== 0) fail('NULL of non-zero length');
      return;
    case Tag.OID:
      checkOid(buf, start, end);
      return;
    case Tag.UNIVERSAL_STRING:
      if (length % 4 !== 0) fail('UniversalString of wrong length');
      return;
    case Tag.BMP_STRING:
      if (length % 2 !== 0) fail('BMPString of wrong length');
      return;
    default:
      return;
  }
}

/** Non-empty and minimal: the first nine bits are not all equal. */
function checkInteger(buf: Uint8Array, start: number, end: number): void {
  if (start === end) fail('empty INTEGER');
  if (end - start > 1) {
    const first = buf[start];
    const second = buf[start + 1] & 0x80;
    if ((first === 0 && second === 0) || (first === 0xff && second !== 0)) fail('INTEGER with padding');
  }
}

/** Non-empty, the last byte ends a subidentifier, and no subidentifier starts with a 0x80 padding byte. */
export function checkOid(buf: Uint8Array, start: number, end: number): void {
  if (start === end || (buf[end - 1] & 0x80) !== 0) fail('bad OID encoding');
  let subStart = true;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (subStart && b === 0x80) fail('bad OID encoding');
    subStart = (b & 0x80) === 0;
  }
}

/**
 * What a name's string value must hold for OpenSSL to canonicalise it (it converts UTF8String, BMPString and
 * UniversalString to UTF-8, and refuses the name when that fails): well-formed UTF-8 (no overlong forms,
 * nothing past U+10FFFF, no surrogates), BMP code units that are not surrogates, Unicode scalar values.
 */
export function checkNameString(tag: number, buf: Uint8Array, start: number, end: number): void {
  if (tag === Tag.UTF8_STRING) {
    if (!isWellFormedUtf8(buf, start, end)) fail('invalid UTF8String in a name');
  } else if (tag === Tag.BMP_STRING) {
    for (let i = start; i + 1 < end; i += 2) {
      if ((buf[i] & 0xf8) === 0xd8) fail('surrogate in a BMPString in a name');
    }
  } else if (tag === Tag.UNIVERSAL_STRING) {
    for (let i = start; i + 3 < end; i += 4) {
      const value = buf[i] * 0x1000000 + (buf[i + 1] << 16) + (buf[i + 2] << 8) + buf[i + 3];
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) fail('invalid UniversalString in a name');
    }
  }
}

function isWellFormedUtf8(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let count: number;
    let value: number;
    let min: number;
    if ((b & 0xe0) === 0xc0) {
      count = 1;
      value = b & 0x1f;
      min = 0x80;
    } else if ((b & 0xf0) === 0xe0) {
      count = 2;
      value = b & 0x0f;
      min = 0x800;
    } else if ((b & 0xf8) === 0xf0) {
      count = 3;
      value = b & 0x07;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + count >= end) return false;
    for (let k = 1; k <= count; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      value = (value << 6) | (c & 0x3f);
    }
    if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return false;
    i += count + 1;
  }
  return true;
}
