import { contents, DerNode, Tag } from './der';

// OpenSSL's default name option for `x509 -subject` and `-text` is `oneline`: RFC 2253 escaping with quotes
// (esc_2253, esc_quote), control characters and every byte past 0x7f as `\XX` (esc_ctrl, esc_msb), values
// converted to UTF-8 first (utf8). Measured against openssl 3.0.22; the rules are those of its a_strex.c.

/** Characters RFC 2253 escapes anywhere; those that quoting protects instead of a backslash. */
const ESCAPED = new Set([0x2c, 0x2b, 0x22, 0x5c, 0x3c, 0x3e, 0x3b]); // , + " \ < > ;
const QUOTABLE = new Set([0x2c, 0x2b, 0x3c, 0x3e, 0x3b, 0x20, 0x23]); // , + < > ; space #

const HEX = '0123456789ABCDEF';

/** The UTF-8 bytes that openssl escapes one by one, escaped, in quotes when a special character needs them. */
export function escapeNameValue(bytes: ArrayLike<number>): string {
  let out = '';
  let quotes = false;
  const last = bytes.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = bytes[i];
    // A space is special first or last, a `#` first only (the last character counts as last, not first, so a
    // lone `#` passes); elsewhere they pass as they are.
    const special = ESCAPED.has(c) || ((i === 0 || i === last) && c === 0x20) || (i === 0 && i !== last && c === 0x23);
    if (special) {
      if (QUOTABLE.has(c)) {
        quotes = true;
        out += String.fromCharCode(c);
      } else {
        out += '\\' + String.fromCharCode(c);
      }
    } else if (c < 0x20 || c > 0x7e) {
      out += '\\' + HEX[c >> 4] + HEX[c & 15];
    } else {
      out += String.fromCharCode(c);
    }
  }
  return quotes ? `"${out}"` : out;
}

/** A string-typed attribute value as openssl prints it: the bytes it converts to UTF-8, escaped. */
export function opensslNameValue(node: DerNode): string {
  return escapeNameValue(utf8Bytes(node));
}

/**
 * What OpenSSL feeds its escaper: a UTF8String's bytes as they are (valid or not), every other string's
 * characters encoded in UTF-8 one code unit at a time (so a BMPString's surrogates are encoded apart).
 */
function utf8Bytes(node: DerNode): number[] {
  const bytes = contents(node);
  const out: number[] = [];
  if (node.tag === Tag.UTF8_STRING) return Array.from(bytes);
  if (node.tag === Tag.BMP_STRING) {
    if (bytes.length % 2) return [];
    for (let i = 0; i < bytes.length; i += 2) pushUtf8(out, bytes.readUInt16BE(i));
  } else if (node.tag === Tag.UNIVERSAL_STRING) {
    if (bytes.length % 4) return [];
    for (let i = 0; i < bytes.length; i += 4) pushUtf8(out, bytes.readUInt32BE(i));
  } else {
    for (const b of bytes) pushUtf8(out, b);
  }
  return out;
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else if (cp < 0x110000)
    out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
