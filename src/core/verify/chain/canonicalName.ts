// X509_NAME_cmp compares names by OpenSSL's canonical encoding (x509_name_canon): string values become UTF-8,
// lose leading and trailing white space, collapse inner white space and fold ASCII case; RDNs are re-encoded as
// DER SETs (sorted) and concatenated without the outer SEQUENCE. Two names are equal for OpenSSL exactly when these
// bytes are equal; the issuer lookup, self-issued detection and AKID issuer checks all go through it.
import { DerNode, TagClass, children } from '../../x509/der';

// ASN1_MASK_CANON: UTF8String, BMPString, UniversalString, PrintableString, T61String, IA5String, VisibleString.
const CANON_TAGS = new Set([12, 30, 28, 19, 20, 22, 26]);

// The encoding is built as a binary string (one char per byte): it is only ever a Map key or compared.
function header(tag: number, length: number): string {
  if (length < 0x80) return String.fromCharCode(tag, length);
  let bytes = '';
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes = String.fromCharCode(n & 0xff) + bytes;
  return String.fromCharCode(tag, 0x80 | bytes.length) + bytes;
}

function tlv(tag: number, body: string): string {
  return header(tag, body.length) + body;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** ASN1_STRING_to_UTF8 of a value with one of the canonical tags, as a binary string of UTF-8 bytes. */
function toUtf8(node: DerNode): string {
  const { buf, contentStart, end } = node;
  switch (node.tag) {
    case 12:
      return buf.toString('latin1', contentStart, end);
    case 30: {
      let out = '';
      for (let i = contentStart; i + 1 < end; i += 2) out += String.fromCharCode(buf.readUInt16BE(i));
      return Buffer.from(out, 'utf8').toString('latin1');
    }
    case 28: {
      let out = '';
      for (let i = contentStart; i + 3 < end; i += 4) {
        const cp = buf.readUInt32BE(i);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return Buffer.from(out, 'utf8').toString('latin1');
    }
    default: {
      // One byte per character (PrintableString, IA5String, VisibleString, T61String taken as Latin-1).
      let ascii = true;
      for (let i = contentStart; i < end; i++) if (buf[i] >= 0x80) ascii = false;
      const text = buf.toString('latin1', contentStart, end);
      return ascii ? text : Buffer.from(text, 'utf8').toString('latin1');
    }
  }
}

/** asn1_string_canon on UTF-8 bytes. */
function canonicalText(utf8: string): string {
  let start = 0;
  let end = utf8.length;
  while (start < end && isSpace(utf8.charCodeAt(start))) start++;
  while (end > start && isSpace(utf8.charCodeAt(end - 1))) end--;
  let out = '';
  let i = start;
  while (i < end) {
    const c = utf8.charCodeAt(i);
    if (c >= 0x80) {
      out += utf8[i++];
    } else if (isSpace(c)) {
      out += ' ';
      while (i < end && isSpace(utf8.charCodeAt(i))) i++;
    } else {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : utf8[i];
      i++;
    }
  }
  return out;
}

function canonicalValue(value: DerNode): string {
  if (value.tagClass === TagClass.UNIVERSAL && !value.constructed && CANON_TAGS.has(value.tag))
    return tlv(0x0c, canonicalText(toUtf8(value)));
  return value.buf.toString('latin1', value.start, value.end);
}

/** DER's SET OF order: byte-wise, a prefix first. */
function derCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical encoding of a Name (the SEQUENCE node), as a binary string usable as a Map key. Throws a
 * CoreError on DER it cannot walk; callers treat that certificate as one OpenSSL's lookup never matches.
 */
export function canonicalName(name: DerNode): string {
  let out = '';
  for (const rdn of children(name)) {
    const entries: string[] = [];
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (type === undefined || value === undefined) continue;
      entries.push(tlv(0x30, type.buf.toString('latin1', type.start, type.end) + canonicalValue(value)));
    }
    if (entries.length === 0) continue;
    if (entries.length > 1) entries.sort(derCompare);
    out += tlv(0x31, entries.join(''));
  }
  return out;
}
