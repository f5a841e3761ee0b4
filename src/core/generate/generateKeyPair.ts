// A fresh RSA key for every renewal (the rotation guide: never carry the old key forward). Node's native,
// asynchronous generator runs on libuv's thread pool, so the extension host stays responsive for the tenths of a
// second that RSA-2048 takes, and it is OpenSSL's own prime search underneath.
import { generateKeyPair as nodeGenerateKeyPair, KeyObject } from 'crypto';
import { CoreError } from '../errors';

export const DEFAULT_KEY_BITS = 2048;
/** The provider asks for RSA-2048; 3072 and 4096 are the larger sizes CAs commonly accept. */
export const ALLOWED_KEY_BITS: readonly number[] = [2048, 3072, 4096];

export interface GeneratedKeyPair {
  privateKey: KeyObject;
  /** PKCS#8, unencrypted: the form `openssl genrsa` writes in OpenSSL 3. */
  privateKeyPem: string;
  /** DER SubjectPublicKeyInfo, the bytes publicKeySha256 is computed over. */
  publicKeyDer: Buffer;
  bits: number;
}

export interface GenerateKeyPairOptions {
  bits?: number;
  signal?: AbortSignal;
}

/** Refuses sizes below 2048 (`weak-key-size`) and sizes other than 2048, 3072 and 4096 (`unsupported-key-size`). */
export function checkKeyBits(bits: number, origin = 'the key size'): number {
  if (!Number.isInteger(bits) || bits < DEFAULT_KEY_BITS) {
    throw new CoreError(
      'weak-key-size',
      `${origin} ${bits} is below ${DEFAULT_KEY_BITS} bits; RSA keys under 2048 bits are weak and the provider refuses them`,
    );
  }
  if (!ALLOWED_KEY_BITS.includes(bits)) {
    throw new CoreError('unsupported-key-size', `${origin} ${bits} is not one of ${ALLOWED_KEY_BITS.join(', ')} bits`);
  }
  return bits;
}

function abortError(): CoreError {
  return new CoreError('aborted', 'key generation was cancelled');
}

export async function generateKeyPair(options: GenerateKeyPairOptions = {}): Promise<GeneratedKeyPair> {
  const bits = checkKeyBits(options.bits ?? DEFAULT_KEY_BITS);
  const { signal } = options;
  if (signal?.aborted) throw abortError();
  return new Promise<GeneratedKeyPair>((resolve, reject) => {
    let settled = false;
    // The native search cannot be interrupted; on abort the caller is released at once and the key, when it
    // arrives, is dropped unseen.
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    nodeGenerateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      signal?.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      if (error) {
        reject(new CoreError('key-generation-failed', `RSA key generation failed: ${error.message}`, { cause: error }));
        return;
      }
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      resolve({
        privateKey,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
        bits,
      });
    });
  });
}
