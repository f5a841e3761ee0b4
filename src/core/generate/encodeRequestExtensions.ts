// The requested extensions, encoded as `openssl req` 3.0 encodes them from the same section (crypto/x509/v3_*.c),
// so that a CSR built here carries the same bytes. An extension whose OpenSSL encoding is not reproduced here is
// refused (`unsupported-extension`) rather than approximated: a CSR that silently differs from what the config
// says is worse than one that is not made.
import { createHash } from 'crypto';
import * as forge from 'node-forge';
import { CoreError } from '../errors';
import { KEY_USAGE_NAMES, NS_CERT_TYPE_NAMES } from '../opensslConfig/extensionCatalog';
import { parseIpAddress } from '../x509/ipAddress';
import { findConfigEntry, findConfigSection } from '../opensslConfig/lookupConfigValue';
import { objectByOid, OpensslObject, parseNumericOid, resolveObject } from '../x509/opensslObjects';
import { ParsedConfig } from '../opensslConfig/parseOpensslConfig';
import { parseX509v3List } from '../opensslConfig/parseX509v3List';
import { ConfigRequest, RequestedExtension, RequestedSubjectAltName } from '../opensslConfig/requestFromConfig';
import { binary, integerContent, oidContent, oidNode, subjectPublicKeyBits } from './derEncoding';

const asn1 = forge.asn1;
const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;

export interface EncodedExtension {
  oid: string;
  critical: boolean;
  /** DER of the extension's value: the contents of extnValue. */
  der: Buffer;
}

interface ListItem {
  name: string;
  value?: string;
}

const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_KEY_USAGE = '2.5.29.15';
const OID_EXTENDED_KEY_USAGE = '2.5.29.37';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const OID_NS_CERT_TYPE = '2.16.840.1.113730.1.1';
/** Netscape string extensions: an IA5String of the value's bytes (s2i_ASN1_IA5STRING). */
const NS_STRING_OIDS = new Set([
  '2.16.840.1.113730.1.2',
  '2.16.840.1.113730.1.3',
  '2.16.840.1.113730.1.4',
  '2.16.840.1.113730.1.7',
  '2.16.840.1.113730.1.8',
  '2.16.840.1.113730.1.12',
  '2.16.840.1.113730.1.13',
]);

const BOOL_TRUE = ['TRUE', 'true', 'Y', 'y', 'YES', 'yes'];

function unsupported(extension: RequestedExtension, why: string): CoreError {
  return new CoreError(
    'unsupported-extension',
    `${extension.name} = ${extension.value}: ${why}; make this CSR with openssl req instead`,
  );
}

/** The objects oid_section adds, so that extendedKeyUsage names resolve as openssl resolves them. */
function oidSectionRegistry(config: ParsedConfig): Map<string, OpensslObject> {
  const registry = new Map<string, OpensslObject>();
  const pointer = findConfigEntry(config, null, 'oid_section');
  const section = pointer ? findConfigSection(config, pointer.value) : undefined;
  for (const entry of section?.entries ?? []) {
    const parsed = parseNumericOid(entry.value);
    if ('oid' in parsed) registry.set(entry.name, { sn: entry.name, ln: entry.name, oid: parsed.oid });
  }
  return registry;
}

/** X509V3_EXT_nconf's reading of a list-valued extension: `@section` entries, else the inline list. */
function listItems(config: ParsedConfig, extension: RequestedExtension): ListItem[] {
  const value = extension.value;
  if (value.startsWith('@')) {
    return (findConfigSection(config, value.slice(1))?.entries ?? []).map((e) => ({ name: e.name, value: e.value }));
  }
  const parsed = parseX509v3List(value);
  if ('error' in parsed) throw unsupported(extension, 'the list does not parse');
  return parsed.items.map((item) =>
    item.value === undefined ? { name: item.name } : { name: item.name, value: item.value },
  );
}

/** A BIT STRING with trailing zero bits dropped, as i2c_ASN1_BIT_STRING writes it. */
function bitString(bits: number[]): forge.asn1.Asn1 {
  const bytes: number[] = [];
  for (const bit of bits) {
    const index = bit >> 3;
    while (bytes.length <= index) bytes.push(0);
    bytes[index] |= 0x80 >> (bit & 7);
  }
  while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
  let unused = 0;
  if (bytes.length > 0) {
    const last = bytes[bytes.length - 1];
    while (((last >> unused) & 1) === 0) unused++;
  }
  return asn1.create(UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(unused, ...bytes));
}

function namedBits(
  config: ParsedConfig,
  extension: RequestedExtension,
  table: ReadonlyArray<[string, string]>,
): forge.asn1.Asn1 {
  const bits: number[] = [];
  for (const item of listItems(config, extension)) {
    const bit = table.findIndex(([short, long]) => item.name === short || item.name === long);
    if (bit < 0) throw unsupported(extension, `"${item.name}" is not a bit name`);
    bits.push(bit);
  }
  return bitString(bits);
}

function extendedKeyUsage(config: ParsedConfig, extension: RequestedExtension): forge.asn1.Asn1 {
  const registry = oidSectionRegistry(config);
  const oids = listItems(config, extension).map((item) => {
    const text = item.value ?? item.name;
    const resolved = resolveObject(text, registry);
    if (!resolved) throw unsupported(extension, `"${text}" is not an object name`);
    return oidNode(resolved.oid);
  });
  return asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, oids);
}

/** s2i_ASN1_INTEGER: decimal or 0x hex, with an optional minus. */
function parseConfigInteger(text: string): bigint | undefined {
  const m = /^(-?)(0[xX][0-9A-Fa-f]+|\d+)$/.exec(text);
  if (!m) return undefined;
  const magnitude = BigInt(m[2]);
  return m[1] === '-' ? -magnitude : magnitude;
}

function basicConstraints(config: ParsedConfig, extension: RequestedExtension): forge.asn1.Asn1 {
  let ca = false;
  let pathlen: bigint | undefined;
  for (const item of listItems(config, extension)) {
    if (item.name === 'CA') ca = BOOL_TRUE.includes(item.value ?? '');
    else if (item.name === 'pathlen') {
      pathlen = parseConfigInteger(item.value ?? '');
      if (pathlen === undefined) throw unsupported(extension, `pathlen "${item.value ?? ''}" is not a number`);
    } else throw unsupported(extension, `"${item.name}" is not CA or pathlen`);
  }
  const fields: forge.asn1.Asn1[] = [];
  // cA is DEFAULT FALSE, so DER leaves it out unless it is true.
  if (ca) fields.push(asn1.create(UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff'));
  if (pathlen !== undefined) fields.push(asn1.create(UNIVERSAL, asn1.Type.INTEGER, false, integerContent(pathlen)));
  return asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, fields);
}

/** The key identifier OpenSSL derives in a request: SHA-1 of the subjectPublicKey bits (RFC 5280, method 1). */
function subjectKeyIdentifier(extension: RequestedExtension, publicKeyDer: Buffer): forge.asn1.Asn1 {
  let id: Buffer;
  if (extension.value === 'hash') {
    id = createHash('sha1').update(subjectPublicKeyBits(publicKeyDer)).digest();
  } else if (extension.value === 'none') {
    // OpenSSL 3.0 writes an empty key identifier for "none" in a request (checked against 3.0.22).
    id = Buffer.alloc(0);
  } else if (/^(:*[0-9A-Fa-f]{2})+:*$/.test(extension.value)) {
    id = Buffer.from(extension.value.replace(/:/g, ''), 'hex');
  } else {
    throw unsupported(extension, 'takes hash, none or hex bytes');
  }
  return asn1.create(UNIVERSAL, asn1.Type.OCTETSTRING, false, id.toString('binary'));
}

function generalName(extension: RequestedExtension, name: RequestedSubjectAltName): forge.asn1.Asn1 {
  // IA5String names carry the config value's bytes unchecked, as v2i_GENERAL_NAME_ex copies them.
  const ia5 = (tag: number) =>
    asn1.create(CONTEXT_SPECIFIC, tag, false, Buffer.from(name.value, 'utf8').toString('binary'));
  switch (name.type) {
    case 'email':
      return ia5(1);
    case 'DNS':
      return ia5(2);
    case 'URI':
      return ia5(6);
    case 'IP': {
      const ip = parseIpAddress(name.value);
      if (!ip) throw unsupported(extension, `"${name.value}" is not an IP address`);
      return asn1.create(CONTEXT_SPECIFIC, 7, false, binary(ip.bytes));
    }
    case 'RID':
      return asn1.create(CONTEXT_SPECIFIC, 8, false, oidContent(name.value));
    default:
      // The request model keeps dirName and otherName only as text, without their string types.
      throw unsupported(extension, `${name.type} names are not built here`);
  }
}

function subjectAltName(extension: RequestedExtension, names: RequestedSubjectAltName[]): forge.asn1.Asn1 {
  return asn1.create(
    UNIVERSAL,
    asn1.Type.SEQUENCE,
    true,
    names.map((n) => generalName(extension, n)),
  );
}

/** DER:hex (raw extnValue) and the plain string forms of ASN1: (ASN1_generate_v3, no modifiers). */
function generic(extension: RequestedExtension): Buffer {
  const value = extension.value;
  if (value.startsWith('DER:')) return Buffer.from(value.slice(4).trim().replace(/:/g, ''), 'hex');
  const body = value.slice(5).replace(/^[ \t\n\v\f\r]+/, '');
  const m = /^(UTF8|UTF8String|IA5|IA5STRING|PRINTABLE|PRINTABLESTRING):([\s\S]*)$/.exec(body);
  // Input is read byte by byte (FORMAT:ASCII), so only ASCII text means the same to both.
  if (!m || /[^\x20-\x7e]/.test(m[2]))
    throw unsupported(
      extension,
      'only ASN1:UTF8String:, IA5STRING: and PRINTABLESTRING: with ASCII text are built here',
    );
  const tag = m[1].startsWith('UTF8')
    ? asn1.Type.UTF8
    : m[1].startsWith('IA5')
      ? asn1.Type.IA5STRING
      : asn1.Type.PRINTABLESTRING;
  if (tag === asn1.Type.PRINTABLESTRING && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(m[2]))
    throw unsupported(extension, 'the text is not a PrintableString');
  return Buffer.from(asn1.toDer(asn1.create(UNIVERSAL, tag, false, m[2])).getBytes(), 'binary');
}

function encodeOne(
  config: ParsedConfig,
  request: ConfigRequest,
  extension: RequestedExtension,
  publicKeyDer: Buffer,
): Buffer {
  if (/^(DER|ASN1):/.test(extension.value)) return generic(extension);
  let node: forge.asn1.Asn1;
  switch (extension.oid) {
    case OID_SUBJECT_ALT_NAME:
      node = subjectAltName(extension, request.subjectAltNames);
      break;
    case OID_KEY_USAGE:
      node = namedBits(config, extension, KEY_USAGE_NAMES);
      break;
    case OID_NS_CERT_TYPE:
      node = namedBits(config, extension, NS_CERT_TYPE_NAMES);
      break;
    case OID_EXTENDED_KEY_USAGE:
      node = extendedKeyUsage(config, extension);
      break;
    case OID_BASIC_CONSTRAINTS:
      node = basicConstraints(config, extension);
      break;
    case OID_SUBJECT_KEY_IDENTIFIER:
      node = subjectKeyIdentifier(extension, publicKeyDer);
      break;
    default:
      if (!NS_STRING_OIDS.has(extension.oid)) {
        throw unsupported(
          extension,
          `${objectByOid(extension.oid)?.sn ?? extension.oid} is not built here (subjectAltName, keyUsage, extendedKeyUsage, basicConstraints, subjectKeyIdentifier, nsCertType, Netscape strings, DER: and ASN1: strings are)`,
        );
      }
      node = asn1.create(
        UNIVERSAL,
        asn1.Type.IA5STRING,
        false,
        Buffer.from(extension.value, 'utf8').toString('binary'),
      );
  }
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** Every requested extension in section order, as `openssl req` appends them to the extensionRequest. */
export function encodeRequestExtensions(
  config: ParsedConfig,
  request: ConfigRequest,
  publicKeyDer: Buffer,
): EncodedExtension[] {
  return request.extensions.map((extension) => ({
    oid: extension.oid,
    critical: extension.critical,
    der: encodeOne(config, request, extension, publicKeyDer),
  }));
}
