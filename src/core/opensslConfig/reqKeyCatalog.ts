// The keys `openssl req` (3.0) reads from its section, and the default-section keys it reads, with meanings
// for completion and hover. Every [req] key is also found in the default section when [req] lacks it.

export interface ConfigKeyInfo {
  name: string;
  /** `req`: read from the req section (falling back to default); `default`: only from the default section. */
  scope: 'req' | 'default';
  meaning: string;
  /** Values OpenSSL recognises, when it recognises a fixed set. */
  values?: string[];
  /** Whether `openssl req -new -key K` uses it (keys about generating a key are ignored then). */
  usedWithKey: boolean;
}

export const REQ_KEYS: readonly ConfigKeyInfo[] = [
  {
    name: 'distinguished_name',
    scope: 'req',
    usedWithKey: true,
    meaning: 'Section holding the subject fields (with prompt = no) or the prompts and their _default values.',
  },
  {
    name: 'prompt',
    scope: 'req',
    usedWithKey: true,
    values: ['no'],
    meaning:
      'Exactly "no" takes the subject from the distinguished_name values; anything else prompts (and -batch takes the _default values).',
  },
  {
    name: 'req_extensions',
    scope: 'req',
    usedWithKey: true,
    meaning: 'Section of extensions requested in the CSR (subjectAltName, keyUsage, ...).',
  },
  {
    name: 'x509_extensions',
    scope: 'req',
    usedWithKey: true,
    meaning: 'Extensions for a self-signed certificate (req -x509); openssl req -new still checks its syntax.',
  },
  {
    name: 'attributes',
    scope: 'req',
    usedWithKey: true,
    meaning: 'Section of CSR attributes such as challengePassword.',
  },
  {
    name: 'default_md',
    scope: 'req',
    usedWithKey: true,
    values: ['sha256', 'sha384', 'sha512', 'sha3-256', 'sha1'],
    meaning: 'Digest the CSR is signed with (sha256 when absent); an unknown name fails only when signing.',
  },
  {
    name: 'string_mask',
    scope: 'req',
    usedWithKey: true,
    values: ['utf8only', 'default', 'pkix', 'nombstr'],
    meaning: 'String types allowed for DN values (utf8only when absent), or MASK:number.',
  },
  {
    name: 'utf8',
    scope: 'req',
    usedWithKey: true,
    values: ['yes'],
    meaning:
      'Exactly "yes" reads values as UTF-8; otherwise every byte is one character, so non-ASCII text is double-encoded.',
  },
  { name: 'input_password', scope: 'req', usedWithKey: true, meaning: 'Passphrase of the -key file.' },
  {
    name: 'default_bits',
    scope: 'req',
    usedWithKey: false,
    meaning: 'Key size when openssl req generates the key itself (2048 when absent); ignored with -key.',
  },
  {
    name: 'default_keyfile',
    scope: 'req',
    usedWithKey: false,
    meaning: 'File a generated key is written to; ignored with -key.',
  },
  {
    name: 'encrypt_key',
    scope: 'req',
    usedWithKey: false,
    values: ['no', 'yes'],
    meaning: '"no" writes a generated key unencrypted (like -noenc); ignored with -key.',
  },
  {
    name: 'encrypt_rsa_key',
    scope: 'req',
    usedWithKey: false,
    values: ['no', 'yes'],
    meaning: 'Older spelling of encrypt_key, read first.',
  },
  { name: 'output_password', scope: 'req', usedWithKey: false, meaning: 'Passphrase for a generated key.' },
  {
    name: 'oid_section',
    scope: 'default',
    usedWithKey: true,
    meaning: 'Section of name = dotted.OID lines defining new object names (usable as DN fields).',
  },
  {
    name: 'oid_file',
    scope: 'default',
    usedWithKey: true,
    meaning: 'File with extra OID definitions, read when present.',
  },
  {
    name: 'openssl_conf',
    scope: 'default',
    usedWithKey: true,
    meaning: 'Section of library configuration (providers, algorithms) applied when the config is loaded.',
  },
];

export function reqKeyInfo(name: string): ConfigKeyInfo | undefined {
  return REQ_KEYS.find((k) => k.name === name);
}
