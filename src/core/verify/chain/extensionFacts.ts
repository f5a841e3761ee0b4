// x509v3_cache_extensions as OpenSSL 3.0 runs it on every certificate: the flags the chain checks read, and
// EXFLAG_INVALID wherever OpenSSL's decoder refuses an extension it caches (or finds it twice).
import { DerNode, oidAt, readNode } from '../../x509/der';
import { canonicalName } from './canonicalName';
import {
  decodeAsIdentifiers,
  decodeAuthorityKeyId,
  decodeBasicConstraints,
  decodeBitString,
  decodeCrlDistributionPoints,
  decodeExtendedKeyUsage,
  decodeGeneralNames,
  decodeIpAddrBlocks,
  decodeOctetString,
  decodeProxyCertInfo,
  readExtensionList,
} from './extensionDecoders';
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

function pathLenFacts(facts: ExtensionFacts, bytes: Buffer): void {
  let n = 0;
  for (const b of bytes) n = Math.min(n * 256 + b, 0x7fffffff);
  // A negative pathLen is invalid; CA:false with a pathLen is not (probed: 3.0.22 takes such a
  // certificate as an issuer and fails it with 79 only), -x509_strict's business.
  if (bytes[0] & 0x80) facts.invalid = true;
  else facts.pathLen = n;
}

function readAkid(value: Buffer): AuthorityKeyId {
  const decoded = decodeAuthorityKeyId(value);
  const akid: AuthorityKeyId = {};
  if (decoded.keyId !== undefined) akid.keyId = decoded.keyId;
  if (decoded.serial !== undefined) akid.serial = normalisedInteger(decoded.serial);
  if (decoded.issuerName !== undefined) {
    try {
      akid.issuerName = canonicalName(readNode(value, decoded.issuerName.start, decoded.issuerName.end));
    } catch {
      // A Name OpenSSL reads but the DER walker cannot (BER forms): no issuer name to match, as before.
    }
  }
  return akid;
}

interface RawExtension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

function rawExtensions(extensions: DerNode | undefined): RawExtension[] {
  if (extensions === undefined || extensions.contentStart === extensions.end) return [];
  return readExtensionList(extensions.buf, extensions.contentStart, extensions.end).map((ext) => ({
    oid: oidAt(ext.oid, 0, ext.oid.length),
    critical: ext.critical,
    value: ext.value,
  }));
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
    const bc = decodeBasicConstraints(value);
    facts.ca = bc.ca;
    facts.bcons = true;
    if (bc.pathLen !== undefined) pathLenFacts(facts, bc.pathLen);
  });
  decode(OID.proxyCertInfo, (value) => {
    decodeProxyCertInfo(value);
    if (facts.ca || seen.has(OID.subjectAltName) || seen.has(OID.issuerAltName)) facts.invalid = true;
    facts.proxy = true;
  });
  decode(OID.keyUsage, (value) => {
    const data = decodeBitString(value);
    facts.keyUsage = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
    // RFC 5280 4.2.1.3 wants a bit set; OpenSSL looks at the first two octets only (probed: bit 16 alone counts as none).
    if (facts.keyUsage === 0) facts.invalid = true;
  });
  decode(OID.extKeyUsage, (value) => {
    decodeExtendedKeyUsage(value);
  });
  decode(OID.nsCertType, (value) => {
    facts.nsCertType = decodeBitString(value)[0] ?? 0;
  });
  decode(OID.subjectKeyIdentifier, (value) => {
    facts.skid = Buffer.from(decodeOctetString(value));
  });
  decode(OID.authorityKeyIdentifier, (value) => {
    facts.akid = readAkid(value);
  });
  decode(OID.subjectAltName, (value) => {
    facts.subjectAltNames = Buffer.from(decodeGeneralNames(value));
  });
  decode(OID.nameConstraints, (value) => {
    const parsed = parseNameConstraints(value);
    if (parsed === undefined) throw new Error('bad NameConstraints');
    facts.nameConstraints = parsed;
  });
  decode(OID.crlDistributionPoints, (value) => {
    decodeCrlDistributionPoints(value);
  });
  decode(OID.ipAddrBlocks, decodeIpAddrBlocks);
  decode(OID.autonomousSysIds, decodeAsIdentifiers);
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
