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

/**
 * The size openssl gives an EC key on each curve it names (the bit length of the group order, EC_GROUP_order_bits:
 * 161 for secp160r1, 162 for sect163r1), as `openssl pkey -text_pub` printed them with OpenSSL 3.0.22. A test
 * compares the table with the openssl binary; names come from the object table.
 */
export const CURVE_ORDER_BITS: Readonly<Record<string, number>> = {
  '1.3.132.0.6': 112, // secp112r1
  '1.3.132.0.7': 110, // secp112r2
  '1.3.132.0.28': 128, // secp128r1
  '1.3.132.0.29': 126, // secp128r2
  '1.3.132.0.9': 161, // secp160k1
  '1.3.132.0.8': 161, // secp160r1
  '1.3.132.0.30': 161, // secp160r2
  '1.3.132.0.31': 192, // secp192k1
  '1.3.132.0.32': 225, // secp224k1
  '1.3.132.0.33': 224, // secp224r1
  '1.3.132.0.10': 256, // secp256k1
  '1.3.132.0.34': 384, // secp384r1
  '1.3.132.0.35': 521, // secp521r1
  '1.2.840.10045.3.1.1': 192, // prime192v1
  '1.2.840.10045.3.1.2': 192, // prime192v2
  '1.2.840.10045.3.1.3': 192, // prime192v3
  '1.2.840.10045.3.1.4': 239, // prime239v1
  '1.2.840.10045.3.1.5': 239, // prime239v2
  '1.2.840.10045.3.1.6': 239, // prime239v3
  '1.2.840.10045.3.1.7': 256, // prime256v1
  '1.3.132.0.4': 113, // sect113r1
  '1.3.132.0.5': 113, // sect113r2
  '1.3.132.0.22': 131, // sect131r1
  '1.3.132.0.23': 131, // sect131r2
  '1.3.132.0.1': 163, // sect163k1
  '1.3.132.0.2': 162, // sect163r1
  '1.3.132.0.15': 163, // sect163r2
  '1.3.132.0.24': 193, // sect193r1
  '1.3.132.0.25': 193, // sect193r2
  '1.3.132.0.26': 232, // sect233k1
  '1.3.132.0.27': 233, // sect233r1
  '1.3.132.0.3': 238, // sect239k1
  '1.3.132.0.16': 281, // sect283k1
  '1.3.132.0.17': 282, // sect283r1
  '1.3.132.0.36': 407, // sect409k1
  '1.3.132.0.37': 409, // sect409r1
  '1.3.132.0.38': 570, // sect571k1
  '1.3.132.0.39': 570, // sect571r1
  '1.2.840.10045.3.0.1': 163, // c2pnb163v1
  '1.2.840.10045.3.0.2': 162, // c2pnb163v2
  '1.2.840.10045.3.0.3': 162, // c2pnb163v3
  '1.2.840.10045.3.0.4': 161, // c2pnb176v1
  '1.2.840.10045.3.0.5': 191, // c2tnb191v1
  '1.2.840.10045.3.0.6': 190, // c2tnb191v2
  '1.2.840.10045.3.0.7': 189, // c2tnb191v3
  '1.2.840.10045.3.0.10': 193, // c2pnb208w1
  '1.2.840.10045.3.0.11': 238, // c2tnb239v1
  '1.2.840.10045.3.0.12': 237, // c2tnb239v2
  '1.2.840.10045.3.0.13': 236, // c2tnb239v3
  '1.2.840.10045.3.0.16': 257, // c2pnb272w1
  '1.2.840.10045.3.0.17': 289, // c2pnb304w1
  '1.2.840.10045.3.0.18': 353, // c2tnb359v1
  '1.2.840.10045.3.0.19': 353, // c2pnb368w1
  '1.2.840.10045.3.0.20': 418, // c2tnb431r1
  '2.23.43.1.4.1': 112, // wap-wsg-idm-ecid-wtls1
  '2.23.43.1.4.3': 163, // wap-wsg-idm-ecid-wtls3
  '2.23.43.1.4.4': 113, // wap-wsg-idm-ecid-wtls4
  '2.23.43.1.4.5': 163, // wap-wsg-idm-ecid-wtls5
  '2.23.43.1.4.6': 112, // wap-wsg-idm-ecid-wtls6
  '2.23.43.1.4.7': 161, // wap-wsg-idm-ecid-wtls7
  '2.23.43.1.4.8': 113, // wap-wsg-idm-ecid-wtls8
  '2.23.43.1.4.9': 161, // wap-wsg-idm-ecid-wtls9
  '2.23.43.1.4.10': 232, // wap-wsg-idm-ecid-wtls10
  '2.23.43.1.4.11': 233, // wap-wsg-idm-ecid-wtls11
  '2.23.43.1.4.12': 224, // wap-wsg-idm-ecid-wtls12
  '1.3.36.3.3.2.8.1.1.1': 160, // brainpoolP160r1
  '1.3.36.3.3.2.8.1.1.2': 160, // brainpoolP160t1
  '1.3.36.3.3.2.8.1.1.3': 192, // brainpoolP192r1
  '1.3.36.3.3.2.8.1.1.4': 192, // brainpoolP192t1
  '1.3.36.3.3.2.8.1.1.5': 224, // brainpoolP224r1
  '1.3.36.3.3.2.8.1.1.6': 224, // brainpoolP224t1
  '1.3.36.3.3.2.8.1.1.7': 256, // brainpoolP256r1
  '1.3.36.3.3.2.8.1.1.8': 256, // brainpoolP256t1
  '1.3.36.3.3.2.8.1.1.9': 320, // brainpoolP320r1
  '1.3.36.3.3.2.8.1.1.10': 320, // brainpoolP320t1
  '1.3.36.3.3.2.8.1.1.11': 384, // brainpoolP384r1
  '1.3.36.3.3.2.8.1.1.12': 384, // brainpoolP384t1
  '1.3.36.3.3.2.8.1.1.13': 512, // brainpoolP512r1
  '1.3.36.3.3.2.8.1.1.14': 512, // brainpoolP512t1
  '1.2.156.10197.1.301': 256, // SM2
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
