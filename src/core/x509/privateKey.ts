import { checkKeyDerivationCost } from './keyDerivationLimit';
import { createPrivateKey, createPublicKey, KeyObject, PrivateKeyInput } from 'crypto';
import { CryptoInput, inputDer, Location } from './certificate';
import { CoreError } from '../errors';
import { PrivateKeyInfo } from '../model';
import { DerKind, sniffDer, toPem } from './pem';
import { publicKeyFacts } from './publicKeyFacts';

const formats: Record<string, PrivateKeyInfo['format']> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
  'DSA PRIVATE KEY': 'dsa',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
};

export const PRIVATE_KEY_LABELS = Object.keys(formats);

export interface PrivateKeyOptions extends Location {
  /** Decrypts encrypted keys so that they can be paired; without it they are reported as encrypted only. */
  passphrase?: string;
}

/**
 * Reads a private key's public half. Messages never quote the input: it is key material. An encrypted key
 * without a passphrase is recognised, not opened.
 */
export function readPrivateKey(input: CryptoInput, options: PrivateKeyOptions = {}): PrivateKeyInfo {
  const source = inputDer(input, PRIVATE_KEY_LABELS, 'PRIVATE KEY');
  const line = options.line ?? source.line;
  const base = { kind: 'key' as const, path: options.path ?? '', index: options.index ?? 0, line };

  let format: PrivateKeyInfo['format'];
  let encrypted: boolean;
  let keyInput: PrivateKeyInput;
  if (source.block) {
    format = formats[source.block.label];
    if (!format) throw new CoreError('unsupported-pem-label', `unsupported PEM label ${source.block.label}`, { line });
    encrypted = format === 'encrypted-pkcs8' || /ENCRYPTED/.test(source.block.headers['Proc-Type'] ?? '');
    keyInput = { key: source.block.text, format: 'pem' };
  } else {
    const shape: DerKind | undefined = sniffDer(source.der);
    const types: Partial<Record<DerKind, 'pkcs1' | 'pkcs8' | 'sec1' | 'dsa'>> = {
      pkcs1: 'pkcs1',
      pkcs8: 'pkcs8',
      sec1: 'sec1',
      dsa: 'dsa',
      'encrypted-pkcs8': 'pkcs8',
    };
    const type = shape ? types[shape] : undefined;
    if (!type) throw new CoreError('malformed-key', 'not a DER private key', { line });
    format = 'der';
    encrypted = shape === 'encrypted-pkcs8';
    // Node's DER types stop at RSA, EC and PKCS#8; OpenSSL's PEM decoder still knows the traditional DSA key.
    keyInput =
      type === 'dsa'
        ? { key: toPem('DSA PRIVATE KEY', source.der), format: 'pem' }
        : { key: source.der, format: 'der', type };
  }

  if (encrypted && options.passphrase === undefined) return { ...base, format, encrypted };

  if (encrypted) checkKeyDerivationCost(source.block ? source.block.der : source.der, 'this encrypted key');
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? { ...keyInput, passphrase: options.passphrase } : keyInput);
  } catch (error) {
    if (encrypted)
      throw new CoreError('key-wrong-passphrase', 'could not decrypt the private key: wrong passphrase?', { line });
    throw new CoreError('malformed-key', `malformed private key (${keyErrorReason(error)})`, { line });
  }
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return { ...base, format, encrypted, ...publicKeyFacts(spki) };
}

/** OpenSSL's reason code only (e.g. `DECODER routines::unsupported`): never anything derived from the key. */
function keyErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const match = /routines::([a-z0-9 _-]+)/i.exec(message);
  return match ? match[1] : 'unreadable';
}
