import { expiryStatus } from '../core/expiry';
import { CertificateInfo, InventoryError, InventoryItem } from '../core/model';
import { escapeControlCharacters } from '../core/text/escapeControlCharacters';

/** The JSON shape of DESIGN.md's inventory contract: plain fields, no PEM, expiry computed at `now`. */
export function itemToJson(item: InventoryItem, now: Date, thresholds?: number[]): Record<string, unknown> {
  const base = { path: item.path, kind: item.kind, index: item.index, line: item.line };
  switch (item.kind) {
    case 'certificate':
      return { ...base, ...certificateFields(item, now, thresholds) };
    case 'key':
      return {
        ...base,
        format: item.format,
        encrypted: item.encrypted,
        publicKeySha256: item.publicKeySha256,
        keyType: item.keyType,
        keyBits: item.keyBits,
        curve: item.curve,
      };
    case 'csr':
      return {
        ...base,
        subject: item.subject,
        subjectAltNames: item.subjectAltNames,
        publicKeySha256: item.publicKeySha256,
        keyType: item.keyType,
        keyBits: item.keyBits,
        curve: item.curve,
        signatureValid: item.signatureValid,
        signatureAlgorithm: item.signatureAlgorithm,
      };
    case 'pkcs12':
      return {
        ...base,
        encrypted: item.encrypted,
        keyCount: item.keyCount,
        certificates: item.certificates.map((c) => ({ index: c.index, ...certificateFields(c, now, thresholds) })),
      };
  }
}

function certificateFields(c: CertificateInfo, now: Date, thresholds?: number[]): Record<string, unknown> {
  const { daysLeft, status } = expiryStatus(c.notAfter, now, thresholds);
  return {
    subject: c.subject,
    issuer: c.issuer,
    subjectAltNames: c.subjectAltNames,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    daysLeft,
    status,
    serialNumber: c.serialNumber,
    fingerprintSha256: c.fingerprintSha256,
    publicKeySha256: c.publicKeySha256,
    keyType: c.keyType,
    keyBits: c.keyBits,
    curve: c.curve,
    selfSigned: c.selfSigned,
    isCA: c.isCA,
    signatureAlgorithm: c.signatureAlgorithm,
  };
}

export function errorToJson(error: InventoryError): Record<string, unknown> {
  return { path: error.path, code: error.code, message: error.message, line: error.line };
}

/** `path:line: message (code)`, one per line, for the human-readable outputs. */
export function formatErrors(errors: InventoryError[]): string {
  return errors
    .map(
      (e) =>
        `${escapeControlCharacters(e.path)}${e.line ? `:${e.line}` : ''}: ${escapeControlCharacters(e.message)} (${e.code})\n`,
    )
    .join('');
}
