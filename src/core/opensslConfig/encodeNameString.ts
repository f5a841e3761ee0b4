// How OpenSSL 3.0 turns a config value into the string of a DN attribute (ASN1_STRING_set_by_NID and
// ASN1_mbstring_ncopy): per-attribute size limits and permitted types (crypto/asn1/a_strnid.c, probed on 3.0.22),
// the global `string_mask`, and the input form: without `utf8 = yes` every byte is one character, so UTF-8
// text in the config ends up double-encoded in the CSR ("Müller" becomes "MÃ¼ller").

export type Asn1StringType =
  'NUMERICSTRING' | 'PRINTABLESTRING' | 'IA5STRING' | 'T61STRING' | 'BMPSTRING' | 'UNIVERSALSTRING' | 'UTF8STRING';

export const B_NUMERIC = 0x0001;
export const B_PRINTABLE = 0x0002;
export const B_T61 = 0x0004;
export const B_IA5 = 0x0010;
export const B_UNIVERSAL = 0x0100;
export const B_BMP = 0x0800;
export const B_UTF8 = 0x2000;
const DIRSTRING = B_PRINTABLE | B_T61 | B_BMP | B_UTF8;
const PKCS9STRING = DIRSTRING | B_IA5;

/** DER tags of the string types, for encoding and for comparing with a CSR. */
export const ASN1_STRING_TAGS: Record<Asn1StringType, number> = {
  NUMERICSTRING: 0x12,
  PRINTABLESTRING: 0x13,
  T61STRING: 0x14,
  IA5STRING: 0x16,
  UNIVERSALSTRING: 0x1c,
  BMPSTRING: 0x1e,
  UTF8STRING: 0x0c,
};

interface StringRule {
  min: number;
  max: number;
  mask: number;
  /** The global string_mask does not apply. */
  noMask: boolean;
}

const rule = (min: number, max: number, mask: number, noMask = false): StringRule => ({ min, max, mask, noMask });

/** By OpenSSL short name. Attributes not listed take any DirectoryString type, of any length. */
const STRING_RULES: Record<string, StringRule> = {
  CN: rule(1, 64, DIRSTRING),
  C: rule(2, 2, B_PRINTABLE, true),
  L: rule(1, 128, DIRSTRING),
  ST: rule(1, 128, DIRSTRING),
  O: rule(1, 64, DIRSTRING),
  OU: rule(1, 64, DIRSTRING),
  emailAddress: rule(1, 128, B_IA5, true),
  unstructuredName: rule(1, -1, PKCS9STRING),
  challengePassword: rule(1, -1, PKCS9STRING),
  unstructuredAddress: rule(1, -1, DIRSTRING),
  GN: rule(1, 32768, DIRSTRING),
  SN: rule(1, 32768, DIRSTRING),
  initials: rule(1, 32768, DIRSTRING),
  serialNumber: rule(1, 64, B_PRINTABLE, true),
  friendlyName: rule(-1, -1, B_BMP, true),
  name: rule(1, 32768, DIRSTRING),
  dnQualifier: rule(-1, -1, B_PRINTABLE, true),
  DC: rule(1, -1, B_IA5, true),
  CSPName: rule(-1, -1, B_BMP, true),
  INN: rule(1, 12, B_NUMERIC, true),
  OGRN: rule(1, 13, B_NUMERIC, true),
  SNILS: rule(1, 11, B_NUMERIC, true),
  jurisdictionC: rule(2, 2, B_PRINTABLE, true),
  c3: rule(3, 3, B_PRINTABLE, true),
  n3: rule(3, 3, B_NUMERIC, true),
  dnsName: rule(0, -1, B_UTF8, true),
};

export function stringRuleFor(
  shortName: string | undefined,
): { min: number; max: number; types: Asn1StringType[] } | undefined {
  const r = shortName !== undefined ? STRING_RULES[shortName] : undefined;
  if (!r) return undefined;
  const types = (Object.keys(ASN1_STRING_TAGS) as Asn1StringType[]).filter((t) => (r.mask & maskOf(t)) !== 0);
  return { min: r.min, max: r.max, types };
}

function maskOf(type: Asn1StringType): number {
  switch (type) {
    case 'NUMERICSTRING':
      return B_NUMERIC;
    case 'PRINTABLESTRING':
      return B_PRINTABLE;
    case 'IA5STRING':
      return B_IA5;
    case 'T61STRING':
      return B_T61;
    case 'BMPSTRING':
      return B_BMP;
    case 'UNIVERSALSTRING':
      return B_UNIVERSAL;
    case 'UTF8STRING':
      return B_UTF8;
  }
}

/** ASN1_STRING_set_default_mask_asc; undefined for a setting OpenSSL rejects. The default is utf8only. */
export function parseStringMask(text: string): number | undefined {
  if (text.startsWith('MASK:')) {
    const body = text.slice(5);
    if (body === '') return undefined;
    // strtoul(..., 0): optional blanks and sign, then 0x hex, 0 octal or decimal, and nothing after.
    const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(body);
    if (!m) return undefined;
    const digits = m[2];
    let value = /^0[xX]/.test(digits)
      ? Number.parseInt(digits.slice(2), 16)
      : digits.length > 1 && digits[0] === '0'
        ? Number.parseInt(digits, 8)
        : Number(digits);
    if (m[1] === '-') value = -value;
    return value >>> 0;
  }
  switch (text) {
    case 'nombstr':
      return ~(B_BMP | B_UTF8) >>> 0;
    case 'pkix':
      return ~B_T61 >>> 0;
    case 'utf8only':
      return B_UTF8;
    case 'default':
      return 0xffffffff;
    default:
      return undefined;
  }
}

export const DEFAULT_STRING_MASK = B_UTF8;

export type EncodeNameStringResult =
  | { ok: true; type: Asn1StringType; value: string; content: Uint8Array }
  | { ok: false; reason: 'too-short' | 'too-long' | 'illegal-characters' | 'invalid-utf8'; limit?: number };

function isPrintableStringChar(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x20 ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x2b ||
    c === 0x2c ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x2f ||
    c === 0x3a ||
    c === 0x3d ||
    c === 0x3f
  );
}

/**
 * The string OpenSSL stores for `value` in an attribute with short name `shortName` (undefined: no table entry).
 * `utf8` is req's `utf8 = yes`; `globalMask` the string_mask.
 */
export function encodeNameString(
  value: string,
  shortName: string | undefined,
  utf8: boolean,
  globalMask: number = DEFAULT_STRING_MASK,
): EncodeNameStringResult {
  const bytes = Buffer.from(value, 'utf8');
  let chars: number[];
  if (utf8) {
    chars = [];
    for (const ch of value) {
      const cp = ch.codePointAt(0) as number;
      if (cp >= 0xd800 && cp <= 0xdfff) return { ok: false, reason: 'invalid-utf8' };
      chars.push(cp);
    }
  } else {
    chars = Array.from(bytes);
  }
  const r = shortName !== undefined ? STRING_RULES[shortName] : undefined;
  let mask: number;
  if (r) mask = r.noMask ? r.mask : r.mask & globalMask;
  else mask = DIRSTRING & globalMask;
  if (mask === 0) mask = DIRSTRING;
  const min = r ? r.min : 0;
  const max = r ? r.max : 0;
  if (min > 0 && chars.length < min) return { ok: false, reason: 'too-short', limit: min };
  if (max > 0 && chars.length > max) return { ok: false, reason: 'too-long', limit: max };
  for (const c of chars) {
    if (mask & B_NUMERIC && !((c >= 0x30 && c <= 0x39) || c === 0x20)) mask &= ~B_NUMERIC;
    if (mask & B_PRINTABLE && !isPrintableStringChar(c)) mask &= ~B_PRINTABLE;
    if (mask & B_IA5 && c > 0x7f) mask &= ~B_IA5;
    if (mask & B_T61 && c > 0xff) mask &= ~B_T61;
    if (mask & B_BMP && c > 0xffff) mask &= ~B_BMP;
    if (mask & B_UTF8 && (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))) mask &= ~B_UTF8;
    if (mask === 0) return { ok: false, reason: 'illegal-characters' };
  }
  let type: Asn1StringType;
  if (mask & B_NUMERIC) type = 'NUMERICSTRING';
  else if (mask & B_PRINTABLE) type = 'PRINTABLESTRING';
  else if (mask & B_IA5) type = 'IA5STRING';
  else if (mask & B_T61) type = 'T61STRING';
  else if (mask & B_BMP) type = 'BMPSTRING';
  else if (mask & B_UNIVERSAL) type = 'UNIVERSALSTRING';
  else type = 'UTF8STRING';
  const text = utf8 ? value : bytes.toString('latin1');
  let content: Uint8Array;
  switch (type) {
    case 'UTF8STRING':
      content = Buffer.from(text, 'utf8');
      break;
    case 'BMPSTRING': {
      const b = Buffer.alloc(chars.length * 2);
      chars.forEach((c, i) => b.writeUInt16BE(c, i * 2));
      content = b;
      break;
    }
    case 'UNIVERSALSTRING': {
      const b = Buffer.alloc(chars.length * 4);
      chars.forEach((c, i) => b.writeUInt32BE(c, i * 4));
      content = b;
      break;
    }
    default:
      content = Uint8Array.from(chars);
  }
  return { ok: true, type, value: text, content };
}
