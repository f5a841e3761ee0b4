// The extension values x509v3_cache_extensions decodes, read as X509V3_EXT_d2i reads them: ASN1_item_d2i,
// a BER reader that stops after the first value (trailing bytes are never looked at) and follows the
// templates of crypto/x509/v3_*.c. A BerError means OpenSSL's d2i fails, so the certificate is invalid.
import {
  BerHeader,
  BerRegion,
  CLASS_CONTEXT,
  CLASS_UNIVERSAL,
  berFail,
  readAs,
  readHeader,
  readTyped,
  skipValue,
} from './generalNameBer';
import { GEN, GeneralName, readGeneralName, readName, readSequenceOf } from './generalNames';

const PRINTABLE_TAGS = new Set([3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30]);

function first(value: Buffer): BerHeader {
  return readHeader(value, 0, value.length);
}

/** An ASN1_SEQUENCE item's header: universal 16 and constructed (ASN1_R_SEQUENCE_NOT_CONSTRUCTED). */
function sequenceRegion(buf: Buffer, h: BerHeader, cls = CLASS_UNIVERSAL, tag = 16): BerRegion {
  if (h.cls !== cls || h.tag !== tag) berFail('not a SEQUENCE');
  if (!h.cons) berFail('SEQUENCE not constructed');
  return new BerRegion(buf, h);
}

/** An OPTIONAL field: its header when the next element carries the tag, else undefined (the field is absent). */
function optional(region: BerRegion, cls: number, tag: number): BerHeader | undefined {
  if (!region.more()) return undefined;
  const h = region.peek();
  return h.cls === cls && h.tag === tag ? h : undefined;
}

/** BIT STRING contents without the unused-bits octet, the unused bits cleared (c2i_ASN1_BIT_STRING). */
function bitData(buf: Buffer, h: BerHeader): { data: Buffer; next: number } {
  const got = readAs(buf, h, 3);
  const data = Buffer.from(got.data.subarray(1));
  if (data.length > 0) data[data.length - 1] &= 0xff << got.data[0];
  return { data, next: got.next };
}

export interface BasicConstraints {
  ca: boolean;
  /** The INTEGER's contents. */
  pathLen?: Buffer;
}

export function decodeBasicConstraints(value: Buffer): BasicConstraints {
  const region = sequenceRegion(value, first(value));
  const result: BasicConstraints = { ca: false };
  const ca = optional(region, CLASS_UNIVERSAL, 1);
  if (ca !== undefined) {
    const got = readAs(value, ca, 1);
    result.ca = got.data[0] !== 0;
    region.pos = got.next;
  }
  const pathLen = optional(region, CLASS_UNIVERSAL, 2);
  if (pathLen !== undefined) {
    const got = readAs(value, pathLen, 2);
    result.pathLen = got.data;
    region.pos = got.next;
  }
  region.finish();
  return result;
}

/** keyUsage, nsCertType: an ASN1_BIT_STRING. */
export function decodeBitString(value: Buffer): Buffer {
  return bitData(value, readTypedHeader(value, CLASS_UNIVERSAL, 3)).data;
}

function readTypedHeader(value: Buffer, cls: number, tag: number): BerHeader {
  const h = first(value);
  if (h.cls !== cls || h.tag !== tag) berFail('wrong tag');
  return h;
}

export function decodeOctetString(value: Buffer): Buffer {
  return readTyped(value, 0, value.length, CLASS_UNIVERSAL, 4, 4).data;
}

/** SEQUENCE OF OBJECT IDENTIFIER. */
export function decodeExtendedKeyUsage(value: Buffer): void {
  const h = readTypedHeader(value, CLASS_UNIVERSAL, 16);
  readSequenceOf(value, h, (p, l) => {
    const got = readTyped(value, p, l, CLASS_UNIVERSAL, 6, 6);
    return { value: got.data, next: got.next };
  });
}

function generalNamesUnder(buf: Buffer, h: BerHeader): { items: GeneralName[]; next: number } {
  return readSequenceOf(buf, h, (p, l) => {
    const got = readGeneralName(buf, p, l);
    return { value: got.name, next: got.next };
  });
}

export interface DecodedAkid {
  keyId?: Buffer;
  /** Where the first directoryName's Name starts and ends in the value. */
  issuerName?: { start: number; end: number };
  serial?: Buffer;
}

export function decodeAuthorityKeyId(value: Buffer): DecodedAkid {
  const region = sequenceRegion(value, first(value));
  const akid: DecodedAkid = {};
  const keyId = optional(region, CLASS_CONTEXT, 0);
  if (keyId !== undefined) {
    const got = readAs(value, keyId, 4);
    akid.keyId = Buffer.from(got.data);
    region.pos = got.next;
  }
  const issuer = optional(region, CLASS_CONTEXT, 1);
  if (issuer !== undefined) {
    // The GeneralNames are read again to find the first directoryName's bytes.
    const got = readSequenceOf(value, issuer, (p, l) => {
      const name = readGeneralName(value, p, l);
      return { value: { name: name.name, start: p }, next: name.next };
    });
    const dir = got.items.find((item) => item.name.type === GEN.DIRNAME);
    if (dir !== undefined) {
      const outer = readHeader(value, dir.start, region.limit);
      const inner = readHeader(value, outer.contentStart, outer.end);
      akid.issuerName = { start: inner.start, end: readName(value, inner).next };
    }
    region.pos = got.next;
  }
  const serial = optional(region, CLASS_CONTEXT, 2);
  if (serial !== undefined) {
    const got = readAs(value, serial, 2);
    akid.serial = Buffer.from(got.data);
    region.pos = got.next;
  }
  region.finish();
  return akid;
}

/** GENERAL_NAMES as a subjectAltName: the value's GeneralNames up to where they end. */
export function decodeGeneralNames(value: Buffer): Buffer {
  const h = readTypedHeader(value, CLASS_UNIVERSAL, 16);
  const got = generalNamesUnder(value, h);
  return value.subarray(0, got.next);
}

/** X509_NAME_ENTRY: SEQUENCE { OBJECT, ASN1_PRINTABLE }. */
function readNameEntry(buf: Buffer, pos: number, limit: number): { value: null; next: number } {
  const fields = sequenceRegion(buf, readHeader(buf, pos, limit));
  if (!fields.more()) berFail('attribute type missing');
  fields.pos = readTyped(buf, fields.pos, fields.limit, CLASS_UNIVERSAL, 6, 6).next;
  if (!fields.more()) berFail('attribute value missing');
  const h = fields.peek();
  if (h.cls !== CLASS_UNIVERSAL || !PRINTABLE_TAGS.has(h.tag)) berFail('wrong string type');
  if (h.tag === 16) {
    if (!h.cons) berFail('not constructed');
    fields.pos = skipValue(buf, h);
  } else {
    fields.pos = readAs(buf, h, h.tag).next;
  }
  return { value: null, next: fields.finish() };
}

/** CRL_DIST_POINTS: SEQUENCE OF DIST_POINT (v3_crld.c). */
export function decodeCrlDistributionPoints(value: Buffer): void {
  const h = readTypedHeader(value, CLASS_UNIVERSAL, 16);
  readSequenceOf(value, h, (p, l) => {
    const dp = sequenceRegion(value, readHeader(value, p, l));
    const name = optional(dp, CLASS_CONTEXT, 0);
    if (name !== undefined) {
      // [0] EXPLICIT DIST_POINT_NAME: a CHOICE of [0] IMPLICIT GENERAL_NAMES, [1] IMPLICIT SET OF entries.
      if (!name.cons) berFail('explicit tag not constructed');
      const wrapper = new BerRegion(value, name);
      if (!wrapper.more()) berFail('no matching choice');
      const choice = wrapper.peek();
      if (choice.cls !== CLASS_CONTEXT || choice.tag > 1) berFail('no matching choice');
      const got =
        choice.tag === 0
          ? generalNamesUnder(value, choice)
          : readSequenceOf(value, choice, (q, m) => readNameEntry(value, q, m));
      wrapper.pos = got.next;
      dp.pos = wrapper.finish();
    }
    const reasons = optional(dp, CLASS_CONTEXT, 1);
    if (reasons !== undefined) dp.pos = bitData(value, reasons).next;
    const issuer = optional(dp, CLASS_CONTEXT, 2);
    if (issuer !== undefined) dp.pos = generalNamesUnder(value, issuer).next;
    return { value: null, next: dp.finish() };
  });
}

/** PROXY_CERT_INFO_EXTENSION: SEQUENCE { INTEGER OPTIONAL, PROXY_POLICY SEQUENCE { OBJECT, OCTET STRING OPTIONAL } }. */
export function decodeProxyCertInfo(value: Buffer): void {
  const region = sequenceRegion(value, first(value));
  const pathLen = optional(region, CLASS_UNIVERSAL, 2);
  if (pathLen !== undefined) region.pos = readAs(value, pathLen, 2).next;
  if (!region.more()) berFail('proxyPolicy missing');
  const policy = sequenceRegion(value, region.peek());
  if (!policy.more()) berFail('policyLanguage missing');
  policy.pos = readTyped(value, policy.pos, policy.limit, CLASS_UNIVERSAL, 6, 6).next;
  const data = optional(policy, CLASS_UNIVERSAL, 4);
  if (data !== undefined) policy.pos = readAs(value, data, 4).next;
  region.pos = policy.finish();
  region.finish();
}

function sequenceOf(buf: Buffer, h: BerHeader, item: (pos: number, limit: number) => number): number {
  if (h.cls !== CLASS_UNIVERSAL || h.tag !== 16) berFail('not a SEQUENCE OF');
  return readSequenceOf(buf, h, (p, l) => ({ value: null, next: item(p, l) })).next;
}

/** A CHOICE of NULL (inherit) or a SEQUENCE OF `item` (RFC 3779's IPAddressChoice and ASIdentifierChoice). */
function inheritOrList(buf: Buffer, pos: number, limit: number, item: (p: number, l: number) => number): number {
  const h = readHeader(buf, pos, limit);
  if (h.cls === CLASS_UNIVERSAL && h.tag === 5) return readAs(buf, h, 5).next;
  return sequenceOf(buf, h, item);
}

/** IPAddrBlocks (v3_addr.c). */
export function decodeIpAddrBlocks(value: Buffer): void {
  sequenceOf(value, first(value), (p, l) => {
    const family = sequenceRegion(value, readHeader(value, p, l));
    if (!family.more()) berFail('addressFamily missing');
    family.pos = readTyped(value, family.pos, family.limit, CLASS_UNIVERSAL, 4, 4).next;
    if (!family.more()) berFail('ipAddressChoice missing');
    family.pos = inheritOrList(value, family.pos, family.limit, (q, m) => {
      const h = readHeader(value, q, m);
      if (h.cls === CLASS_UNIVERSAL && h.tag === 3) return readAs(value, h, 3).next;
      const range = sequenceRegion(value, h);
      for (const field of ['min', 'max']) {
        if (!range.more()) berFail(`${field} missing`);
        range.pos = readTyped(value, range.pos, range.limit, CLASS_UNIVERSAL, 3, 3).next;
      }
      return range.finish();
    });
    return family.finish();
  });
}

/** ASIdentifiers (v3_asid.c). */
export function decodeAsIdentifiers(value: Buffer): void {
  const region = sequenceRegion(value, first(value));
  for (const tag of [0, 1]) {
    const h = optional(region, CLASS_CONTEXT, tag);
    if (h === undefined) continue;
    if (!h.cons) berFail('explicit tag not constructed');
    const wrapper = new BerRegion(value, h);
    if (!wrapper.more()) berFail('ASIdentifierChoice missing');
    wrapper.pos = inheritOrList(value, wrapper.pos, wrapper.limit, (q, m) => {
      const item = readHeader(value, q, m);
      if (item.cls === CLASS_UNIVERSAL && item.tag === 2) return readAs(value, item, 2).next;
      const range = sequenceRegion(value, item);
      for (const field of ['min', 'max']) {
        if (!range.more()) berFail(`${field} missing`);
        range.pos = readTyped(value, range.pos, range.limit, CLASS_UNIVERSAL, 2, 2).next;
      }
      return range.finish();
    });
    region.pos = wrapper.finish();
  }
  region.finish();
}

export interface RawExtension {
  /** The OBJECT IDENTIFIER's contents. */
  oid: Buffer;
  critical: boolean;
  /** The extnValue's contents, gathered when constructed. */
  value: Buffer;
}

/** The Extensions SEQUENCE at `start` as X509's d2i reads it (BER forms, an extnValue in pieces included). */
export function readExtensionList(buf: Buffer, start: number, end: number): RawExtension[] {
  return readSequenceOf(buf, readHeader(buf, start, end), (p, l) => {
    const ext = sequenceRegion(buf, readHeader(buf, p, l));
    if (!ext.more()) berFail('extnID missing');
    const oid = readTyped(buf, ext.pos, ext.limit, CLASS_UNIVERSAL, 6, 6);
    ext.pos = oid.next;
    let critical = false;
    const flag = optional(ext, CLASS_UNIVERSAL, 1);
    if (flag !== undefined) {
      const got = readAs(buf, flag, 1);
      critical = got.data[0] !== 0;
      ext.pos = got.next;
    }
    if (!ext.more()) berFail('extnValue missing');
    const value = readTyped(buf, ext.pos, ext.limit, CLASS_UNIVERSAL, 4, 4);
    ext.pos = value.next;
    return { value: { oid: oid.data, critical, value: value.data }, next: ext.finish() };
  }).items;
}
