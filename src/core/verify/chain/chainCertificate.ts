// One certificate as the chain checks see it: what OpenSSL's X509 object caches (names in canonical form,
// serial, dates, key type, extension flags), read once from the DER without building an X509Certificate.
import { KeyObject, X509Certificate } from 'crypto';
import { DerNode, Tag, TagClass, children, contents, decodeOid, encoded, readNode } from '../../x509/der';
import { canonicalName } from './canonicalName';
import { ExtensionFacts, checkCa, normalisedInteger, readExtensionFacts } from './extensionFacts';
import { publicKeyType, signatureMatchesKey } from './signatureKeyType';

export interface CertificateTime {
  tag: number;
  text: string;
}

export interface ChainCertificate {
  der: Buffer;
  /** DER of the subject Name (what the name-constraints checks read). */
  subject: Buffer;
  subjectKey: string;
  issuerKey: string;
  serial: string;
  v1: boolean;
  notBefore?: CertificateTime;
  notAfter?: CertificateTime;
  /** The TBS signature algorithm OID (check_sig_alg_match reads this one, not the outer one). */
  signatureOid: string;
  spki: Buffer;
  keyType?: string;
  /** An id-ecPublicKey whose parameters are an explicit curve rather than a named one. */
  explicitCurve: boolean;
  ext: ExtensionFacts;
  /** EXFLAG_SI: subject and issuer names equal. */
  selfIssued: boolean;
  /** EXFLAG_SS: self-issued, its AKID matches itself and its key type can make its signature. */
  selfSigned: boolean;
  /** X509_check_ca (0 for an invalid certificate). */
  caKind: number;
  publicKey(): KeyObject | undefined;
  x509(): X509Certificate | undefined;
}

function timeOf(node: DerNode | undefined): CertificateTime | undefined {
  if (node === undefined || node.tagClass !== TagClass.UNIVERSAL) return undefined;
  return { tag: node.tag, text: contents(node).toString('latin1') };
}

/** X509_check_akid: X509_V_OK (0) or the mismatch code. */
export function checkAkid(issuer: ChainCertificate, subject: ChainCertificate): number {
  const akid = subject.ext.akid;
  if (akid === undefined) return 0;
  if (akid.keyId !== undefined && issuer.ext.skid !== undefined && !akid.keyId.equals(issuer.ext.skid)) return 30;
  if (akid.serial !== undefined && akid.serial !== issuer.serial) return 31;
  // The AKID's directoryName is compared with the candidate's issuer name, as OpenSSL does.
  if (akid.issuerName !== undefined && akid.issuerName !== issuer.issuerKey) return 31;
  return 0;
}

function lazyX509(der: Buffer): () => X509Certificate | undefined {
  let done = false;
  let cert: X509Certificate | undefined;
  return () => {
    if (!done) {
      done = true;
      try {
        cert = new X509Certificate(der);
      } catch {
        cert = undefined;
      }
    }
    return cert;
  };
}

/**
 * X509_get0_pubkey: the key OpenSSL decoded with the certificate. Taken from the X509Certificate (which the
 * signature check needs anyway) rather than decoding the SubjectPublicKeyInfo a second time.
 */
function lazyKey(x509: () => X509Certificate | undefined): () => KeyObject | undefined {
  let done = false;
  let key: KeyObject | undefined;
  return () => {
    if (!done) {
      done = true;
      try {
        key = x509()?.publicKey;
      } catch {
        key = undefined;
      }
    }
    return key;
  };
}

/** The facts of one certificate, or undefined when its DER cannot be walked (OpenSSL would not load it). */
export function readChainCertificate(der: Buffer): ChainCertificate | undefined {
  try {
    const certificate = readNode(der);
    const [tbs] = children(certificate);
    const fields = children(tbs);
    let i = 0;
    let version = 0;
    if (fields[i].tagClass === TagClass.CONTEXT && fields[i].tag === 0) {
      const inner = children(fields[i++])[0];
      for (const b of contents(inner)) version = version * 256 + b;
    }
    const serialNode = fields[i++];
    const signatureAlgorithm = fields[i++];
    const issuer = fields[i++];
    const validity = children(fields[i++]);
    const subject = fields[i++];
    const spkiNode = fields[i++];
    let extensionsNode: DerNode | undefined;
    for (; i < fields.length; i++)
      if (fields[i].tagClass === TagClass.CONTEXT && fields[i].tag === 3) extensionsNode = fields[i];
    const [keyAlgorithm, keyParameters] = children(children(spkiNode)[0]);
    const keyOid = decodeOid(keyAlgorithm);
    const ext = readExtensionFacts(extensionsNode);
    const subjectKey = canonicalName(subject);
    const issuerKey = canonicalName(issuer);
    const spki = encoded(spkiNode);
    const x509 = lazyX509(der);
    const cert: ChainCertificate = {
      der,
      subject: encoded(subject),
      subjectKey,
      issuerKey,
      serial: normalisedInteger(contents(serialNode)),
      v1: version === 0,
      notBefore: timeOf(validity[0]),
      notAfter: timeOf(validity[1]),
      signatureOid: decodeOid(children(signatureAlgorithm)[0]),
      spki,
      keyType: publicKeyType(keyOid),
      explicitCurve:
        keyOid === '1.2.840.10045.2.1' &&
        keyParameters !== undefined &&
        keyParameters.tagClass === TagClass.UNIVERSAL &&
        keyParameters.tag === Tag.SEQUENCE,
      ext,
      selfIssued: subjectKey === issuerKey,
      selfSigned: false,
      caKind: 0,
      publicKey: lazyKey(x509),
      x509,
    };
    cert.selfSigned =
      cert.selfIssued &&
      checkAkid(cert, cert) === 0 &&
      cert.publicKey() !== undefined &&
      signatureMatchesKey(cert.signatureOid, cert.keyType);
    cert.caKind = ext.invalid ? 0 : checkCa(ext, cert.v1, cert.selfSigned);
    return cert;
  } catch {
    return undefined;
  }
}
