// ASN1_STRING_to_UTF8 and x509_name_canon's string rule (crypto/asn1/a_strex.c, a_mbstr.c, crypto/x509/x_name.c):
// what OpenSSL compares when it matches directory names, and what it reads from a CN that may be a host name.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes per character of the types ASN1_STRING_to_UTF8 converts (tag2nbyte); 0 is UTF-8 itself. */
const BYTES_PER_CHAR: Record<number, number> = {
  12: 0,
  18: 1,
  19: 1,
  20: 1,
  22: 1,
  23: 1,
  24: 1,
  26: 1,
  28: 4,
  30: 2,
};

/**
 * ASN1_STRING_to_UTF8 of a universal string `tag` with `data`: undefined where OpenSSL fails (types it does
 * not convert, malformed UTF-8, code points past U+10FFFF or in the surrogate range, odd BMP lengths).
 */
export function stringToUtf8(tag: number, data: Buffer): Buffer | undefined {
  const width = BYTES_PER_CHAR[tag];
  if (width === undefined) return undefined;
  if (width === 0) {
    try {
      strictUtf8.decode(data);
    } catch {
      return undefined;
    }
    return data;
  }
  if (data.length % width !== 0) return undefined;
  let text = '';
  for (let i = 0; i < data.length; i += width) {
    const cp = width === 1 ? data[i] : width === 2 ? data.readUInt16BE(i) : data.readUInt32BE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    text += String.fromCodePoint(cp);
  }
  return Buffer.from(text, 'utf8');
}

/** The string types x509_name_canon folds to UTF8String (ASN1_MASK_CANON). */
export const CANON_TAGS = new Set([12, 19, 20, 22, 26, 28, 30]);

/** C-locale isspace. */
function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** asn1_string_canon on UTF-8 bytes: trimmed, runs of ASCII white space made one space, ASCII lowercased. */
export function canonText(utf8: Buffer): Buffer {
  let from = 0;
  let to = utf8.length;
  while (from < to && isSpace(utf8[from])) from++;
  while (to > from && isSpace(utf8[to - 1])) to--;
  const out: number[] = [];
  let i = from;
  while (i < to) {
    const b = utf8[i];
    if (b > 0x7f) {
      out.push(b);
      i++;
    } else if (isSpace(b)) {
      out.push(0x20);
      while (isSpace(utf8[i])) i++;
    } else {
      out.push(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
      i++;
    }
  }
  return Buffer.from(out);
}
