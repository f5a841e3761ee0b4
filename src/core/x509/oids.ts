import { objectByOid } from './opensslObjects';

/**
 * How OpenSSL names an attribute type in a printed name: the short name of any object it knows (OBJ_obj2nid,
 * then OBJ_nid2sn, so OGRN and INN too, not only the X.520 types), else the dotted OID.
 */
export function attributeName(oid: string): string {
  const object = objectByOid(oid);
  return object && object.oid ? object.sn : oid;
}

/** Signature algorithms: OpenSSL's long name (as `openssl req -text` prints it) and the digest for `crypto.verify`. */
export interface SignatureAlgorithm {
  name: string;
  /** Digest name for Node's crypto.verify; null for Ed25519/Ed448, which take none. */
  hash: string | null;
  family: 'rsa' | 'rsa-pss' | 'ecdsa' | 'eddsa' | 'dsa';
}

const signatureAlgorithms: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5', family: 'rsa' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512', family: 'rsa' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224', family: 'rsa' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss', hash: 'sha1', family: 'rsa-pss' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1', family: 'ecdsa' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224', family: 'ecdsa' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256', family: 'ecdsa' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384', family: 'ecdsa' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512', family: 'ecdsa' },
  '1.3.101.112': { name: 'ED25519', hash: null, family: 'eddsa' },
  '1.3.101.113': { name: 'ED448', hash: null, family: 'eddsa' },
  '1.2.840.10040.4.3': { name: 'dsaWithSHA1', hash: 'sha1', family: 'dsa' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa_with_SHA224', hash: 'sha224', family: 'dsa' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256', hash: 'sha256', family: 'dsa' },
};

export function signatureAlgorithm(oid: string): SignatureAlgorithm | undefined {
  return signatureAlgorithms[oid];
}

export const hashAlgorithms: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

export const curves: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.1': { name: 'prime192v1', bits: 192 },
  '1.3.132.0.33': { name: 'secp224r1', bits: 224 },
  '1.2.840.10045.3.1.7': { name: 'prime256v1', bits: 256 },
  '1.3.132.0.34': { name: 'secp384r1', bits: 384 },
  '1.3.132.0.35': { name: 'secp521r1', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
  '1.2.156.10197.1.301': { name: 'SM2', bits: 256 },
};

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  dsa: '1.2.840.10040.4.1',
  dhKeyAgreement: '1.2.840.113549.1.3.1',
  dhPublicNumber: '1.2.840.10046.2.1',
  mgf1: '1.2.840.113549.1.1.8',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  extensionRequest: '1.2.840.113549.1.9.14',
  pkcs7Data: '1.2.840.113549.1.7.1',
  pkcs7EncryptedData: '1.2.840.113549.1.7.6',
} as const;
