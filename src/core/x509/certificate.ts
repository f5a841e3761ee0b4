import {
  children,
  decodeBoolean,
  decodeOid,
  decodeTimeIso,
  DerNode,
  encoded,
  expect,
  isContext,
  isUniversal,
  readNode,
  Tag,
} from './der';
import { certificateFingerprint } from './certificateFingerprint';
import { checkCertificateStructure } from './certificateStructure';
import { decodeName } from './distinguishedName';
import { CoreError } from '../errors';
import { CertificateInfo } from '../model';
import { signatureAlgorithm } from './oids';
import { looksLikePem, PemBlock, splitPem, toPem } from './pem';
import { publicKeyFacts } from './publicKeyFacts';
import { decodeSubjectAltNamesAt } from './subjectAltNames';

export interface Location {
  path?: string;
  /** 0-based position in the file. */
  index?: number;
  /** 1-based line of the PEM block. */
  line?: number;
}

export type CryptoInput = string | Buffer | PemBlock;

/** DER bytes and location from PEM (text or bytes; the first block with one of `labels`), a PemBlock or DER. */
export function inputDer(
  input: CryptoInput,
  labels: string[],
  what: string,
): { der: Buffer; line: number; block?: PemBlock } {
  if (Buffer.isBuffer(input)) {
    if (!looksLikePem(input)) return { der: input, line: 1 };
    input = input.toString('latin1');
  }
  if (typeof input !== 'string') return { der: input.der, line: input.line, block: input };
  const { blocks, problems } = splitPem(input);
  const block = blocks.find((b) => labels.includes(b.label));
  if (!block) {
    if (problems.length > 0) throw problems[0];
    throw new CoreError('not-pem-or-der', `no ${what} PEM block found`);
  }
  return { der: block.der, line: block.line, block };
}

/**
 * Reads one certificate, straight from the DER: no X509Certificate (building one cost as much as the whole
 * read). checkCertificateStructure refuses what OpenSSL's d2i_X509 refuses, the fingerprint is one SHA-256 of
 * the bytes (certificateFingerprint), and names, SANs, dates and the serial keep their encoded order and print
 * the way `openssl x509` prints them. Verification builds its own X509Certificate where it needs one.
 */
export function readCertificate(input: CryptoInput, location: Location = {}): CertificateInfo {
  const source = inputDer(input, ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'], 'CERTIFICATE');
  let der: Buffer;
  let top: DerNode;
  try {
    // TRUSTED CERTIFICATE appends OpenSSL's trust settings after the certificate: keep the first TLV only.
    top = readNode(source.der);
    der = encoded(top);
    checkCertificateStructure(der);
  } catch (error) {
    throw new CoreError('malformed-certificate', 'not a readable X.509 certificate', {
      cause: error,
      line: source.line,
    });
  }
  try {
    return decode(top, der, location, source.line);
  } catch (error) {
    if (error instanceof CoreError && error.code !== 'malformed-der') throw error;
    throw new CoreError('malformed-certificate', 'malformed X.509 certificate structure', {
      cause: error,
      line: source.line,
    });
  }
}

/** The extensions the certificate's fields need, as their extnValue OCTET STRING nodes (the last one wins). */
interface NeededExtensions {
  san?: DerNode;
  basicConstraints?: DerNode;
  subjectKeyId?: DerNode;
  authorityKeyId?: DerNode;
}

/**
 * The fields from the DER, by offsets into the one buffer: no copies, and no Map of all extensions. What
 * throws here is exactly what threw when every extension went through decodeExtensions and every value
 * through a Buffer of its own.
 */
function decode(top: DerNode, der: Buffer, location: Location, line: number): CertificateInfo {
  const [tbs, sigAlg] = children(top);
  const fields = children(expect(tbs, Tag.SEQUENCE, 'TBSCertificate'));
  let i = 0;
  let version = 1;
  if (isContext(fields[0], 0)) {
    const [v] = children(fields[0]);
    // contents(v)[0] + 1: NaN for an empty INTEGER, as before.
    version = (v.contentStart < v.end ? v.buf[v.contentStart] : NaN) + 1;
    i++;
  }
  const serial = expect(fields[i++], Tag.INTEGER, 'serialNumber');
  i++; // inner signature algorithm, repeated outside
  const issuerNode = fields[i++];
  const validity = children(expect(fields[i++], Tag.SEQUENCE, 'Validity'));
  const subjectNode = fields[i++];
  const spkiNode = expect(fields[i++], Tag.SEQUENCE, 'SubjectPublicKeyInfo');
  let extensionsNode: DerNode | undefined;
  for (let k = i; k < fields.length; k++) {
    if (isContext(fields[k], 3)) {
      extensionsNode = fields[k];
      break;
    }
  }
  const extensions = extensionsNode ? neededExtensions(children(extensionsNode)[0]) : {};

  let cA = false;
  if (extensions.basicConstraints) {
    const [first] = children(valueNode(extensions.basicConstraints));
    cA = first !== undefined && isUniversal(first, Tag.BOOLEAN) && decodeBoolean(first);
  }
  const selfSigned = sameBytes(subjectNode, issuerNode) && keyIdentifiersAgree(extensions);
  const sigOid = decodeOid(children(expect(sigAlg, Tag.SEQUENCE, 'signatureAlgorithm'))[0]);

  return {
    kind: 'certificate',
    path: location.path ?? '',
    index: location.index ?? 0,
    subject: decodeName(subjectNode),
    issuer: decodeName(issuerNode),
    subjectAltNames: extensions.san
      ? decodeSubjectAltNamesAt(extensions.san.buf, extensions.san.contentStart, extensions.san.end)
      : [],
    notBefore: decodeTimeIso(validity[0]),
    notAfter: decodeTimeIso(validity[1]),
    serialNumber: serialAt(serial.buf, serial.contentStart, serial.end),
    fingerprintSha256: certificateFingerprint(der),
    ...publicKeyFacts(encoded(spkiNode)),
    selfSigned,
    // A v1 self-signed certificate has no basicConstraints; OpenSSL treats it as a CA too.
    isCA: cA || (version === 1 && selfSigned),
    signatureAlgorithm: signatureAlgorithm(sigOid)?.name ?? sigOid,
    line: location.line ?? line,
    pem: toPem('CERTIFICATE', der),
  };
}

/** Checks every extension as decodeExtensions does and keeps the four the fields need. */
function neededExtensions(node: DerNode): NeededExtensions {
  const found: NeededExtensions = {};
  const list = expect(node, Tag.SEQUENCE, 'Extensions');
  for (let pos = list.contentStart; pos < list.end;) {
    const extension = readNode(list.buf, pos, list.end);
    pos = extension.end;
    const parts = children(expect(extension, Tag.SEQUENCE, 'Extension'));
    const oid = decodeOid(expect(parts[0], Tag.OID, 'extension OID'));
    const value = expect(parts[parts.length - 1], Tag.OCTET_STRING, 'extnValue');
    if (oid === '2.5.29.17') found.san = value;
    else if (oid === '2.5.29.19') found.basicConstraints = value;
    else if (oid === '2.5.29.14') found.subjectKeyId = value;
    else if (oid === '2.5.29.35') found.authorityKeyId = value;
  }
  return found;
}

/** The first TLV inside an OCTET STRING's contents: readNode(contents(octets)). */
function valueNode(octets: DerNode): DerNode {
  return readNode(octets.buf, octets.contentStart, octets.end);
}

/** encoded(a).equals(encoded(b)) for two nodes of the same buffer. */
function sameBytes(a: DerNode, b: DerNode): boolean {
  const length = a.end - a.start;
  if (length !== b.end - b.start) return false;
  return a.buf.compare(b.buf, b.start, b.end, a.start, a.end) === 0;
}

/** OpenSSL's self-issued test: when both key identifiers are present they must agree. */
function keyIdentifiersAgree(extensions: NeededExtensions): boolean {
  const ski = extensions.subjectKeyId;
  const aki = extensions.authorityKeyId;
  if (!ski || !aki) return true;
  const keyId = children(valueNode(aki)).find((n) => isContext(n, 0));
  if (!keyId) return true;
  const skiValue = valueNode(ski);
  const length = keyId.end - keyId.contentStart;
  return (
    length === skiValue.end - skiValue.contentStart &&
    keyId.buf.compare(skiValue.buf, skiValue.contentStart, skiValue.end, keyId.contentStart, keyId.end) === 0
  );
}

/** formatSerial(buf[start..end)) without copying a positive serial. */
function serialAt(buf: Buffer, start: number, end: number): string {
  if (start === end || (buf[start] & 0x80) !== 0) return formatSerial(buf.subarray(start, end));
  while (start < end - 1 && buf[start] === 0) start++;
  return buf.toString('hex', start, end).toUpperCase();
}

/**
 * The serial as `openssl x509 -serial` prints it: the magnitude's bytes in uppercase hex (at least `00`),
 * with `-` for the negative serials some old CAs issued.
 */
export function formatSerial(bytes: Buffer): string {
  if (bytes.length === 0) return '00';
  const negative = (bytes[0] & 0x80) !== 0;
  let magnitude = Buffer.from(bytes);
  if (negative) {
    // Two's complement: invert and add one.
    let carry = 1;
    for (let i = magnitude.length - 1; i >= 0; i--) {
      const v = (~magnitude[i] & 0xff) + carry;
      magnitude[i] = v & 0xff;
      carry = v >> 8;
    }
  }
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  magnitude = magnitude.subarray(start);
  return (negative ? '-' : '') + magnitude.toString('hex').toUpperCase();
}
