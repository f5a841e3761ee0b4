import { CertificateInfo } from '../model';
import { fingerprintHex } from './fingerprint';
import { RegisterEntry, registerEntryFor, RegisterFile, serializeRegister } from './register';

export interface RegisterMerge {
  register: RegisterFile;
  /** Fingerprints of the entries added. */
  added: string[];
  /** Fingerprints of the entries whose facts were refreshed (they differed from the certificate's). */
  refreshed: string[];
}

/**
 * Adds an entry for every certificate not yet in the register and refreshes the facts of those that are (subject,
 * SANs, serial, dates: the certificate is the truth). What people wrote stays as it is: the name, notes, what an
 * entry replaces and when its old key was retired; `source` is set only where it is missing, so one certificate
 * found both in the workspace and in a store keeps the first place it was registered from. CA certificates are
 * someone else's to renew and are left out. Entries keep their order; new ones follow, soonest expiry first.
 */
export function mergeIntoRegister(
  register: RegisterFile,
  certificates: readonly CertificateInfo[],
  source: string,
): RegisterMerge {
  const byHex = new Map<string, CertificateInfo>();
  for (const certificate of certificates) {
    if (certificate.isCA) continue;
    const hex = fingerprintHex(certificate.fingerprintSha256);
    if (!byHex.has(hex)) byHex.set(hex, certificate);
  }
  const refreshed: string[] = [];
  const known = new Set<string>();
  const entries = register.certificates.map((entry): RegisterEntry => {
    const hex = fingerprintHex(entry.fingerprintSha256);
    known.add(hex);
    const certificate = byHex.get(hex);
    if (!certificate) return entry;
    const facts = registerEntryFor(certificate, entry.name);
    const next: RegisterEntry = {
      ...entry,
      subject: facts.subject,
      subjectAltNames: facts.subjectAltNames,
      serialNumber: facts.serialNumber,
      issuedAt: facts.issuedAt,
      expiresAt: facts.expiresAt,
      source: entry.source ?? source,
    };
    if (!sameEntry(entry, next)) refreshed.push(entry.fingerprintSha256);
    return next;
  });
  const fresh = [...byHex.entries()]
    .filter(([hex]) => !known.has(hex))
    .map(([, certificate]) => ({ ...registerEntryFor(certificate), source }))
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.name.localeCompare(b.name));
  return {
    register: { ...register, certificates: [...entries, ...fresh] },
    added: fresh.map((e) => e.fingerprintSha256),
    refreshed,
  };
}

function sameEntry(a: RegisterEntry, b: RegisterEntry): boolean {
  const one = (e: RegisterEntry) => serializeRegister({ version: 1, certificates: [e] });
  return one(a) === one(b);
}
