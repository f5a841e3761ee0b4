import { X509Certificate } from 'crypto';
import {
  children, contents, decodeBoolean, decodeOid, decodeTime, DerNode, encoded, expect, isContext, isUniversal, readNode, Tag,
} from './der';
import { decodeName } from './distinguishedName';
import { CoreError } from './errors';
import { decodeExtensions } from './extensions';
import { CertificateInfo } from './model';
import { signatureAlgorithm } from './oids';
import { looksLikePem, PemBlock, splitPem, toPem } from './pem';
import { publicKeyFacts } from './publicKeyFacts';
import { decodeSubjectAltNames } from './subjectAltNames';

export interface Location {
  path?: string;
  /** 0-based position in the file. */
  index?: number;
  /** 1-based line of the PEM block. */
  line?: number;
}

export type CryptoInput = string | Buffer | PemBlock;

/** DER bytes and location from PEM (text or bytes; the first block with one of `labels`), a PemBlock or DER. */
export function inputDer(input: CryptoInput, labels: string[], what: string): { der: Buffer; line: number; block?: PemBlock } {
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
 * Reads one certificate. Node's X509Certificate (OpenSSL underneath) validates it and gives the fingerprint;
 * names, SANs, dates and the serial come from the DER so that they keep their encoded order and print the
 * way `openssl x509` prints them.
 */
export function readCertificate(input: CryptoInput, location: Location = {}): CertificateInfo {
  const source = inputDer(input, ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'], 'CERTIFICATE');
  let der: Buffer;
  let x509: X509Certificate;
  let top: DerNode;
  try {
    // TRUSTED CERTIFICATE appends OpenSSL's trust settings after the certificate: keep the first TLV only.
    top = readNode(source.der);
    der = encoded(top);
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new CoreError('malformed-certificate', 'not a readable X.509 certificate', { cause: error, line: source.line });
  }
  try {
    return decode(top, der, x509, location, source.line);
  } catch (error) {
    if (error instanceof CoreError && error.code !== 'malformed-der') throw error;
    throw new CoreError('malformed-certificate', 'malformed X.509 certificate structure', { cause: error, line: source.line });
  }
}

function decode(top: DerNode, der: Buffer, x509: X509Certificate, location: Location, line: number): CertificateInfo {
  const [tbs, sigAlg] = children(top);
  const fields = children(expect(tbs, Tag.SEQUENCE, 'TBSCertificate'));
  let i = 0;
  let version = 1;
  if (isContext(fields[0], 0)) {
    const [v] = children(fields[0]);
    version = contents(v)[0] + 1;
    i++;
  }
  const serial = expect(fields[i++], Tag.INTEGER, 'serialNumber');
  i++; // inner signature algorithm, repeated outside
  const issuerNode = fields[i++];
  const validity = children(expect(fields[i++], Tag.SEQUENCE, 'Validity'));
  const subjectNode = fields[i++];
  const spki = encoded(expect(fields[i++], Tag.SEQUENCE, 'SubjectPublicKeyInfo'));
  const extensionsNode = fields.slice(i).find((f) => isContext(f, 3));
  const extensions = extensionsNode ? decodeExtensions(children(extensionsNode)[0]) : new Map();

  const san = extensions.get('2.5.29.17');
  const basic = extensions.get('2.5.29.19');
  let cA = false;
  if (basic) {
    const [first] = children(readNode(basic.value));
    cA = first !== undefined && isUniversal(first, Tag.BOOLEAN) && decodeBoolean(first);
  }
  const subjectDer = encoded(subjectNode);
  const issuerDer = encoded(issuerNode);
  const selfSigned = subjectDer.equals(issuerDer) && keyIdentifiersAgree(extensions);
  const sigOid = decodeOid(children(expect(sigAlg, Tag.SEQUENCE, 'signatureAlgorithm'))[0]);

  return {
    kind: 'certificate',
    path: location.path ?? '',
    index: location.index ?? 0,
    subject: decodeName(subjectNode),
    issuer: decodeName(issuerNode),
    subjectAltNames: san ? decodeSubjectAltNames(san.value) : [],
    notBefore: decodeTime(validity[0]).toISOString(),
    notAfter: decodeTime(validity[1]).toISOString(),
    serialNumber: formatSerial(contents(serial)),
    fingerprintSha256: x509.fingerprint256,
    ...publicKeyFacts(spki),
    selfSigned,
    // A v1 self-signed certificate has no basicConstraints; OpenSSL treats it as a CA too.
    isCA: cA || (version === 1 && selfSigned),
    signatureAlgorithm: signatureAlgorithm(sigOid)?.name ?? sigOid,
    line: location.line ?? line,
    pem: toPem('CERTIFICATE', der),
  };
}

/** OpenSSL's self-issued test: when both key identifiers are present they must agree. */
function keyIdentifiersAgree(extensions: Map<string, { value: Buffer }>): boolean {
  const ski = extensions.get('2.5.29.14');
  const aki = extensions.get('2.5.29.35');
  if (!ski || !aki) return true;
  const keyId = children(readNode(aki.value)).find((n) => isContext(n, 0));
  if (!keyId) return true;
  return contents(keyId).equals(contents(readNode(ski.value)));
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
