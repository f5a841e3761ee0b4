// GeneralName and Name as OpenSSL 3.0 decodes them (crypto/x509/v3_genn.c, x_name.c): the same acceptance,
// and the canonical encoding x509_name_canon computes, which is what directoryName constraints compare.
import {
  BerError,
  BerHeader,
  BerRegion,
  CLASS_CONTEXT,
  CLASS_UNIVERSAL,
  berFail,
  derTlv,
  readAs,
  readHeader,
  readTyped,
  skipValue,
} from './generalNameBer';
import { CANON_TAGS, canonText, stringToUtf8 } from './generalNameText';

/** GEN_* of x509v3.h: the GeneralName CHOICE's tag numbers. */
export const GEN = {
  OTHERNAME: 0,
  EMAIL: 1,
  DNS: 2,
  X400: 3,
  DIRNAME: 4,
  EDIPARTY: 5,
  URI: 6,
  IPADD: 7,
  RID: 8,
} as const;

export interface NameEntry {
  /** The attribute type's OID contents. */
  oid: Buffer;
  /** The value's universal tag (16 for a SEQUENCE, kept in encoded form). */
  tag: number;
  /** The value's contents (gathered when constructed); for a SEQUENCE, its whole encoding. */
  value: Buffer;
}

export interface DecodedName {
  entries: NameEntry[];
  /** x509_name_canon's encoding: the RDNs' canonical SETs, concatenated. */
  canon: Buffer;
}

export type GeneralName =
  | { type: typeof GEN.OTHERNAME; typeId: Buffer; valueTag: number; value: Buffer }
  | { type: typeof GEN.EMAIL | typeof GEN.DNS | typeof GEN.URI | typeof GEN.IPADD; value: Buffer }
  | { type: typeof GEN.DIRNAME; name: DecodedName }
  | { type: typeof GEN.X400 | typeof GEN.EDIPARTY | typeof GEN.RID };

/** ASN1_tag2bit & B_ASN1_PRINTABLE: the universal tags a name attribute's value may carry. */
const PRINTABLE_TAGS = new Set([3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30]);
/** B_ASN1_DIRECTORYSTRING. */
const DIRECTORY_STRING_TAGS = new Set([12, 19, 20, 28, 30]);
/** The tag ASN1_ANY keeps for a value of a non-universal class (V_ASN1_OTHER). */
const OTHER = -3;

const SMTP_UTF8_MAILBOX = Buffer.from('2b06010505070809', 'hex');
export const OID_COMMON_NAME = Buffer.from('550403', 'hex');
export const OID_EMAIL_ADDRESS = Buffer.from('2a864886f70d010901', 'hex');

export function isSmtpUtf8Mailbox(oid: Buffer): boolean {
  return oid.equals(SMTP_UTF8_MAILBOX);
}

function expectConstructed(h: BerHeader): void {
  if (!h.cons) berFail('not constructed');
}

/** A value of an MSTRING of the given tags (universal class only), as asn1_d2i_ex_primitive reads it. */
function readMString(
  buf: Buffer,
  pos: number,
  limit: number,
  tags: Set<number>,
): { entry: NameEntryValue; next: number } {
  const h = readHeader(buf, pos, limit);
  if (h.cls !== CLASS_UNIVERSAL || !tags.has(h.tag)) berFail('wrong string type');
  if (h.tag === 16) {
    expectConstructed(h);
    const next = skipValue(buf, h);
    return { entry: { tag: 16, value: buf.subarray(h.start, next) }, next };
  }
  const got = readAs(buf, h, h.tag);
  return { entry: { tag: h.tag, value: got.data }, next: got.next };
}

interface NameEntryValue {
  tag: number;
  value: Buffer;
}

/** x509_name_ex_d2i on the Name whose header is `h`: its entries, then its canonical encoding. */
export function readName(buf: Buffer, h: BerHeader): { name: DecodedName; next: number } {
  if (h.cls !== CLASS_UNIVERSAL || h.tag !== 16) berFail('Name is not a SEQUENCE');
  expectConstructed(h);
  const rdns: NameEntry[][] = [];
  const seq = new BerRegion(buf, h);
  while (seq.more()) {
    const setHeader = seq.peek();
    if (setHeader.cls !== CLASS_UNIVERSAL || setHeader.tag !== 17) berFail('RDN is not a SET');
    expectConstructed(setHeader);
    const set = new BerRegion(buf, setHeader);
    const rdn: NameEntry[] = [];
    while (set.more()) {
      const entryHeader = set.peek();
      if (entryHeader.cls !== CLASS_UNIVERSAL || entryHeader.tag !== 16) berFail('attribute is not a SEQUENCE');
      expectConstructed(entryHeader);
      const fields = new BerRegion(buf, entryHeader);
      if (!fields.more()) berFail('attribute type missing');
      const oid = readTyped(buf, fields.pos, fields.limit, CLASS_UNIVERSAL, 6, 6);
      fields.pos = oid.next;
      if (!fields.more()) berFail('attribute value missing');
      const value = readMString(buf, fields.pos, fields.limit, PRINTABLE_TAGS);
      fields.pos = value.next;
      set.pos = fields.finish();
      rdn.push({ oid: oid.data, ...value.entry });
    }
    seq.pos = set.finish();
    rdns.push(rdn);
  }
  const next = seq.finish();
  return { name: { entries: rdns.flat(), canon: canonicalName(rdns) }, next };
}

/** A Name given whole as DER (a certificate's subject); undefined where OpenSSL could not decode it. */
export function decodeName(der: Buffer): DecodedName | undefined {
  try {
    return readName(der, readHeader(der, 0, der.length)).name;
  } catch (e) {
    if (e instanceof BerError) return undefined;
    throw e;
  }
}

function canonicalValue(entry: NameEntry): Buffer {
  if (CANON_TAGS.has(entry.tag)) {
    const utf8 = stringToUtf8(entry.tag, entry.value);
    if (utf8 === undefined) berFail('name string not convertible to UTF-8');
    return derTlv(0x0c, canonText(utf8));
  }
  if (entry.tag === 16) return entry.value;
  if (entry.tag === 3) {
    // c2i_ASN1_BIT_STRING clears the unused bits and i2c writes them back as read; no data, no unused bits.
    if (entry.value.length <= 1) return derTlv(0x03, Buffer.from([0]));
    const bits = Buffer.from(entry.value);
    bits[bits.length - 1] &= (0xff << bits[0]) & 0xff;
    return derTlv(0x03, bits);
  }
  return derTlv(entry.tag, entry.value);
}

function compareDer(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  const c = Buffer.compare(a.subarray(0, n), b.subarray(0, n));
  return c !== 0 ? c : a.length - b.length;
}

/** x509_name_canon: each RDN re-encoded as a DER SET of canonical entries; empty RDNs leave no trace. */
function canonicalName(rdns: NameEntry[][]): Buffer {
  const sets: Buffer[] = [];
  for (const rdn of rdns) {
    if (rdn.length === 0) continue;
    const encoded = rdn
      .map((entry) => derTlv(0x30, Buffer.concat([derTlv(0x06, entry.oid), canonicalValue(entry)])))
      .sort(compareDer);
    sets.push(derTlv(0x31, Buffer.concat(encoded)));
  }
  return Buffer.concat(sets);
}

/** ASN1_ANY: the tag and contents OpenSSL keeps for an otherName's value. */
function readAny(buf: Buffer, pos: number, limit: number): { tag: number; value: Buffer; next: number } {
  const h = readHeader(buf, pos, limit);
  const tag = h.cls === CLASS_UNIVERSAL ? h.tag : OTHER;
  if (tag === 16 || tag === 17 || tag === OTHER) {
    if (tag !== OTHER) expectConstructed(h);
    const next = skipValue(buf, h);
    return { tag, value: buf.subarray(h.start, next), next };
  }
  const got = readAs(buf, h, tag);
  return { tag, value: got.data, next: got.next };
}

/** An EXPLICIT tag's contents: one value, then exactly the end of the tag. */
function readExplicit<T>(
  buf: Buffer,
  h: BerHeader,
  inner: (pos: number, limit: number) => T & { next: number },
): T & { next: number } {
  expectConstructed(h);
  const region = new BerRegion(buf, h);
  const got = inner(region.pos, region.limit);
  region.pos = got.next;
  return { ...got, next: region.finish() };
}

/** One GeneralName (GENERAL_NAME's CHOICE) at `pos`. */
export function readGeneralName(buf: Buffer, pos: number, limit: number): { name: GeneralName; next: number } {
  const h = readHeader(buf, pos, limit);
  if (h.cls !== CLASS_CONTEXT || h.tag > 8) berFail('no matching GeneralName choice');
  switch (h.tag) {
    case GEN.OTHERNAME: {
      expectConstructed(h);
      const fields = new BerRegion(buf, h);
      if (!fields.more()) berFail('otherName type missing');
      const typeId = readTyped(buf, fields.pos, fields.limit, CLASS_UNIVERSAL, 6, 6);
      fields.pos = typeId.next;
      if (!fields.more()) berFail('otherName value missing');
      const valueHeader = fields.peek();
      if (valueHeader.cls !== CLASS_CONTEXT || valueHeader.tag !== 0) berFail('otherName value is not [0]');
      const value = readExplicit(buf, valueHeader, (p, l) => readAny(buf, p, l));
      fields.pos = value.next;
      const next = fields.finish();
      return { name: { type: GEN.OTHERNAME, typeId: typeId.data, valueTag: value.tag, value: value.value }, next };
    }
    case GEN.EMAIL:
    case GEN.DNS:
    case GEN.URI:
    case GEN.IPADD: {
      const got = readAs(buf, h, h.tag === GEN.IPADD ? 4 : 22);
      return { name: { type: h.tag, value: got.data }, next: got.next };
    }
    case GEN.X400:
      expectConstructed(h);
      return { name: { type: GEN.X400 }, next: skipValue(buf, h) };
    case GEN.DIRNAME: {
      const got = readExplicit(buf, h, (p, l) => readName(buf, readHeader(buf, p, l)));
      return { name: { type: GEN.DIRNAME, name: got.name }, next: got.next };
    }
    case GEN.EDIPARTY: {
      expectConstructed(h);
      const fields = new BerRegion(buf, h);
      if (!fields.more()) berFail('partyName missing');
      let field = fields.peek();
      if (field.cls === CLASS_CONTEXT && field.tag === 0) {
        fields.pos = readExplicit(buf, field, (p, l) => readMString(buf, p, l, DIRECTORY_STRING_TAGS)).next;
        if (!fields.more()) berFail('partyName missing');
        field = fields.peek();
      }
      if (field.cls !== CLASS_CONTEXT || field.tag !== 1) berFail('partyName missing');
      fields.pos = readExplicit(buf, field, (p, l) => readMString(buf, p, l, DIRECTORY_STRING_TAGS)).next;
      return { name: { type: GEN.EDIPARTY }, next: fields.finish() };
    }
    default: {
      const got = readAs(buf, h, 6);
      return { name: { type: GEN.RID }, next: got.next };
    }
  }
}

/** Contents of a SEQUENCE OF whose header is `h`, each element read by `item`. */
export function readSequenceOf<T>(
  buf: Buffer,
  h: BerHeader,
  item: (pos: number, limit: number) => { value: T; next: number },
): { items: T[]; next: number } {
  expectConstructed(h);
  const region = new BerRegion(buf, h);
  const items: T[] = [];
  while (region.more()) {
    const got = item(region.pos, region.limit);
    items.push(got.value);
    region.pos = got.next;
  }
  return { items, next: region.finish() };
}

/**
 * A subjectAltName's value (GeneralNames) as X509_get_ext_d2i reads it; undefined where OpenSSL's d2i fails
 * (OpenSSL then has no altname and marks the certificate invalid). Trailing bytes are ignored, as there.
 */
export function parseGeneralNames(der: Buffer): GeneralName[] | undefined {
  try {
    const h = readHeader(der, 0, der.length);
    if (h.cls !== CLASS_UNIVERSAL || h.tag !== 16) return undefined;
    return readSequenceOf(der, h, (p, l) => {
      const got = readGeneralName(der, p, l);
      return { value: got.name, next: got.next };
    }).items;
  } catch (e) {
    if (e instanceof BerError) return undefined;
    throw e;
  }
}
