// check_sig_alg_match: the key type a signature algorithm needs (OBJ_find_sigid_algs's pkey) and the type of a
// subject public key, so that an issuer is only "likely" when its key can have made the subject's signature.

/** Signature algorithm OID -> the key type OpenSSL's sigid table pairs it with. */
const SIGNATURE_KEY_TYPES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'RSA',
  '1.2.840.113549.1.1.3': 'RSA',
  '1.2.840.113549.1.1.4': 'RSA',
  '1.2.840.113549.1.1.5': 'RSA',
  '1.2.840.113549.1.1.11': 'RSA',
  '1.2.840.113549.1.1.12': 'RSA',
  '1.2.840.113549.1.1.13': 'RSA',
  '1.2.840.113549.1.1.14': 'RSA',
  '1.2.840.113549.1.1.15': 'RSA',
  '1.2.840.113549.1.1.16': 'RSA',
  '1.3.14.3.2.3': 'RSA',
  '1.3.14.3.2.29': 'RSA',
  '1.3.36.3.3.1.2': 'RSA',
  '2.5.8.3.100': 'RSA',
  '2.16.840.1.101.3.4.3.13': 'RSA',
  '2.16.840.1.101.3.4.3.14': 'RSA',
  '2.16.840.1.101.3.4.3.15': 'RSA',
  '2.16.840.1.101.3.4.3.16': 'RSA',
  '1.2.156.10197.1.504': 'RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'EC',
  '1.2.840.10045.4.3.1': 'EC',
  '1.2.840.10045.4.3.2': 'EC',
  '1.2.840.10045.4.3.3': 'EC',
  '1.2.840.10045.4.3.4': 'EC',
  '2.16.840.1.101.3.4.3.9': 'EC',
  '2.16.840.1.101.3.4.3.10': 'EC',
  '2.16.840.1.101.3.4.3.11': 'EC',
  '2.16.840.1.101.3.4.3.12': 'EC',
  '1.2.840.10040.4.3': 'DSA',
  '1.3.14.3.2.27': 'DSA',
  '2.16.840.1.101.3.4.3.1': 'DSA',
  '2.16.840.1.101.3.4.3.2': 'DSA',
  '2.16.840.1.101.3.4.3.3': 'DSA',
  '2.16.840.1.101.3.4.3.4': 'DSA',
  '2.16.840.1.101.3.4.3.5': 'DSA',
  '2.16.840.1.101.3.4.3.6': 'DSA',
  '2.16.840.1.101.3.4.3.7': 'DSA',
  '2.16.840.1.101.3.4.3.8': 'DSA',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.2.156.10197.1.501': 'SM2',
};

/** SubjectPublicKeyInfo algorithm OID -> key type. */
const PUBLIC_KEY_TYPES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '2.5.8.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.2.840.10040.4.1': 'DSA',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.2.840.113549.1.3.1': 'DH',
  '1.2.840.10046.2.1': 'DHX',
};

export function signatureKeyType(signatureOid: string): string | undefined {
  return SIGNATURE_KEY_TYPES[signatureOid];
}

export function publicKeyType(keyOid: string): string | undefined {
  return PUBLIC_KEY_TYPES[keyOid];
}

/** True when a key of `keyType` can have made a signature of `signatureOid` (an RSA key also signs PSS). */
export function signatureMatchesKey(signatureOid: string, keyType: string | undefined): boolean {
  const wanted = SIGNATURE_KEY_TYPES[signatureOid];
  if (wanted === undefined || keyType === undefined) return false;
  return wanted === keyType || (wanted === 'RSASSA-PSS' && keyType === 'RSA');
}
