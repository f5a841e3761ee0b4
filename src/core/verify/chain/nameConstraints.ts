// NAME_CONSTRAINTS_check and NAME_CONSTRAINTS_check_CN of OpenSSL 3.0 (crypto/x509/v3_ncons.c), with the
// extension read as its d2i reads it: the validator calls these for each certificate under a constrained CA.
import {
  BerError,
  BerHeader,
  BerRegion,
  CLASS_CONTEXT,
  CLASS_UNIVERSAL,
  berFail,
  checkInteger,
  readHeader,
} from './generalNameBer';
import {
  DecodedName,
  GEN,
  GeneralName,
  OID_COMMON_NAME,
  OID_EMAIL_ADDRESS,
  decodeName,
  isSmtpUtf8Mailbox,
  parseGeneralNames,
  readGeneralName,
  readSequenceOf,
} from './generalNames';
import { stringToUtf8 } from './generalNameText';
import {
  matchDirectoryName,
  matchDns,
  matchEmail,
  matchIp,
  matchSmtpUtf8Mailbox,
  matchUri,
} from './nameConstraintMatch';
import { X509_V_ERR } from './verifyErrors';
import { CoreError } from '../../errors';

export interface GeneralSubtree {
  base: GeneralName;
  /** The `minimum` INTEGER's contents when present (only a zero one is allowed at check time). */
  minimum?: Buffer;
  /** A `maximum` was present (never allowed at check time). */
  maximum: boolean;
}

/** A NameConstraints extension as OpenSSL decodes it (permitted and excluded subtrees). */
export interface NameConstraints {
  permitted: readonly GeneralSubtree[];
  excluded: readonly GeneralSubtree[];
}

/** NAME_CHECK_MAX: names x constraints past this and OpenSSL gives up with X509_V_ERR_UNSPECIFIED. */
const NAME_CHECK_MAX = 1 << 20;

/** The extension's value (DER of NameConstraints); undefined where OpenSSL's d2i would refuse it. */
export function parseNameConstraints(der: Buffer): NameConstraints | undefined {
  try {
    return readNameConstraints(der);
  } catch (e) {
    if (e instanceof BerError) return undefined;
    throw e;
  }
}

function readNameConstraints(der: Buffer): NameConstraints {
  // ASN1_item_d2i as X509V3_EXT_d2i calls it: bytes after the SEQUENCE are not looked at.
  const h = readHeader(der, 0, der.length);
  if (h.cls !== CLASS_UNIVERSAL || h.tag !== 16) berFail('NameConstraints is not a SEQUENCE');
  if (!h.cons) berFail('NameConstraints is not constructed');
  const fields = new BerRegion(der, h);
  let permitted: GeneralSubtree[] = [];
  let excluded: GeneralSubtree[] = [];
  if (fields.more()) {
    const first = fields.peek();
    if (first.cls === CLASS_CONTEXT && first.tag === 0) {
      const got = readSequenceOf(der, first, (p, l) => readSubtree(der, p, l));
      permitted = got.items;
      fields.pos = got.next;
    }
    if (fields.more()) {
      const second = fields.peek();
      if (second.cls !== CLASS_CONTEXT || second.tag !== 1) berFail('unexpected field in NameConstraints');
      const got = readSequenceOf(der, second, (p, l) => readSubtree(der, p, l));
      excluded = got.items;
      fields.pos = got.next;
    }
  }
  fields.finish();
  return { permitted, excluded };
}

function readSubtree(der: Buffer, pos: number, limit: number): { value: GeneralSubtree; next: number } {
  const h = readHeader(der, pos, limit);
  if (h.cls !== CLASS_UNIVERSAL || h.tag !== 16) berFail('GeneralSubtree is not a SEQUENCE');
  if (!h.cons) berFail('GeneralSubtree is not constructed');
  const fields = new BerRegion(der, h);
  if (!fields.more()) berFail('GeneralSubtree without a base');
  const base = readGeneralName(der, fields.pos, fields.limit);
  fields.pos = base.next;
  const subtree: GeneralSubtree = { base: base.name, maximum: false };
  let field = fields.more() ? fields.peek() : undefined;
  if (field && field.cls === CLASS_CONTEXT && field.tag === 0) {
    subtree.minimum = readInteger(der, field);
    fields.pos = field.end;
    field = fields.more() ? fields.peek() : undefined;
  }
  if (field) {
    if (field.cls !== CLASS_CONTEXT || field.tag !== 1) berFail('unexpected field in GeneralSubtree');
    readInteger(der, field);
    subtree.maximum = true;
    fields.pos = field.end;
  }
  return { value: subtree, next: fields.finish() };
}

/** An IMPLICIT INTEGER: primitive, with c2i_ASN1_INTEGER's checks. */
function readInteger(der: Buffer, h: BerHeader): Buffer {
  if (h.cons) berFail('INTEGER not primitive');
  const data = der.subarray(h.contentStart, h.end);
  checkInteger(data);
  return data;
}

/** nc_minmax_valid: minimum absent or zero, maximum absent. */
function minMaxValid(sub: GeneralSubtree): boolean {
  if (sub.maximum) return false;
  return sub.minimum === undefined || sub.minimum.every((b) => b === 0);
}

/** The name nc_match looks at: a GeneralName, or a subject attribute seen as one. */
type CheckedName =
  | GeneralName
  | { type: typeof GEN.DIRNAME; name: DecodedName }
  | { type: typeof GEN.EMAIL | typeof GEN.DNS; value: Buffer };

function sameType(name: CheckedName, effective: number, base: GeneralName): boolean {
  if (effective !== base.type) return false;
  if (effective === GEN.OTHERNAME && name.type === GEN.OTHERNAME && base.type === GEN.OTHERNAME)
    return name.typeId.equals(base.typeId);
  return true;
}

function matchSingle(name: CheckedName, effective: number, base: GeneralName): number {
  switch (name.type) {
    case GEN.OTHERNAME:
      if (effective === GEN.EMAIL && base.type === GEN.EMAIL)
        return matchSmtpUtf8Mailbox(name.valueTag, name.value, base.value);
      return X509_V_ERR.UNSUPPORTED_CONSTRAINT_TYPE;
    case GEN.DIRNAME:
      return base.type === GEN.DIRNAME ? matchDirectoryName(name.name.canon, base.name.canon) : X509_V_ERR.UNSPECIFIED;
    case GEN.DNS:
      return base.type === GEN.DNS ? matchDns(name.value, base.value) : X509_V_ERR.UNSPECIFIED;
    case GEN.EMAIL:
      return base.type === GEN.EMAIL ? matchEmail(name.value, base.value) : X509_V_ERR.UNSPECIFIED;
    case GEN.URI:
      return base.type === GEN.URI ? matchUri(name.value, base.value) : X509_V_ERR.UNSPECIFIED;
    case GEN.IPADD:
      return base.type === GEN.IPADD ? matchIp(name.value, base.value) : X509_V_ERR.UNSPECIFIED;
    default:
      return X509_V_ERR.UNSUPPORTED_CONSTRAINT_TYPE;
  }
}

/** nc_match: every permitted subtree of the name's type is tried (one must match), then every excluded one. */
function ncMatch(name: CheckedName, nc: NameConstraints): number {
  const effective = name.type === GEN.OTHERNAME && isSmtpUtf8Mailbox(name.typeId) ? GEN.EMAIL : name.type;
  let match = 0;
  for (const sub of nc.permitted) {
    if (!sameType(name, effective, sub.base)) continue;
    if (!minMaxValid(sub)) return X509_V_ERR.SUBTREE_MINMAX;
    if (match === 2) continue;
    match = 1;
    const r = matchSingle(name, effective, sub.base);
    if (r === X509_V_ERR.OK) match = 2;
    else if (r !== X509_V_ERR.PERMITTED_VIOLATION) return r;
  }
  if (match === 1) return X509_V_ERR.PERMITTED_VIOLATION;
  for (const sub of nc.excluded) {
    if (!sameType(name, effective, sub.base)) continue;
    if (!minMaxValid(sub)) return X509_V_ERR.SUBTREE_MINMAX;
    const r = matchSingle(name, effective, sub.base);
    if (r === X509_V_ERR.OK) return X509_V_ERR.EXCLUDED_VIOLATION;
    if (r !== X509_V_ERR.PERMITTED_VIOLATION) return r;
  }
  return X509_V_ERR.OK;
}

function subjectOf(subject: Buffer): DecodedName {
  const name = decodeName(subject);
  if (name === undefined) throw new CoreError('malformed-certificate', 'the subject name cannot be decoded');
  return name;
}

/**
 * NAME_CONSTRAINTS_check: X509_V_OK (0) or the X509_V_ERR code for a certificate's subject (DER of its Name) and
 * its subjectAltName value (DER of GeneralNames), with OpenSSL's work limit. A subjectAltName OpenSSL cannot
 * decode counts as none, as it does (the certificate is then invalid on other grounds).
 */
export function checkNameConstraints(nc: NameConstraints, subject: Buffer, subjectAltNames?: Buffer): number {
  const name = subjectOf(subject);
  const altNames = (subjectAltNames && parseGeneralNames(subjectAltNames)) ?? [];
  const nameCount = name.entries.length + altNames.length;
  const constraintCount = nc.permitted.length + nc.excluded.length;
  if (nameCount > 0 && constraintCount > Math.floor(NAME_CHECK_MAX / nameCount)) return X509_V_ERR.UNSPECIFIED;
  if (name.entries.length > 0) {
    const r = ncMatch({ type: GEN.DIRNAME, name }, nc);
    if (r !== X509_V_ERR.OK) return r;
    for (const entry of name.entries) {
      if (!entry.oid.equals(OID_EMAIL_ADDRESS)) continue;
      if (entry.tag !== 22) return X509_V_ERR.UNSUPPORTED_NAME_SYNTAX;
      const e = ncMatch({ type: GEN.EMAIL, value: entry.value }, nc);
      if (e !== X509_V_ERR.OK) return e;
    }
  }
  for (const altName of altNames) {
    const r = ncMatch(altName, nc);
    if (r !== X509_V_ERR.OK) return r;
  }
  return X509_V_ERR.OK;
}

/** cn2dnsid: the CN's UTF-8 when it looks like a host name of two labels or more, else undefined. */
function hostNameOfCn(utf8: Buffer): Buffer | undefined {
  let n = utf8.length;
  while (n > 0 && utf8[n - 1] === 0) n--;
  const id = utf8.subarray(0, n);
  let isDns = false;
  for (let i = 0; i < n; i++) {
    const c = id[i];
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) continue;
    if (i > 0 && i < n - 1) {
      if (c === 0x2d) continue;
      if (c === 0x2e && id[i + 1] !== 0x2e && id[i - 1] !== 0x2d && id[i + 1] !== 0x2d) {
        isDns = true;
        continue;
      }
    }
    isDns = false;
    break;
  }
  return isDns ? id : undefined;
}

/**
 * NAME_CONSTRAINTS_check_CN as check_name_constraints (x509_vfy.c) calls it for the target: only when the
 * subjectAltName (read as X509_get_ext_d2i would) has no DNS name, each CN that looks like a host name is
 * checked as a DNS name. A CN ASN1_STRING_to_UTF8 cannot convert gives X509_V_ERR_OUT_OF_MEM (17) as in
 * OpenSSL, where the verification then stops without a verdict of its own.
 */
export function checkNameConstraintsCN(nc: NameConstraints, subject: Buffer, subjectAltNames?: Buffer): number {
  const altNames = subjectAltNames ? parseGeneralNames(subjectAltNames) : undefined;
  if (altNames?.some((n) => n.type === GEN.DNS)) return X509_V_ERR.OK;
  const name = subjectOf(subject);
  for (const entry of name.entries) {
    if (!entry.oid.equals(OID_COMMON_NAME)) continue;
    const utf8 = stringToUtf8(entry.tag, entry.value);
    if (utf8 === undefined) return X509_V_ERR.OUT_OF_MEM;
    let n = utf8.length;
    while (n > 0 && utf8[n - 1] === 0) n--;
    if (utf8.subarray(0, n).includes(0)) return X509_V_ERR.UNSUPPORTED_NAME_SYNTAX;
    const host = hostNameOfCn(utf8);
    if (host === undefined) continue;
    const r = ncMatch({ type: GEN.DNS, value: host }, nc);
    if (r !== X509_V_ERR.OK) return r;
  }
  return X509_V_ERR.OK;
}
