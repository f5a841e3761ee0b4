import { CoreError } from '../errors';
import { DAY_MS, expiryStatus, normalizeThresholds } from '../expiry';
import { CertificateInfo } from '../model';
import { fingerprintHex } from './fingerprint';
import { ReplacedCertificates } from './replacedCertificates';

/** What the adapter persists between sessions; keys are SHA-256 fingerprints as the inventory prints them. */
export interface ReminderState {
  /** Thresholds (days) already notified per certificate; 0 stands for the expiry itself. */
  notified: Record<string, number[]>;
  /** ISO instants until which a certificate stays quiet. */
  snoozedUntil: Record<string, string>;
}

export type ReminderLevel = 'info' | 'warning' | 'error';

export interface Reminder {
  certificate: CertificateInfo;
  threshold: number | 'expired';
  level: ReminderLevel;
  daysLeft: number;
  /**
   * Every threshold this one notification stands for (0 = expiry): the crossed ones not yet notified,
   * the less urgent of which were skipped because they are moot now.
   */
  covers: number[];
}

export interface ReminderOptions {
  /** CA certificates are usually someone else's to renew, so they are skipped unless asked for. */
  includeCa?: boolean;
  /** Replaced by a completed rotation: nothing to renew, so no reminder, whatever its expiry. */
  replaced?: ReplacedCertificates;
}

export const EXPIRED_THRESHOLD = 0;

export function emptyReminderState(): ReminderState {
  return { notified: {}, snoozedUntil: {} };
}

/**
 * Escalates with position in the list, so any configured list ends in an error before expiry: the largest
 * threshold informs, the smallest is an error, the ones between warn (30/15/5 → info/warning/error).
 * A single threshold warns: it is neither the early heads-up nor the last call.
 */
export function reminderLevel(threshold: number | 'expired', thresholds: readonly number[]): ReminderLevel {
  if (threshold === 'expired' || threshold === EXPIRED_THRESHOLD) return 'error';
  const days = normalizeThresholds(thresholds);
  if (days.length <= 1) return 'warning';
  if (threshold <= days[0]) return 'error';
  if (threshold >= days[days.length - 1]) return 'info';
  return 'warning';
}

function lookup<T>(record: Record<string, T> | undefined, fingerprint: string): T | undefined {
  if (!record) return undefined;
  if (Object.prototype.hasOwnProperty.call(record, fingerprint)) return record[fingerprint];
  // Tolerates state written with another spelling of the same fingerprint (hand edits, older versions).
  const hex = fingerprintHex(fingerprint);
  const key = Object.keys(record).find((k) => fingerprintHex(k) === hex);
  return key === undefined ? undefined : record[key];
}

function isSnoozed(state: ReminderState, fingerprint: string, now: Date): boolean {
  const until = lookup(state.snoozedUntil, fingerprint);
  if (until === undefined) return false;
  const t = Date.parse(until);
  return !Number.isNaN(t) && now.getTime() < t;
}

/**
 * The notifications to show now: for each certificate the most urgent threshold it has crossed (now ≥
 * notAfter − N days, or expiry once now ≥ notAfter), unless that one was notified already or the certificate
 * is snoozed. Feeding back the state returned by `markNotified` makes every threshold fire exactly once, across
 * restarts too; thresholds crossed while VS Code was closed collapse into the most urgent one.
 */
export function dueReminders(
  certificates: readonly CertificateInfo[],
  now: Date,
  thresholds: readonly number[],
  state: ReminderState,
  options: ReminderOptions = {},
): Reminder[] {
  const days = normalizeThresholds(thresholds);
  const seen = new Set<string>();
  const reminders: Reminder[] = [];
  for (const certificate of certificates) {
    if (certificate.isCA && !options.includeCa) continue;
    const hex = fingerprintHex(certificate.fingerprintSha256);
    if (seen.has(hex) || options.replaced?.has(hex)) continue; // the same certificate in several files reminds once
    seen.add(hex);
    const end = Date.parse(certificate.notAfter);
    if (Number.isNaN(end)) continue;
    const remaining = end - now.getTime();
    const crossed = [...(remaining <= 0 ? [EXPIRED_THRESHOLD] : []), ...days.filter((n) => remaining <= n * DAY_MS)];
    if (crossed.length === 0) continue;
    const notified = new Set(lookup(state.notified, certificate.fingerprintSha256) ?? []);
    const mostUrgent = crossed[0];
    if (notified.has(mostUrgent) || isSnoozed(state, certificate.fingerprintSha256, now)) continue;
    const threshold = mostUrgent === EXPIRED_THRESHOLD ? 'expired' : mostUrgent;
    reminders.push({
      certificate,
      threshold,
      level: reminderLevel(threshold, days),
      daysLeft: expiryStatus(certificate.notAfter, now, days).daysLeft,
      covers: crossed.filter((n) => !notified.has(n)).sort((a, b) => b - a),
    });
  }
  return reminders.sort(
    (a, b) =>
      a.daysLeft - b.daysLeft ||
      (a.certificate.path < b.certificate.path ? -1 : a.certificate.path > b.certificate.path ? 1 : 0),
  );
}

/** The state after showing `reminder`: its threshold and the skipped, less urgent ones count as notified. */
export function markNotified(state: ReminderState, reminder: Reminder): ReminderState {
  const key = reminder.certificate.fingerprintSha256;
  const own = reminder.threshold === 'expired' ? EXPIRED_THRESHOLD : reminder.threshold;
  const before = lookup(state.notified, key) ?? [];
  const after = [...new Set([...before, ...reminder.covers, own])].sort((a, b) => b - a);
  return {
    notified: { ...withoutFingerprint(state.notified, key), [key]: after },
    snoozedUntil: { ...(state.snoozedUntil ?? {}) },
  };
}

/** Quiet until `until`; a threshold crossed meanwhile is still shown afterwards (the most urgent one). */
export function snooze(state: ReminderState, fingerprint: string, until: Date): ReminderState {
  if (Number.isNaN(until.getTime())) throw new CoreError('invalid-date', 'snooze needs a valid date');
  return {
    notified: { ...(state.notified ?? {}) },
    snoozedUntil: { ...withoutFingerprint(state.snoozedUntil, fingerprint), [fingerprint]: until.toISOString() },
  };
}

function withoutFingerprint<T>(record: Record<string, T> | undefined, fingerprint: string): Record<string, T> {
  const hex = fingerprintHex(fingerprint);
  return Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => fingerprintHex(k) !== hex));
}
