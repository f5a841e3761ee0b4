import { constants, createPublicKey, KeyObject, verify } from 'crypto';
import { CryptoInput, inputDer, Location } from './certificate';
import {
  bitStringBytes,
  children,
  decodeOid,
  decodeSmallInteger,
  DerNode,
  encoded,
  expect,
  isContext,
  isUniversal,
  readNode,
  Tag,
} from './der';
import { decodeName } from './distinguishedName';
import { CoreError } from '../errors';
import { decodeExtensions } from './extensions';
import { CsrInfo, SubjectAltName } from '../model';
import { hashAlgorithms, OID, signatureAlgorithm } from './oids';
import { publicKeyFacts } from './publicKeyFacts';
import { decodeSubjectAltNames } from './subjectAltNames';

/**
 * Reads a PKCS#10 request of any key type from its DER (forge's CSR API reads RSA only) and verifies its
 * self-signature with Node's crypto against the request's own public key.
 */
export function readCsr(input: CryptoInput, location: Location = {}): CsrInfo {
  const source = inputDer(input, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], 'CERTIFICATE REQUEST');
  const line = location.line ?? source.line;
  let parts: DerNode[];
  let info: DerNode[];
  try {
    parts = children(expect(readNode(source.der), Tag.SEQUENCE, 'CertificationRequest'));
    info = children(expect(parts[0], Tag.SEQUENCE, 'CertificationRequestInfo'));
  } catch (error) {
    throw new CoreError('malformed-csr', 'not a readable certificate request', { line, cause: error });
  }
  try {
    const subject = decodeName(info[1]);
    const spki = encoded(expect(info[2], Tag.SEQUENCE, 'SubjectPublicKeyInfo'));
    const subjectAltNames = info[3] && isContext(info[3], 0) ? requestedSans(info[3]) : [];
    const [algorithm, signatureValid] = checkSignature(encoded(parts[0]), parts[1], parts[2], spki);
    return {
      kind: 'csr',
      path: location.path ?? '',
      index: location.index ?? 0,
      subject,
      subjectAltNames,
      ...publicKeyFacts(spki),
      signatureValid,
      signatureAlgorithm: algorithm,
      line,
    };
  } catch (error) {
    throw new CoreError('malformed-csr', 'malformed certificate request structure', { line, cause: error });
  }
}

function requestedSans(attributes: DerNode): SubjectAltName[] {
  for (const attribute of children(attributes)) {
    const [type, values] = children(expect(attribute, Tag.SEQUENCE, 'Attribute'));
    if (decodeOid(type) !== OID.extensionRequest) continue;
    const [extensions] = children(expect(values, Tag.SET, 'attribute values'));
    const san = decodeExtensions(extensions).get(OID.subjectAltName);
    return san ? decodeSubjectAltNames(san.value) : [];
  }
  return [];
}

function checkSignature(
  signed: Buffer,
  algorithmNode: DerNode,
  signatureNode: DerNode,
  spki: Buffer,
): [string, boolean] {
  const [oidNode, params] = children(expect(algorithmNode, Tag.SEQUENCE, 'signatureAlgorithm'));
  const oid = decodeOid(oidNode);
  const known = signatureAlgorithm(oid);
  if (!known) return [oid, false];
  const signature = bitStringBytes(expect(signatureNode, Tag.BIT_STRING, 'signature'));
  if (signatureNode.buf[signatureNode.contentStart] !== 0) return [known.name, false]; // unused bits: OpenSSL's "invalid bit string bits left"
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return [known.name, false];
  }
  try {
    if (known.family === 'rsa-pss') {
      const pss = pssParams(params);
      return [
        known.name,
        verify(
          pss.hash,
          signed,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
          signature,
        ),
      ];
    }
    if (known.family === 'ecdsa' || known.family === 'dsa') {
      return [known.name, verify(known.hash, signed, { key, dsaEncoding: 'der' }, signature)];
    }
    return [known.name, verify(known.hash, signed, key, signature)];
  } catch {
    // Node refuses some combinations (e.g. md5 under FIPS, a key that does not fit the algorithm).
    return [known.name, false];
  }
}

/** RSASSA-PSS-params: hash [0] (default sha1) and salt length [2] (default 20); MGF1 is assumed to use the same hash. */
function pssParams(params: DerNode | undefined): { hash: string; saltLength: number } {
  let hash = 'sha1';
  let saltLength = 20;
  if (params && isUniversal(params, Tag.SEQUENCE)) {
    for (const field of children(params)) {
      if (isContext(field, 0)) {
        const [alg] = children(field);
        hash = hashAlgorithms[decodeOid(children(alg)[0])] ?? hash;
      } else if (isContext(field, 2)) {
        saltLength = decodeSmallInteger(children(field)[0]);
      }
    }
  }
  return { hash, saltLength };
}
