// The extension names OpenSSL 3.0 accepts in an extension section (short names only: OBJ_sn2nid), how it reads
// each value (a name:value list or @section, a plain string, or raw text), probed on the binary. Names it knows
// as objects but cannot build (crlNumber, ...) fail with "extension setting not supported".

export type ExtensionValueForm = 'list' | 'string' | 'raw' | 'unsupported';

export interface ExtensionInfo {
  name: string;
  form: ExtensionValueForm;
  meaning: string;
}

export const EXTENSIONS: readonly ExtensionInfo[] = [
  {
    name: 'subjectAltName',
    form: 'list',
    meaning: 'Alternative names: DNS:, IP:, email:, URI:, RID:, dirName:, otherName:, inline or @section.',
  },
  {
    name: 'keyUsage',
    form: 'list',
    meaning: 'What the key may do: digitalSignature, keyEncipherment, ... (critical, first, is usual).',
  },
  {
    name: 'extendedKeyUsage',
    form: 'list',
    meaning: 'Purposes: clientAuth for mTLS client certificates, serverAuth, ... or dotted OIDs.',
  },
  {
    name: 'basicConstraints',
    form: 'list',
    meaning: 'CA:FALSE for an end-entity certificate; CA:TRUE with an optional pathlen for a CA.',
  },
  {
    name: 'subjectKeyIdentifier',
    form: 'string',
    meaning: '"hash" derives it from the public key; "none" or hex bytes otherwise.',
  },
  {
    name: 'authorityKeyIdentifier',
    form: 'list',
    meaning: 'keyid / issuer of the issuing CA: needs an issuer certificate, so it fails in a CSR.',
  },
  {
    name: 'issuerAltName',
    form: 'list',
    meaning: 'Alternative names of the issuer; issuer:copy copies them from the CA certificate.',
  },
  { name: 'nsComment', form: 'string', meaning: 'Netscape comment (free text).' },
  {
    name: 'nsCertType',
    form: 'list',
    meaning: 'Netscape certificate type: client, server, email, objsign, sslCA, emailCA, objCA.',
  },
  { name: 'nsBaseUrl', form: 'string', meaning: 'Netscape base URL.' },
  { name: 'nsRevocationUrl', form: 'string', meaning: 'Netscape revocation URL.' },
  { name: 'nsCaRevocationUrl', form: 'string', meaning: 'Netscape CA revocation URL.' },
  { name: 'nsRenewalUrl', form: 'string', meaning: 'Netscape renewal URL.' },
  { name: 'nsCaPolicyUrl', form: 'string', meaning: 'Netscape CA policy URL.' },
  { name: 'nsSslServerName', form: 'string', meaning: 'Netscape SSL server name.' },
  {
    name: 'certificatePolicies',
    form: 'raw',
    meaning: 'Policy OIDs, or @section with policyIdentifier, CPS and userNotice.',
  },
  { name: 'crlDistributionPoints', form: 'list', meaning: 'Where to fetch the CRL: URI:http://...' },
  { name: 'freshestCRL', form: 'list', meaning: 'Delta CRL locations.' },
  { name: 'authorityInfoAccess', form: 'list', meaning: 'OCSP;URI:... and caIssuers;URI:...' },
  { name: 'subjectInfoAccess', form: 'list', meaning: 'Subject information access: method;location.' },
  {
    name: 'policyConstraints',
    form: 'list',
    meaning: 'requireExplicitPolicy / inhibitPolicyMapping (CA certificates).',
  },
  { name: 'policyMappings', form: 'list', meaning: 'Issuer policy OID:subject policy OID pairs (CA certificates).' },
  { name: 'nameConstraints', form: 'list', meaning: 'permitted;/excluded; name subtrees (CA certificates).' },
  {
    name: 'inhibitAnyPolicy',
    form: 'string',
    meaning: 'Number of certificates after which anyPolicy is not honoured.',
  },
  { name: 'proxyCertInfo', form: 'raw', meaning: 'Proxy certificate information (RFC 3820).' },
  { name: 'tlsfeature', form: 'list', meaning: 'TLS features such as status_request (OCSP must-staple).' },
  { name: 'issuingDistributionPoint', form: 'list', meaning: 'CRL issuing distribution point (CRLs only).' },
  { name: 'noCheck', form: 'string', meaning: 'OCSP no-check (OCSP responder certificates).' },
  { name: 'ct_precert_poison', form: 'string', meaning: 'Certificate Transparency precertificate poison.' },
  { name: 'sbgp-ipAddrBlock', form: 'list', meaning: 'RFC 3779 IP address blocks.' },
  { name: 'sbgp-autonomousSysNum', form: 'list', meaning: 'RFC 3779 AS identifiers.' },
  { name: 'crlNumber', form: 'unsupported', meaning: 'CRL number: set by openssl ca, not from a config value.' },
  { name: 'deltaCRL', form: 'unsupported', meaning: 'Delta CRL indicator: not settable from a config value.' },
  { name: 'CRLReason', form: 'unsupported', meaning: 'CRL entry reason: not settable from a config value.' },
  {
    name: 'invalidityDate',
    form: 'unsupported',
    meaning: 'CRL entry invalidity date: not settable from a config value.',
  },
  { name: 'ct_precert_scts', form: 'unsupported', meaning: 'Embedded SCTs: not settable from a config value.' },
  { name: 'ct_cert_scts', form: 'unsupported', meaning: 'SCTs: not settable from a config value.' },
];

export function extensionInfo(name: string): ExtensionInfo | undefined {
  return EXTENSIONS.find((e) => e.name === name);
}

/** keyUsage bits: short and long spellings OpenSSL accepts (crypto/x509/v3_bitst.c). */
export const KEY_USAGE_NAMES: ReadonlyArray<[string, string]> = [
  ['digitalSignature', 'Digital Signature'],
  ['nonRepudiation', 'Non Repudiation'],
  ['keyEncipherment', 'Key Encipherment'],
  ['dataEncipherment', 'Data Encipherment'],
  ['keyAgreement', 'Key Agreement'],
  ['keyCertSign', 'Certificate Sign'],
  ['cRLSign', 'CRL Sign'],
  ['encipherOnly', 'Encipher Only'],
  ['decipherOnly', 'Decipher Only'],
];

export const NS_CERT_TYPE_NAMES: ReadonlyArray<[string, string]> = [
  ['client', 'SSL Client'],
  ['server', 'SSL Server'],
  ['email', 'S/MIME'],
  ['objsign', 'Object Signing'],
  ['reserved', 'Unused'],
  ['sslCA', 'SSL CA'],
  ['emailCA', 'S/MIME CA'],
  ['objCA', 'Object Signing CA'],
];

/** Digest names OpenSSL 3.0's default provider signs an RSA request with (compared case-insensitively). */
export const DIGEST_NAMES: readonly string[] = [
  'sha1',
  'sha-1',
  'ssl3-sha1',
  'md5',
  'ssl3-md5',
  'ripemd',
  'ripemd-160',
  'ripemd160',
  'rmd160',
  'sha224',
  'sha-224',
  'sha2-224',
  'sha256',
  'sha-256',
  'sha2-256',
  'sha384',
  'sha-384',
  'sha2-384',
  'sha512',
  'sha-512',
  'sha2-512',
  'sha512-224',
  'sha-512/224',
  'sha2-512/224',
  'sha512-256',
  'sha-512/256',
  'sha2-512/256',
  'sha3-224',
  'sha3-256',
  'sha3-384',
  'sha3-512',
];
