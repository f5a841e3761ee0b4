import { CertificateInfo } from '../model';
import { fingerprintHex, sameFingerprint, shortHash } from './fingerprint';
import { findRegisterEntry, RegisterFile } from './register';
import { RotationFile } from './rotationRecord';

/** What replaced a certificate, as far as the record and the register know it. */
export interface Replacement {
  /** The replaced certificate's fingerprint, as the record or register spells it. */
  fingerprintSha256: string;
  by: {
    fingerprintSha256: string;
    /** As `openssl x509 -subject` prints it. */
    subject?: string;
    serialNumber?: string;
    notAfter?: string;
  };
  /** When: the rotation's completion, or the register's `replacedAt`. */
  at: string;
  /** The completed rotation that says so, when it is the record that does. */
  rotationId?: string;
}

/** Keyed by `fingerprintHex` of the replaced certificate. */
export type ReplacedCertificates = ReadonlyMap<string, Replacement>;

/**
 * The certificates that were replaced, and by what: the old certificate of every completed rotation, and every
 * certificate a register entry says it `replaces` (teams that keep only a register, such as CI, count on it).
 * A register entry does not count while the record has that certificate's rotation still open: the register is
 * written mid-rotation (its checklist item), and the old certificate stays due until the rotation ends.
 */
export function replacedCertificates(
  record: RotationFile | undefined,
  register: RegisterFile | undefined,
): ReplacedCertificates {
  const replaced = new Map<string, Replacement>();
  const rotations = record?.rotations ?? [];
  for (const rotation of rotations) {
    const by = rotation.new?.fingerprintSha256;
    if (rotation.completedAt === undefined || by === undefined) continue;
    if (sameFingerprint(by, rotation.old.fingerprintSha256)) continue;
    const entry = register && findRegisterEntry(register, by);
    replaced.set(fingerprintHex(rotation.old.fingerprintSha256), {
      fingerprintSha256: rotation.old.fingerprintSha256,
      by: compact({
        fingerprintSha256: by,
        subject: rotation.new?.subject ?? entry?.subject,
        serialNumber: rotation.new?.serialNumber ?? entry?.serialNumber,
        notAfter: rotation.new?.notAfter ?? entry?.expiresAt,
      }),
      at: rotation.completedAt,
      rotationId: rotation.id,
    });
  }
  const inProgress = new Set(
    rotations.filter((r) => r.completedAt === undefined).map((r) => fingerprintHex(r.old.fingerprintSha256)),
  );
  for (const entry of register?.certificates ?? []) {
    if (!entry.replaces) continue;
    const hex = fingerprintHex(entry.replaces.fingerprintSha256);
    if (replaced.has(hex) || inProgress.has(hex) || sameFingerprint(entry.fingerprintSha256, hex)) continue;
    replaced.set(hex, {
      fingerprintSha256: entry.replaces.fingerprintSha256,
      by: {
        fingerprintSha256: entry.fingerprintSha256,
        subject: entry.subject,
        serialNumber: entry.serialNumber,
        notAfter: entry.expiresAt,
      },
      at: entry.replaces.replacedAt,
    });
  }
  return replaced;
}

export function replacementOf(
  replaced: ReplacedCertificates,
  certificate: Pick<CertificateInfo, 'fingerprintSha256'>,
): Replacement | undefined {
  return replaced.size === 0 ? undefined : replaced.get(fingerprintHex(certificate.fingerprintSha256));
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `replaced by program-a (serial 0A1B, expires 2030-06-03)`: what the tree and the CLI print. */
export function describeReplacement(replacement: Replacement): string {
  const { by } = replacement;
  // formatName writes `TYPE = value` joined by ", ", unescaped: a value ends where the next attribute begins.
  const cn = by.subject?.match(/(?:^|, )CN = (.*?)(?=, [A-Za-z0-9.]+ = |$)/)?.[1];
  const name = cn ?? (by.subject || `SHA-256 ${shortHash(by.fingerprintSha256, 11)}`);
  const facts = [
    ...(by.serialNumber ? [`serial ${by.serialNumber}`] : []),
    ...(by.notAfter ? [`expires ${by.notAfter.slice(0, 10)}`] : []),
  ];
  return `replaced by ${name}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}
