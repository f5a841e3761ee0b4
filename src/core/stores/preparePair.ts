import { createPrivateKey, KeyObject } from 'crypto';
import { CoreError } from '../errors';
import { CertificateInfo } from '../model';
import { formatName } from '../x509/formatName';
import { readCertificate } from '../x509/certificate';
import { certificateBlocks } from '../x509/certificateBlocks';
import { keyMatchesCertificate } from './keyMatchesCertificate';
import { StoredPair } from './secretsStore';

/** A pair checked and normalised for a store: what every adapter writes, and the facts it tags or names it by. */
export interface PreparedPair {
  pair: StoredPair;
  certificate: CertificateInfo;
  /**
   * `<notAfter as YYYY-MM-DD>-<first 8 hex of the serial>`: sorts by expiry, but two certificates can share it;
   * adapters pick the name actually used with pickGenerationName.
   */
  generation: string;
}

function certificatesIn(pem: string, what: string): string[] {
  const blocks = certificateBlocks(pem);
  if (blocks.length === 0) throw new CoreError('malformed-certificate', `${what} holds no PEM certificate`);
  return blocks;
}

export function generationName(certificate: Pick<CertificateInfo, 'notAfter' | 'serialNumber'>): string {
  const serial = certificate.serialNumber.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
  // Padded on the left, as numbers are: serial 0x1000 must not be named like serial 0x10000000.
  return `${certificate.notAfter.slice(0, 10)}-${serial.padStart(8, '0').slice(0, 8)}`;
}

/**
 * Refuses what must never reach services: a key that does not belong to the certificate (the daemon would fail
 * every handshake), an encrypted key (no consumer could open it), and a certificate that has expired. The key is
 * re-encoded as unencrypted PKCS#8; messages never quote key material. With `store`, messages start with it.
 */
export function preparePair(input: StoredPair, now: Date = new Date(), store?: string): PreparedPair {
  if (store === undefined) return prepare(input, now);
  try {
    return prepare(input, now);
  } catch (error) {
    // The store named, so that a refusal in a run over several stores says which one refused.
    if (error instanceof CoreError)
      throw new CoreError(error.code, `${store}: ${error.message}`, { cause: error.cause ?? error });
    throw error;
  }
}

function prepare(input: StoredPair, now: Date): PreparedPair {
  const [leafPem] = certificatesIn(input.certificatePem, 'the certificate');
  const certificate = readCertificate(leafPem);
  let key: KeyObject;
  let privateKeyPem: string;
  try {
    key = createPrivateKey({ key: input.privateKeyPem, format: 'pem' });
    privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(input.privateKeyPem);
    throw new CoreError(
      encrypted ? 'passphrase-required' : 'malformed-key',
      encrypted
        ? 'the private key is encrypted; a store must hold a key its services can open (decrypt it first)'
        : 'the private key is not a readable PEM private key',
      { cause: error },
    );
  }
  if (!keyMatchesCertificate(key, certificate)) {
    throw new CoreError(
      'key-certificate-mismatch',
      `the private key does not belong to the certificate ${formatName(certificate.subject)} (serial ${certificate.serialNumber}): their public keys differ`,
    );
  }
  if (now.getTime() >= Date.parse(certificate.notAfter)) {
    throw new CoreError(
      'certificate-expired',
      `the certificate ${formatName(certificate.subject)} (serial ${certificate.serialNumber}) expired on ${certificate.notAfter}; services would fail every handshake with it`,
    );
  }
  const pair: StoredPair = { certificatePem: leafPem, privateKeyPem };
  if (input.chainPem?.trim()) pair.chainPem = certificatesIn(input.chainPem, 'the chain').join('');
  if (input.caCertificatePem?.trim())
    pair.caCertificatePem = certificatesIn(input.caCertificatePem, 'the CA certificate').join('');
  return { pair, certificate, generation: generationName(certificate) };
}
