import { commonName, formatName } from '../x509/formatName';
import { CertificateInfo } from '../model';
import { fingerprintHex, sameFingerprint } from './fingerprint';
import { isoOf } from '../text/isoDateTime';
import { readJsonAgainstSchema } from '../json/readJsonAgainstSchema';
import { REGISTER_SCHEMA } from './registerSchema';

export const DEFAULT_REGISTER_PATH = 'certificate-register.json';

export interface RegisterReplacement {
  fingerprintSha256: string;
  serialNumber: string;
  replacedAt: string;
}

export interface RegisterEntry {
  name: string;
  /** As `openssl x509 -subject` prints it (`formatName`). */
  subject: string;
  /** `TYPE:value`, e.g. `DNS:client.example`, `IP:10.0.0.1`. */
  subjectAltNames: string[];
  serialNumber: string;
  fingerprintSha256: string;
  /** The certificate's notBefore. */
  issuedAt: string;
  /** The certificate's notAfter. */
  expiresAt: string;
  replaces?: RegisterReplacement;
  oldKeyRetiredAt?: string;
  /** Where the certificate was found (`workspace`, a store's name); written by the register's merge. */
  source?: string;
  notes?: string;
}

export interface RegisterFile {
  $schema?: string;
  version: 1;
  certificates: RegisterEntry[];
}

/** What `recordRotation` needs of the replaced certificate: a `CertificateInfo` or a rotation's `old` will do. */
export interface ReplacedCertificate {
  fingerprintSha256: string;
  serialNumber: string;
}

export function emptyRegister(): RegisterFile {
  return { version: 1, certificates: [] };
}

/** Validated against REGISTER_SCHEMA; errors carry the JSON pointer and the line and column of the culprit. */
export function parseRegister(text: string): RegisterFile {
  return readJsonAgainstSchema(text, REGISTER_SCHEMA, 'register-invalid', 'certificate register') as RegisterFile;
}

function compact<T extends object>(entries: Array<[keyof T & string, unknown]>): T {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as T;
}

function canonicalEntry(e: RegisterEntry): RegisterEntry {
  return compact<RegisterEntry>([
    ['name', e.name],
    ['subject', e.subject],
    ['subjectAltNames', [...e.subjectAltNames]],
    ['serialNumber', e.serialNumber],
    ['fingerprintSha256', e.fingerprintSha256],
    ['issuedAt', e.issuedAt],
    ['expiresAt', e.expiresAt],
    [
      'replaces',
      e.replaces &&
        compact<RegisterReplacement>([
          ['fingerprintSha256', e.replaces.fingerprintSha256],
          ['serialNumber', e.replaces.serialNumber],
          ['replacedAt', e.replaces.replacedAt],
        ]),
    ],
    ['oldKeyRetiredAt', e.oldKeyRetiredAt],
    ['source', e.source],
    ['notes', e.notes],
  ]);
}

/** Fixed key order, entries in the register's own order, two-space indent, trailing newline. */
export function serializeRegister(register: RegisterFile): string {
  const canonical = compact<RegisterFile>([
    ['$schema', register.$schema],
    ['version', register.version],
    ['certificates', register.certificates.map(canonicalEntry)],
  ]);
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

export function findRegisterEntry(register: RegisterFile, fingerprintSha256: string): RegisterEntry | undefined {
  return register.certificates.find((e) => sameFingerprint(e.fingerprintSha256, fingerprintSha256));
}

/** The entry a certificate gets; `name` defaults to its CN. */
export function registerEntryFor(certificate: CertificateInfo, name?: string): RegisterEntry {
  return {
    name: name ?? (commonName(certificate.subject) || certificate.fingerprintSha256),
    subject: formatName(certificate.subject),
    subjectAltNames: certificate.subjectAltNames.map((san) => `${san.type}:${san.value}`),
    serialNumber: certificate.serialNumber,
    fingerprintSha256: certificate.fingerprintSha256,
    issuedAt: certificate.notBefore,
    expiresAt: certificate.notAfter,
  };
}

/**
 * Records the new certificate (upsert by fingerprint: recording twice changes nothing but what changed). It keeps
 * the name the team gave the old certificate, says which one it replaces, and when the old key was retired. The old
 * certificate's own entry stays as history.
 */
export function recordRotation(
  register: RegisterFile,
  change: {
    newCertificate: CertificateInfo;
    oldCertificate?: ReplacedCertificate;
    retiredAt?: string | Date;
    now: Date;
  },
): RegisterFile {
  const { newCertificate, oldCertificate, now } = change;
  const existing = findRegisterEntry(register, newCertificate.fingerprintSha256);
  const previous = oldCertificate && findRegisterEntry(register, oldCertificate.fingerprintSha256);
  const fresh = registerEntryFor(newCertificate, existing?.name ?? previous?.name);
  let replaces = existing?.replaces;
  if (oldCertificate && !sameFingerprint(oldCertificate.fingerprintSha256, newCertificate.fingerprintSha256)) {
    const same = replaces && sameFingerprint(replaces.fingerprintSha256, oldCertificate.fingerprintSha256);
    replaces = {
      fingerprintSha256: oldCertificate.fingerprintSha256,
      serialNumber: oldCertificate.serialNumber,
      replacedAt: same && replaces ? replaces.replacedAt : isoOf(now),
    };
  }
  const retiredAt =
    change.retiredAt === undefined
      ? existing?.oldKeyRetiredAt
      : typeof change.retiredAt === 'string'
        ? change.retiredAt
        : isoOf(change.retiredAt);
  const entry = compact<RegisterEntry>([
    ['name', fresh.name],
    ['subject', fresh.subject],
    ['subjectAltNames', fresh.subjectAltNames],
    ['serialNumber', fresh.serialNumber],
    ['fingerprintSha256', fresh.fingerprintSha256],
    ['issuedAt', fresh.issuedAt],
    ['expiresAt', fresh.expiresAt],
    ['replaces', replaces],
    ['oldKeyRetiredAt', retiredAt],
    ['source', existing?.source],
    ['notes', existing?.notes],
  ]);
  const hex = fingerprintHex(newCertificate.fingerprintSha256);
  const index = register.certificates.findIndex((e) => fingerprintHex(e.fingerprintSha256) === hex);
  const certificates =
    index < 0 ? [...register.certificates, entry] : register.certificates.map((e, i) => (i === index ? entry : e));
  return { ...register, certificates };
}

/** Fingerprints (hex) of entries that another entry replaces: history, no longer to be renewed. */
export function replacedFingerprints(register: RegisterFile): Set<string> {
  return new Set(
    register.certificates.flatMap((e) => (e.replaces ? [fingerprintHex(e.replaces.fingerprintSha256)] : [])),
  );
}
