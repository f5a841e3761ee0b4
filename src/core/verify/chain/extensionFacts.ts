// x509v3_cache_extensions as OpenSSL 3.0 runs it on every certificate: the flags the chain checks read, and
// EXFLAG_INVALID wherever OpenSSL's decoder refuses an extension it caches (or finds it twice).
import { DerNode, Tag, TagClass, children, contents, decodeOid, encoded, readNode } from '../../x509/der';
import { canonicalName } from './canonicalName';
import { parseNameConstraints, NameConstraints } from './nameConstraints';

export const KU_DIGITAL_SIGNATURE = 0x0080;
export const KU_KEY_CERT_SIGN = 0x0004;
const NS_ANY_CA = 0x07;

const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  nsCertType: '2.16.840.1.113730.1.1',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  proxyCertInfo: '1.3.6.1.5.5.7.1.14',
  ipAddrBlocks: '1.3.6.1.5.5.7.1.7',
  autonomousSysIds: '1.3.6.1.5.5.7.1.8',
};

// X509_supported_extension (v3_purp.c): a critical extension outside this list is "unhandled" (error 34);
// the authority and subject key identifiers are not in it.
const SUPPORTED_CRITICAL = new Set([
  '2.16.840.1.113730.1.1',
  '2.5.29.15',
  '2.5.29.17',
  '2.5.29.19',
  '2.5.29.32',
  '2.5.29.31',
  '2.5.29.37',
  '1.3.6.1.5.5.7.1.7',
  '1.3.6.1.5.5.7.1.8',
  '1.3.6.1.5.5.7.48.1.5',
  '2.5.29.36',
  '1.3.6.1.5.5.7.1.14',
  '2.5.29.30',
  '2.5.29.33',
  '2.5.29.54',
]);

// The extensions x509v3_cache_extensions decodes with X509_get_ext_d2i, which refuses a second occurrence.
const CACHED = new Set(Object.values(OID).filter((oid) => oid !== OID.issuerAltName));

export interface AuthorityKeyId {
  keyId?: Buffer;
  /** Canonical form of the first directoryName in authorityCertIssuer. */
  issuerName?: string;
  /** The INTEGER's contents, normalised. */
  serial?: string;
}

export interface ExtensionFacts {
  invalid: boolean;
  /** EXFLAG_CRITICAL: a critical extension X509_supported_extension does not know. */
  unhandledCritical: boolean;
  bcons: boolean;
  ca: boolean;
  /** -1 when absent. */
  pathLen: number;
  keyUsage?: number;
  nsCertType?: number;
  proxy: boolean;
  skid?: Buffer;
  akid?: AuthorityKeyId;
  /** DER of the subjectAltName value (GeneralNames). */
  subjectAltNames?: Buffer;
  nameConstraints?: NameConstraints;
}

/** INTEGER contents without redundant leading bytes, as hex: ASN1_INTEGER_cmp equality. */
export function normalisedInteger(bytes: Buffer): string {
  let i = 0;
  while (
    i < bytes.length - 1 &&
    ((bytes[i] === 0 && bytes[i + 1] < 0x80) || (bytes[i] === 0xff && bytes[i + 1] >= 0x80))
  )
    i++;
  return bytes.subarray(i).toString('hex');
}

function whole(value: Buffer): DerNode {
  const node = readNode(value);
  if (node.end !== value.length) throw new Error('trailing data');
  return node;
}

function universal(node: DerNode | undefined, tag: number): node is DerNode {
  return node !== undefined && node.tagClass === TagClass.UNIVERSAL && node.tag === tag;
}

function bitString(node: DerNode): Buffer {
  if (!universal(node, Tag.BIT_STRING)) throw new Error('not a BIT STRING');
  const bytes = contents(node);
  if (bytes.length === 0 || bytes[0] > 7) throw new Error('bad BIT STRING');
  const data = Buffer.from(bytes.subarray(1));
  if (data.length > 0) data[data.length - 1] &= 0xff << bytes[0];
  return data;
}

function sequence(value: Buffer): DerNode[] {
  const node = whole(value);
  if (!universal(node, Tag.SEQUENCE) || !node.constructed) throw new Error('not a SEQUENCE');
  return children(node);
}

function generalNames(node: DerNode): DerNode[] {
  const names = children(node);
  for (const name of names) if (name.tagClass !== TagClass.CONTEXT || name.tag > 8) throw new Error('bad GeneralName');
  return names;
}

function readAkid(value: Buffer): AuthorityKeyId {
  const akid: AuthorityKeyId = {};
  for (const field of sequence(value)) {
    if (field.tagClass !== TagClass.CONTEXT) throw new Error('bad AKID field');
    if (field.tag === 0) akid.keyId = Buffer.from(contents(field));
    else if (field.tag === 1) {
      for (const name of generalNames(field)) {
        if (name.tag === 4 && akid.issuerName === undefined) {
          const inner = readNode(name.buf, name.contentStart, name.end);
          akid.issuerName = canonicalName(inner);
        }
      }
    } else if (field.tag === 2) akid.serial = normalisedInteger(contents(field));
    else throw new Error('bad AKID field');
  }
  return akid;
}

interface RawExtension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

function rawExtensions(extensions: DerNode | undefined): RawExtension[] {
  if (extensions === undefined) return [];
  const list = children(extensions)[0];
  if (list === undefined) return [];
  return children(list).map((ext) => {
    const parts = children(ext);
    const critical = parts.length === 3 && contents(parts[1])[0] !== 0;
    return { oid: decodeOid(parts[0]), critical, value: contents(parts[parts.length - 1]) };
  });
}

/** The facts of a certificate's extensions ([3] node of the TBS, if any). */
export function readExtensionFacts(extensionsNode: DerNode | undefined): ExtensionFacts {
  const facts: ExtensionFacts = {
    invalid: false,
    unhandledCritical: false,
    bcons: false,
    ca: false,
    pathLen: -1,
    proxy: false,
  };
  let extensions: RawExtension[];
  try {
    extensions = rawExtensions(extensionsNode);
  } catch {
    return { ...facts, invalid: true };
  }
  const seen = new Map<string, RawExtension>();
  for (const ext of extensions) {
    if (CACHED.has(ext.oid) && seen.has(ext.oid)) facts.invalid = true;
    if (!seen.has(ext.oid)) seen.set(ext.oid, ext);
    if (ext.critical && !SUPPORTED_CRITICAL.has(ext.oid)) facts.unhandledCritical = true;
  }
  const decode = (oid: string, read: (value: Buffer) => void): void => {
    const ext = seen.get(oid);
    if (ext === undefined) return;
    try {
      read(ext.value);
    } catch {
      facts.invalid = true;
    }
  };
  decode(OID.basicConstraints, (value) => {
    const parts = sequence(value);
    let index = 0;
    if (universal(parts[index], Tag.BOOLEAN)) facts.ca = contents(parts[index++])[0] !== 0;
    facts.bcons = true;
    const pathLen = parts[index];
    if (pathLen !== undefined) {
      if (!universal(pathLen, Tag.INTEGER) || pathLen.contentStart === pathLen.end) throw new Error('bad pathLen');
      const bytes = contents(pathLen);
      let n = 0;
      for (const b of bytes) n = Math.min(n * 256 + b, 0x7fffffff);
      // A negative pathLen is invalid; CA:false with a pathLen is not (probed: 3.0.22 takes such a
      // certificate as an issuer and fails it with 79 only), -x509_strict's business.
      if (bytes[0] & 0x80) facts.invalid = true;
      else facts.pathLen = n;
    }
  });
  decode(OID.proxyCertInfo, (value) => {
    sequence(value);
    if (facts.ca || seen.has(OID.subjectAltName) || seen.has(OID.issuerAltName)) facts.invalid = true;
    facts.proxy = true;
  });
  decode(OID.keyUsage, (value) => {
    const data = bitString(whole(value));
    facts.keyUsage = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
  });
  decode(OID.extKeyUsage, (value) => {
    for (const purpose of sequence(value)) if (!universal(purpose, Tag.OID)) throw new Error('bad EKU');
  });
  decode(OID.nsCertType, (value) => {
    facts.nsCertType = bitString(whole(value))[0] ?? 0;
  });
  decode(OID.subjectKeyIdentifier, (value) => {
    const node = whole(value);
    if (!universal(node, Tag.OCTET_STRING)) throw new Error('bad SKID');
    facts.skid = Buffer.from(contents(node));
  });
  decode(OID.authorityKeyIdentifier, (value) => {
    facts.akid = readAkid(value);
  });
  decode(OID.subjectAltName, (value) => {
    const node = whole(value);
    if (!universal(node, Tag.SEQUENCE)) throw new Error('bad SAN');
    generalNames(node);
    facts.subjectAltNames = encoded(node);
  });
  decode(OID.nameConstraints, (value) => {
    let parsed: NameConstraints | undefined;
    try {
      parsed = parseNameConstraints(value);
    } catch (error) {
      // Until the name-constraints reader is built it throws: no constraint is applied rather than a crash.
      if (error instanceof Error && /not built yet/.test(error.message)) return;
      throw error;
    }
    if (parsed === undefined) throw new Error('bad NameConstraints');
    facts.nameConstraints = parsed;
  });
  decode(OID.crlDistributionPoints, (value) => {
    for (const point of sequence(value)) if (!universal(point, Tag.SEQUENCE)) throw new Error('bad DistributionPoint');
  });
  decode(OID.ipAddrBlocks, (value) => void sequence(value));
  decode(OID.autonomousSysIds, (value) => void sequence(value));
  return facts;
}

/** check_ca: 0 not a CA, 1 basicConstraints CA, 3 v1 self-signed root, 4 keyUsage without basicConstraints, 5 Netscape CA. */
export function checkCa(facts: ExtensionFacts, v1: boolean, selfSigned: boolean): number {
  if (facts.keyUsage !== undefined && (facts.keyUsage & KU_KEY_CERT_SIGN) === 0) return 0;
  if (facts.bcons) return facts.ca ? 1 : 0;
  if (v1 && selfSigned) return 3;
  if (facts.keyUsage !== undefined) return 4;
  if (facts.nsCertType !== undefined && (facts.nsCertType & NS_ANY_CA) !== 0) return 5;
  return 0;
}
