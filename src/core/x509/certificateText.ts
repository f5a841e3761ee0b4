import { createPublicKey } from 'crypto';
import {
  Asn1Time,
  bitStringBytes,
  children,
  decodeAsn1Time,
  decodeBoolean,
  decodeOid,
  DerNode,
  encoded,
  isContext,
  readNode,
  Tag,
} from './der';
import { decodeExtensions, Extension } from './extensions';
import { formatName } from './formatName';
import { CertificateInfo, SubjectAltName } from '../model';
import { OID } from './oids';
import { objectByOid } from './opensslObjects';
import { inputDer } from './certificate';
import { certificateFingerprint } from './certificateFingerprint';
import { decodeSubjectAltNames } from './subjectAltNames';

const KEY_USAGE_OID = '2.5.29.15';
const EXTENDED_KEY_USAGE_OID = '2.5.29.37';

/**
 * A certificate decoded the way `openssl x509 -text -noout` prints it (same labels, same order, same value
 * formats), without the modulus and signature bytes nobody reads, plus its fingerprints. The user recognises
 * the layout from the provider's guide and can compare it line by line with openssl's own output.
 */
export function certificateText(certificate: CertificateInfo): string {
  const { der } = inputDer(certificate.pem, ['CERTIFICATE'], 'CERTIFICATE');
  const [tbs] = children(readNode(der));
  const fields = children(tbs);
  let i = 0;
  let version = 1;
  if (isContext(fields[0], 0)) {
    const [v] = children(fields[0]);
    version = v.buf[v.contentStart] + 1;
    i++;
  }
  const serial = fields[i++];
  i += 2; // signature, issuer: read by readCertificate already
  const [notBefore, notAfter] = children(fields[i++]).map(decodeAsn1Time);
  i++; // subject
  const spki = fields[i++];
  let extensions = new Map<string, Extension>();
  for (let k = i; k < fields.length; k++)
    if (isContext(fields[k], 3)) extensions = decodeExtensions(children(fields[k])[0]);

  const lines = [
    'Certificate:',
    '    Data:',
    `        Version: ${version} (0x${(version - 1).toString(16)})`,
    ...serialLines(serial.buf.subarray(serial.contentStart, serial.end)),
    `        Signature Algorithm: ${certificate.signatureAlgorithm ?? 'unknown'}`,
    `        Issuer: ${formatName(certificate.issuer)}`,
    '        Validity',
    `            Not Before: ${asn1TimeText(notBefore)}`,
    `            Not After : ${asn1TimeText(notAfter)}`,
    `        Subject: ${formatName(certificate.subject)}`,
    '        Subject Public Key Info:',
    ...publicKeyLines(certificate, encoded(spki)),
  ];
  if (extensions.size > 0) {
    lines.push('        X509v3 extensions:');
    for (const [oid, extension] of extensions) lines.push(...extensionLines(oid, extension));
  }
  lines.push(
    `    Signature Algorithm: ${certificate.signatureAlgorithm ?? 'unknown'}`,
    '',
    'Fingerprints:',
    `    SHA-256: ${certificateFingerprint(der)}`,
    `    SHA-1: ${certificateFingerprint(der, 'sha1')}`,
  );
  return lines.join('\n') + '\n';
}

/** `5821762386931284085 (0x50cb...)` when it fits in 64 bits, else colon hex on its own line, as OpenSSL does. */
function serialLines(bytes: Buffer): string[] {
  const negative = bytes.length > 0 && (bytes[0] & 0x80) !== 0;
  let value = bytes.length === 0 ? 0n : BigInt('0x' + bytes.toString('hex'));
  if (negative) value -= 1n << BigInt(bytes.length * 8);
  const magnitude = value < 0n ? -value : value;
  if (magnitude < 1n << 63n) {
    const sign = value < 0n ? '-' : '';
    return [`        Serial Number: ${sign}${magnitude} (${sign}0x${magnitude.toString(16)})`];
  }
  let hex = magnitude.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return [`        Serial Number:${negative ? ' (Negative)' : ''}`, `            ${hex.match(/../g)!.join(':')}`];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan  2 05:33:25 2027 GMT`, OpenSSL's ASN1_TIME_print. */
export function opensslDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/**
 * ASN1_TIME_print as openssl 3.0.22 prints it: the time shifted to UTC, a GeneralizedTime's fraction as
 * written, and ` GMT` even after a time written with an offset.
 */
function asn1TimeText(time: Asn1Time): string {
  const d = time.date;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${time.fraction} ${d.getUTCFullYear()} GMT`;
}

const NIST_CURVES: Record<string, string> = {
  prime192v1: 'P-192',
  secp224r1: 'P-224',
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

function publicKeyLines(certificate: CertificateInfo, spki: Buffer): string[] {
  const [algorithm] = children(readNode(spki));
  const algorithmOid = decodeOid(children(algorithm)[0]);
  const lines = [`            Public Key Algorithm: ${objectByOid(algorithmOid)?.sn ?? algorithmOid}`];
  if (certificate.keyBits) lines.push(`                Public-Key: (${certificate.keyBits} bit)`);
  if (algorithmOid === OID.rsaEncryption) {
    const exponent = rsaExponent(spki);
    if (exponent !== undefined) lines.push(`                Exponent: ${exponent} (0x${exponent.toString(16)})`);
  }
  if (certificate.curve) {
    lines.push(`                ASN1 OID: ${certificate.curve}`);
    const nist = NIST_CURVES[certificate.curve];
    if (nist) lines.push(`                NIST CURVE: ${nist}`);
  }
  return lines;
}

function rsaExponent(spki: Buffer): bigint | undefined {
  try {
    const jwk = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'jwk' });
    return jwk.e ? BigInt('0x' + Buffer.from(jwk.e, 'base64url').toString('hex')) : undefined;
  } catch {
    return undefined;
  }
}

const KEY_USAGES = [
  'Digital Signature',
  'Non Repudiation',
  'Key Encipherment',
  'Data Encipherment',
  'Key Agreement',
  'Certificate Sign',
  'CRL Sign',
  'Encipher Only',
  'Decipher Only',
];

const SAN_LABELS: Record<SubjectAltName['type'], string> = {
  DNS: 'DNS',
  IP: 'IP Address',
  email: 'email',
  URI: 'URI',
  otherName: 'othername',
  dirName: 'DirName',
  RID: 'Registered ID',
  X400Name: 'X400Name',
  EdiPartyName: 'EdiPartyName',
};

function extensionLines(oid: string, extension: Extension): string[] {
  const name = objectByOid(oid)?.ln ?? oid;
  let value: string;
  try {
    value = extensionValue(oid, extension.value);
  } catch {
    value = hexBytes(extension.value);
  }
  return [`            ${name}:${extension.critical ? ' critical' : ''}`, `                ${value}`];
}

function extensionValue(oid: string, der: Buffer): string {
  const node = readNode(der);
  switch (oid) {
    case OID.basicConstraints: {
      const parts = children(node);
      const ca = parts[0]?.tag === Tag.BOOLEAN && decodeBoolean(parts[0]);
      const pathLen = parts.find((p) => p.tag === Tag.INTEGER);
      return `CA:${ca ? 'TRUE' : 'FALSE'}${pathLen ? `, pathlen:${BigInt('0x' + hex(pathLen))}` : ''}`;
    }
    case KEY_USAGE_OID: {
      const bytes = bitStringBytes(node);
      return KEY_USAGES.filter((_, bit) => (bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))).join(', ');
    }
    case EXTENDED_KEY_USAGE_OID:
      return children(node)
        .map((p) => {
          const usage = decodeOid(p);
          return objectByOid(usage)?.ln ?? usage;
        })
        .join(', ');
    case OID.subjectKeyIdentifier:
      return hexBytes(node.buf.subarray(node.contentStart, node.end));
    case OID.authorityKeyIdentifier: {
      const keyId = children(node).find((p) => isContext(p, 0));
      return keyId ? hexBytes(keyId.buf.subarray(keyId.contentStart, keyId.end)) : hexBytes(der);
    }
    case OID.subjectAltName:
      return sanList(der);
    default:
      return hexBytes(der);
  }
}

function sanList(der: Buffer): string {
  return decodeSubjectAltNames(der)
    .map((san) => `${SAN_LABELS[san.type]}:${san.value}`)
    .join(', ');
}

function hex(node: DerNode): string {
  return node.buf.toString('hex', node.contentStart, node.end) || '0';
}

function hexBytes(bytes: Buffer): string {
  return (bytes.toString('hex').toUpperCase().match(/../g) ?? []).join(':');
}
