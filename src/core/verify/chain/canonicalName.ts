// X509_NAME_cmp compares names by OpenSSL's canonical encoding (x509_name_canon): string values become UTF-8,
// lose leading and trailing white space, collapse inner white space and fold ASCII case; RDNs are re-encoded as
// DER SETs (sorted) and concatenated without the outer SEQUENCE. Two names are equal for OpenSSL exactly when these
// bytes are equal; the issuer lookup, self-issued detection and AKID issuer checks all go through it.
import { DerNode, TagClass, children, encoded } from '../../x509/der';

// ASN1_MASK_CANON: UTF8String, BMPString, UniversalString, PrintableString, T61String, IA5String, VisibleString.
const CANON_TAGS = new Set([12, 30, 28, 19, 20, 22, 26]);

function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([header(tag, body.length), body]);
}

/** ASN1_STRING_to_UTF8 of a value with one of the canonical tags. */
function toUtf8(node: DerNode): Buffer {
  const bytes = node.buf.subarray(node.contentStart, node.end);
  switch (node.tag) {
    case 12:
      return Buffer.from(bytes);
    case 30: {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
      return Buffer.from(out, 'utf8');
    }
    case 28: {
      let out = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        const cp = bytes.readUInt32BE(i);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return Buffer.from(out, 'utf8');
    }
    default:
      // One byte per character (PrintableString, IA5String, VisibleString, T61String taken as Latin-1).
      return Buffer.from(bytes.toString('latin1'), 'utf8');
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** asn1_string_canon on UTF-8 bytes. */
function canonicalText(utf8: Buffer): Buffer {
  let start = 0;
  let end = utf8.length;
  while (start < end && isSpace(utf8[start])) start++;
  while (end > start && isSpace(utf8[end - 1])) end--;
  const out: number[] = [];
  let i = start;
  while (i < end) {
    const c = utf8[i];
    if (c >= 0x80) {
      out.push(c);
      i++;
    } else if (isSpace(c)) {
      out.push(0x20);
      while (i < end && isSpace(utf8[i])) i++;
    } else {
      out.push(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
      i++;
    }
  }
  return Buffer.from(out);
}

function canonicalValue(value: DerNode): Buffer {
  if (value.tagClass === TagClass.UNIVERSAL && !value.constructed && CANON_TAGS.has(value.tag))
    return tlv(0x0c, canonicalText(toUtf8(value)));
  return encoded(value);
}

function derCompare(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  const c = a.subarray(0, n).compare(b.subarray(0, n));
  return c !== 0 ? c : a.length - b.length;
}

/**
 * The canonical encoding of a Name (the SEQUENCE node), as a binary string usable as a Map key. Throws a
 * CoreError on DER it cannot walk; callers treat that certificate as one OpenSSL's lookup never matches.
 */
export function canonicalName(name: DerNode): string {
  const sets: Buffer[] = [];
  for (const rdn of children(name)) {
    const entries: Buffer[] = [];
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (type === undefined || value === undefined) continue;
      entries.push(tlv(0x30, Buffer.concat([encoded(type), canonicalValue(value)])));
    }
    if (entries.length === 0) continue;
    entries.sort(derCompare);
    sets.push(tlv(0x31, Buffer.concat(entries)));
  }
  return Buffer.concat(sets).toString('latin1');
}
