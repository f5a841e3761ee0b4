import { createHash, createPrivateKey, createPublicKey, KeyObject, X509Certificate } from 'crypto';
import { isCoreError } from '../errors';
import { splitPem } from '../x509/pem';
import { PRIVATE_KEY_LABELS, readPrivateKey } from '../x509/privateKey';
import { VerifyCheck } from './verifyCheck';

function spkiSha256(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** MD5 of the line `openssl x509 -noout -modulus` prints, which is what the guide's `| md5sum` compares. */
function modulusMd5(key: KeyObject): string | undefined {
  const n = key.export({ format: 'jwk' }).n;
  if (typeof n !== 'string') return undefined;
  const hex = Buffer.from(n, 'base64url')
    .toString('hex')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
  return createHash('md5').update(`Modulus=${hex}\n`).digest('hex');
}

/**
 * The `key-match` check: the private key's public half against the certificate's, both exported by OpenSSL as
 * DER SubjectPublicKeyInfo, so that RSA and EC compare alike and an EC point's encoding does not matter.
 * A key that cannot be opened fails the check with the reason; a file that is no key at all throws.
 */
export function checkKeyMatch(
  certificate: X509Certificate,
  keyPem: string,
  passphrase: string | undefined,
  command: string,
): VerifyCheck {
  const evidence: Record<string, string> = {};
  const fail = (message: string): VerifyCheck => ({
    name: 'key-match',
    ok: false,
    severity: 'error',
    message,
    evidence,
    opensslCommand: command,
  });

  let certificateKey: KeyObject;
  try {
    certificateKey = certificate.publicKey;
  } catch {
    return fail("OpenSSL cannot use the certificate's public key: it cannot be compared with the private key.");
  }
  evidence.certificatePublicKeySha256 = spkiSha256(certificateKey);

  let keyHash: string | undefined;
  try {
    const info = readPrivateKey(keyPem, { passphrase });
    if (info.publicKeySha256 === undefined) {
      return fail(
        'The private key is encrypted and no passphrase was given: it cannot be compared with the certificate.',
      );
    }
    keyHash = info.publicKeySha256;
    if (info.keyType) evidence.keyType = info.keyType;
  } catch (error) {
    if (isCoreError(error) && error.code === 'key-wrong-passphrase') {
      return fail(
        'The private key could not be decrypted with the passphrase given: it cannot be compared with the certificate.',
      );
    }
    throw error;
  }
  evidence.keyPublicKeySha256 = keyHash;
  if (certificateKey.asymmetricKeyType === 'rsa') {
    const block = splitPem(keyPem).blocks.find((b) => PRIVATE_KEY_LABELS.includes(b.label));
    if (block) {
      const certificateModulus = modulusMd5(certificateKey);
      const keyModulus = modulusMd5(createPublicKey(createPrivateKey({ key: block.text, format: 'pem', passphrase })));
      if (certificateModulus && keyModulus) {
        evidence.certificateModulusMd5 = certificateModulus;
        evidence.keyModulusMd5 = keyModulus;
      }
    }
  }
  if (keyHash !== evidence.certificatePublicKeySha256) {
    return fail(
      'The private key does not belong to the certificate: their public keys differ. Deploying this pair fails at the TLS handshake; find the key the CSR was made with.',
    );
  }
  return {
    name: 'key-match',
    ok: true,
    severity: 'info',
    message: 'The private key belongs to the certificate: their public keys are the same.',
    evidence,
    opensslCommand: command,
  };
}
