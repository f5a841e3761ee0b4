// Plain inventory data for the rotation rules: the rules read fields, not files, so no OpenSSL is needed here.
import { createHash } from 'crypto';
import { CertificateInfo, CsrInfo, DistinguishedName, PrivateKeyInfo, SubjectAltName } from '../../../src/core/model';

export const ROOT = '/ws';

export function hex64(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export function fingerprint(seed: string): string {
  return (hex64(`fp:${seed}`).match(/../g) ?? []).join(':').toUpperCase();
}

export const SUBJECT: DistinguishedName = [
  { type: 'C', value: 'GB' },
  { type: 'O', value: 'Axys Test' },
  { type: 'OU', value: 'Payments' },
  { type: 'CN', value: 'program-a' },
];
export const SANS: SubjectAltName[] = [
  { type: 'DNS', value: 'program-a.example' },
  { type: 'IP', value: '10.0.0.1' },
];

export function certificate(seed: string, overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    kind: 'certificate',
    path: `${ROOT}/certs/${seed}.crt`,
    index: 0,
    subject: SUBJECT,
    issuer: [{ type: 'CN', value: 'Axys Test CA' }],
    subjectAltNames: SANS,
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2025-04-01T00:00:00.000Z',
    serialNumber: hex64(`serial:${seed}`).slice(0, 16).toUpperCase(),
    fingerprintSha256: fingerprint(seed),
    publicKeySha256: hex64(`spki:${seed}`),
    keyType: 'RSA',
    keyBits: 2048,
    selfSigned: false,
    isCA: false,
    line: 1,
    pem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
    ...overrides,
  };
}

export function key(
  path: string,
  publicKeySha256: string | undefined,
  overrides: Partial<PrivateKeyInfo> = {},
): PrivateKeyInfo {
  return {
    kind: 'key',
    path,
    index: 0,
    format: 'pkcs8',
    encrypted: publicKeySha256 === undefined,
    line: 1,
    ...(publicKeySha256 === undefined ? {} : { publicKeySha256, keyType: 'RSA' as const, keyBits: 2048 }),
    ...overrides,
  };
}

export function csr(path: string, publicKeySha256: string, overrides: Partial<CsrInfo> = {}): CsrInfo {
  return {
    kind: 'csr',
    path,
    index: 0,
    subject: SUBJECT,
    subjectAltNames: SANS,
    signatureValid: true,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    publicKeySha256,
    keyType: 'RSA',
    keyBits: 2048,
    line: 1,
    ...overrides,
  };
}
