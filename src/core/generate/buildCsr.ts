// The PKCS#10 request `openssl req -new -key K -config FILE` would write, built from the request the config
// describes (requestFromConfig): same subject (OIDs, string types, multi-valued RDNs), same attributes, same
// requested extensions, signed SHA-256 with RSA PKCS#1 v1.5. Both signatures are deterministic, so with the
// same key the result is byte-for-byte openssl's (the tests hold it to that).
//
// forge provides the request object and its final encoding, and forge.asn1 the structures. The
// CertificationRequestInfo is assembled here rather than by forge's getCertificationRequestInfo, which writes
// one RDN per attribute (no `+` RDNs), leaves SET OF members in insertion order where DER (and OpenSSL) sorts
// them, and refuses OID arcs above 2^32. The signature comes from Node's native crypto: forge's RSA is
// JavaScript and would need the key converted into its own form.
import { KeyObject, sign } from 'crypto';
import * as forge from 'node-forge';
import { CoreError } from '../errors';
import { toPem } from '../x509/pem';
import {
  ASN1_STRING_TAGS,
  Asn1StringType,
  DEFAULT_STRING_MASK,
  encodeNameString,
  parseStringMask,
} from '../opensslConfig/encodeNameString';
import { ParsedConfig } from '../opensslConfig/parseOpensslConfig';
import { ConfigRequest, RequestedAttribute, RequestedNameAttribute } from '../opensslConfig/requestFromConfig';
import { derBytes, integerContent, oidNode, spkiNode } from './derEncoding';
import { encodeRequestExtensions } from './encodeRequestExtensions';

const asn1 = forge.asn1;
const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;

const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

export interface BuildCsrInput {
  config: ParsedConfig;
  request: ConfigRequest;
  /** The RSA key that signs the request. */
  privateKey: KeyObject;
  /** Its DER SubjectPublicKeyInfo. */
  publicKeyDer: Buffer;
}

export interface BuiltCsr {
  der: Buffer;
  /** PEM with LF line ends, as openssl writes it. */
  pem: string;
}

/** The string's contents: the characters of `value` in the encoding its ASN.1 type prescribes. */
function stringContent(value: string, type: Asn1StringType): string {
  switch (type) {
    case 'UTF8STRING':
      return Buffer.from(value, 'utf8').toString('binary');
    case 'BMPSTRING':
      // forge.asn1 writes a BMPString's value itself, two bytes per UTF-16 unit (all of them BMP characters here).
      return value;
    case 'UNIVERSALSTRING': {
      const points = Array.from(value, (ch) => ch.codePointAt(0) as number);
      const out = Buffer.alloc(points.length * 4);
      points.forEach((cp, i) => out.writeUInt32BE(cp, i * 4));
      return out.toString('binary');
    }
    default:
      // One byte per character: the model holds these values as latin1 text.
      return value;
  }
}

function stringNode(value: string, type: Asn1StringType): forge.asn1.Asn1 {
  return asn1.create(UNIVERSAL, ASN1_STRING_TAGS[type] as forge.asn1.Type, false, stringContent(value, type));
}

/** A SET OF in DER order: members sorted by their encodings (X.690 11.6), which OpenSSL does on output. */
function setOf(members: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  const sorted = members.map((node) => ({ node, der: derBytes(node) })).sort((a, b) => Buffer.compare(a.der, b.der));
  return asn1.create(
    UNIVERSAL,
    asn1.Type.SET,
    true,
    sorted.map((m) => m.node),
  );
}

function nameNode(subject: RequestedNameAttribute[]): forge.asn1.Asn1 {
  const rdns: forge.asn1.Asn1[][] = [];
  for (const attribute of subject) {
    const atv = asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [
      oidNode(attribute.oid),
      stringNode(attribute.value, attribute.stringType),
    ]);
    (rdns[attribute.rdn] ??= []).push(atv);
  }
  return asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, rdns.filter((rdn) => rdn !== undefined).map(setOf));
}

/**
 * The string type of a request attribute (challengePassword, unstructuredName, ...): the model keeps its value,
 * so the type is found again the way requestFromConfig found it.
 */
function attributeStringType(attribute: RequestedAttribute, request: ConfigRequest): Asn1StringType {
  const mask =
    request.stringMask !== undefined
      ? (parseStringMask(request.stringMask) ?? DEFAULT_STRING_MASK)
      : DEFAULT_STRING_MASK;
  // Without utf8 = yes the model holds each byte as a latin1 character; encodeNameString wants the config text.
  const text = request.utf8 ? attribute.value : Buffer.from(attribute.value, 'latin1').toString('utf8');
  const encoded = encodeNameString(text, attribute.type, request.utf8, mask);
  if (!encoded.ok)
    throw new CoreError('config-has-errors', `the ${attribute.type} attribute cannot be encoded (${encoded.reason})`);
  return encoded.type;
}

function attributesNode(input: BuildCsrInput): forge.asn1.Asn1 {
  const { request } = input;
  const attributes: forge.asn1.Asn1[] = request.attributes.map((a) =>
    asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [
      oidNode(a.oid),
      setOf([stringNode(a.value, attributeStringType(a, request))]),
    ]),
  );
  const extensions = encodeRequestExtensions(input.config, request, input.publicKeyDer);
  // openssl req adds no extensionRequest at all when the extension section yields nothing.
  if (extensions.length > 0) {
    const list = extensions.map((e) =>
      asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [
        oidNode(e.oid),
        ...(e.critical ? [asn1.create(UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff')] : []),
        asn1.create(UNIVERSAL, asn1.Type.OCTETSTRING, false, e.der.toString('binary')),
      ]),
    );
    attributes.push(
      asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [
        oidNode(OID_EXTENSION_REQUEST),
        setOf([asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, list)]),
      ]),
    );
  }
  const set = setOf(attributes);
  return asn1.create(CONTEXT_SPECIFIC, 0, true, set.value as forge.asn1.Asn1[]);
}

export function buildCsr(input: BuildCsrInput): BuiltCsr {
  if (!input.request.ok)
    throw new CoreError('config-has-errors', 'openssl req would refuse this config, so no CSR is made from it');
  if (input.privateKey.asymmetricKeyType !== 'rsa')
    throw new CoreError(
      'malformed-key',
      `CSRs are signed with RSA keys here, not ${input.privateKey.asymmetricKeyType ?? 'this key'}`,
    );
  const csr = forge.pki.createCertificationRequest();
  const info = asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(UNIVERSAL, asn1.Type.INTEGER, false, integerContent(BigInt(csr.version))),
    nameNode(input.request.subject),
    spkiNode(input.publicKeyDer),
    attributesNode(input),
  ]);
  csr.certificationRequestInfo = info;
  csr.signatureOid = OID_SHA256_WITH_RSA;
  csr.siginfo.algorithmOid = OID_SHA256_WITH_RSA;
  csr.signature = sign('sha256', derBytes(info), input.privateKey).toString('binary');
  const der = derBytes(forge.pki.certificationRequestToAsn1(csr));
  return { der, pem: toPem('CERTIFICATE REQUEST', der) };
}
