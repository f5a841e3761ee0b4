import { CertificateInfo } from '../model';
import { fingerprintHex } from './fingerprint';
import { Reminder, ReminderLevel } from './reminders';

/** A reminder shown and not yet acted on (rotation started) or snoozed: it stays on screen until then. */
export interface PendingReminder {
  fingerprint: string;
  threshold: number | 'expired';
  level: ReminderLevel;
}

/** Adds the reminders just shown; a newer threshold of the same certificate replaces the older one. */
export function withPending(pending: readonly PendingReminder[], shown: readonly Reminder[]): PendingReminder[] {
  const added = shown.map((r) => ({
    fingerprint: r.certificate.fingerprintSha256,
    threshold: r.threshold,
    level: r.level,
  }));
  const replaced = new Set(added.map((p) => fingerprintHex(p.fingerprint)));
  return [...pending.filter((p) => !replaced.has(fingerprintHex(p.fingerprint))), ...added];
}

export function withoutPending(pending: readonly PendingReminder[], fingerprint: string): PendingReminder[] {
  const hex = fingerprintHex(fingerprint);
  return pending.filter((p) => fingerprintHex(p.fingerprint) !== hex);
}

/**
 * The pending reminders that still stand, with their certificates: a certificate no longer listed (replaced by
 * a completed rotation, deleted) or already being rotated needs no reminder, however it was started.
 */
export function standingReminders(
  pending: readonly PendingReminder[],
  certificates: readonly CertificateInfo[],
  rotating: readonly string[],
): Array<{ reminder: PendingReminder; certificate: CertificateInfo }> {
  const inRotation = new Set(rotating.map(fingerprintHex));
  const result: Array<{ reminder: PendingReminder; certificate: CertificateInfo }> = [];
  for (const reminder of pending) {
    const hex = fingerprintHex(reminder.fingerprint);
    if (inRotation.has(hex)) continue;
    const certificate = certificates.find((c) => fingerprintHex(c.fingerprintSha256) === hex);
    if (certificate) result.push({ reminder, certificate });
  }
  return result;
}
