import { CoreError } from '../errors';
import { certificateBlocks } from '../x509/certificateBlocks';
import { StoredPair } from './secretsStore';
import { FieldPresetName } from './storeSpec';

// The field names the consumers already read: Infisical's defaults, Vault PKI's issue response, and the keys of a
// `kubernetes.io/tls` Secret (whose tls.crt carries the leaf followed by its chain).
const PRESET_FIELDS: Record<FieldPresetName, { certificate: string; key: string; chain?: string; ca: string }> = {
  default: { certificate: 'certificate', key: 'private_key', chain: 'certificate_chain', ca: 'ca_certificate' },
  'vault-pki': { certificate: 'certificate', key: 'private_key', chain: 'ca_chain', ca: 'issuing_ca' },
  kubernetes: { certificate: 'tls.crt', key: 'tls.key', ca: 'ca.crt' },
};

/** One JSON object per generation, so the certificate and its key switch together. */
export function encodeStoredPair(pair: StoredPair, preset: FieldPresetName): string {
  const fields = PRESET_FIELDS[preset];
  const value: Record<string, string | string[]> = {};
  if (fields.chain === undefined) {
    value[fields.certificate] = pair.certificatePem + (pair.chainPem ?? '');
  } else {
    value[fields.certificate] = pair.certificatePem;
    if (pair.chainPem) {
      // Vault PKI returns ca_chain as a list of PEM certificates.
      value[fields.chain] = preset === 'vault-pki' ? certificateBlocks(pair.chainPem) : pair.chainPem;
    }
  }
  value[fields.key] = pair.privateKeyPem;
  if (pair.caCertificatePem) value[fields.ca] = pair.caCertificatePem;
  return JSON.stringify(value);
}

function text(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  throw new CoreError('store-entry-invalid', `${where}: field "${field}" is neither a PEM string nor a list of them`);
}

/** The inverse of encodeStoredPair; `where` names the entry in messages, which never quote the value. */
export function decodeStoredPair(secretString: string, preset: FieldPresetName, where: string): StoredPair {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch (error) {
    throw new CoreError('store-entry-invalid', `${where} is not a JSON object (preset ${preset})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CoreError('store-entry-invalid', `${where} is not a JSON object (preset ${preset})`);
  const object = parsed as Record<string, unknown>;
  const fields = PRESET_FIELDS[preset];
  const certificateText = text(object[fields.certificate], fields.certificate, where);
  const privateKeyPem = text(object[fields.key], fields.key, where);
  if (!certificateText || !privateKeyPem) {
    throw new CoreError(
      'store-entry-invalid',
      `${where} lacks "${fields.certificate}" or "${fields.key}" (preset ${preset}; fields present: ${Object.keys(object).join(', ') || 'none'})`,
    );
  }
  const pair: StoredPair = { certificatePem: certificateText, privateKeyPem };
  if (fields.chain === undefined) {
    const [leaf, ...chain] = certificateBlocks(certificateText);
    if (leaf) pair.certificatePem = leaf;
    if (chain.length > 0) pair.chainPem = chain.join('');
  } else {
    const chainPem = text(object[fields.chain], fields.chain, where);
    if (chainPem) pair.chainPem = chainPem;
  }
  const caCertificatePem = text(object[fields.ca], fields.ca, where);
  if (caCertificatePem) pair.caCertificatePem = caCertificatePem;
  return pair;
}
