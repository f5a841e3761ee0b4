import { createPrivateKey, createPublicKey, KeyObject } from 'crypto';
import * as forge from 'node-forge';
import { readCertificate } from '../x509/certificate';
import { CoreError } from '../errors';
import { CertificateInfo } from '../model';
import { splitPem } from '../x509/pem';
import { readPrivateKey } from '../x509/privateKey';
import { publicKeyFacts } from '../x509/publicKeyFacts';

export interface ClientCredentialsInput {
  certificatePem?: string;
  keyPem?: string;
  pkcs12?: Buffer;
  passphrase?: string;
}

export interface ClientCredentials {
  /** The leaf first, then any intermediates, as the handshake sends them. */
  certificateChainPem: string;
  /** Unencrypted PKCS#8, so that TLS never needs the passphrase. */
  keyPem: string;
  certificate: CertificateInfo;
}

const CERTIFICATE_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'];

/**
 * The certificate and key a test call presents, checked before any connection: a key that does not match
 * its certificate would otherwise surface as an obscure OpenSSL error, or as a handshake refusal that sends
 * people looking at the server. Undefined when no client certificate is configured.
 */
export function loadClientCredentials(input: ClientCredentialsInput): ClientCredentials | undefined {
  const { certificatePem, keyPem, pkcs12 } = input;
  if (pkcs12 !== undefined && (certificatePem !== undefined || keyPem !== undefined)) {
    throw new CoreError('invalid-test-call-input', 'give either a PKCS#12 file or a PEM certificate and key, not both');
  }
  if (pkcs12 !== undefined) return fromPkcs12(pkcs12, input.passphrase);
  if (certificatePem === undefined && keyPem === undefined) return undefined;
  if (certificatePem === undefined)
    throw new CoreError('invalid-test-call-input', 'a private key was given without its certificate');
  if (keyPem === undefined)
    throw new CoreError('invalid-test-call-input', 'a certificate was given without its private key');
  return fromPem(certificatePem, keyPem, input.passphrase);
}

function fromPem(certificatePem: string, keyPem: string, passphrase: string | undefined): ClientCredentials {
  const { blocks, problems } = splitPem(certificatePem);
  const certificates = blocks.filter((b) => CERTIFICATE_LABELS.includes(b.label)).map((b) => readCertificate(b));
  if (certificates.length === 0)
    throw problems[0] ?? new CoreError('not-pem-or-der', 'no CERTIFICATE PEM block found in the client certificate');
  const keyInfo = readPrivateKey(keyPem, { passphrase });
  if (keyInfo.encrypted && passphrase === undefined) {
    throw new CoreError('passphrase-required', 'the private key is encrypted: give its passphrase');
  }
  const key = createPrivateKey(passphrase === undefined ? keyPem : { key: keyPem, passphrase });
  return assemble(certificates, key, keyInfo.publicKeySha256);
}

function fromPkcs12(der: Buffer, passphrase: string | undefined): ClientCredentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
    p12 = openPkcs12(asn1, passphrase);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('malformed-pkcs12', 'not a readable PKCS#12 file', { cause: error });
  }
  const certificates: CertificateInfo[] = [];
  const keys: KeyObject[] = [];
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        // forge parses RSA certificates and leaves others as ASN.1; both re-encode to the original DER.
        const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (asn1) certificates.push(readCertificate(forgeDer(asn1)));
      } else if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        // forge leaves keys it cannot model (EC) as PrivateKeyInfo ASN.1; RSA keys are re-wrapped into one.
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
        if (info) keys.push(createPrivateKey({ key: forgeDer(info), format: 'der', type: 'pkcs8' }));
      }
    }
  }
  if (keys.length === 0) throw new CoreError('invalid-test-call-input', 'the PKCS#12 file holds no private key');
  if (certificates.length === 0)
    throw new CoreError('invalid-test-call-input', 'the PKCS#12 file holds no certificate');
  const key = keys[0];
  const keyHash = publicKeyHash(key);
  // The file's order is not guaranteed: the leaf is the certificate of the key, the rest is its chain.
  const leaf = certificates.find((c) => c.publicKeySha256 === keyHash);
  const ordered = leaf ? [leaf, ...certificates.filter((c) => c !== leaf)] : certificates;
  return assemble(ordered, key, keyHash);
}

/** What OpenSSL's PKCS12_parse tries without a passphrase: none, then the empty one. */
function openPkcs12(asn1: forge.asn1.Asn1, passphrase: string | undefined): forge.pkcs12.Pkcs12Pfx {
  const candidates: (string | null)[] = passphrase !== undefined ? [passphrase] : [null, ''];
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      return forge.pkcs12.pkcs12FromAsn1(asn1, false, candidate as string);
    } catch (error) {
      lastError = error;
    }
  }
  const message = lastError instanceof Error ? lastError.message : '';
  if (passphrase === undefined && /password|MAC|decrypt/i.test(message)) {
    throw new CoreError('passphrase-required', 'the PKCS#12 file is encrypted: give its passphrase');
  }
  if (/password|MAC|decrypt/i.test(message))
    throw new CoreError('pkcs12-wrong-passphrase', 'the passphrase does not open this PKCS#12 file');
  throw new CoreError('malformed-pkcs12', `unreadable PKCS#12 file: ${message || 'unknown structure'}`);
}

function assemble(certificates: CertificateInfo[], key: KeyObject, keyHash: string | undefined): ClientCredentials {
  const [leaf] = certificates;
  if (keyHash !== leaf.publicKeySha256) {
    throw new CoreError(
      'key-certificate-mismatch',
      `the private key does not belong to the certificate ${leaf.fingerprintSha256}: use the key the CSR was made with`,
    );
  }
  return {
    certificateChainPem: certificates.map((c) => c.pem).join(''),
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificate: leaf,
  };
}

function publicKeyHash(key: KeyObject): string {
  return publicKeyFacts(createPublicKey(key).export({ type: 'spki', format: 'der' })).publicKeySha256;
}

function forgeDer(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
