import * as assert from 'assert';
import { CoreError } from '../../../src/core/errors';
import { DAY_MS } from '../../../src/core/expiry';
import {
  dueReminders,
  emptyReminderState,
  markNotified,
  Reminder,
  ReminderState,
  reminderLevel,
  snooze,
} from '../../../src/core/rotation/reminders';
import { registerEntryFor } from '../../../src/core/rotation/register';
import { replacedCertificates } from '../../../src/core/rotation/replacedCertificates';
import { certificate } from './builders';

const NOT_AFTER = Date.parse('2030-01-01T00:00:00.000Z');
const cert = certificate('leaf', { notAfter: new Date(NOT_AFTER).toISOString() });
const at = (msBefore: number) => new Date(NOT_AFTER - msBefore);
const DEFAULT = [30, 15, 5];

/** What VS Code does: show, persist, and read the state back (as JSON) at the next start. */
function show(reminders: Reminder[], state: ReminderState): ReminderState {
  let next = state;
  for (const r of reminders) next = markNotified(next, r);
  return JSON.parse(JSON.stringify(next)) as ReminderState;
}

describe('dueReminders', () => {
  it('fires each threshold exactly once, at the instant it is crossed, across restarts', () => {
    let state = emptyReminderState();
    const fired: Array<{ at: string; threshold: number | 'expired'; level: string; daysLeft: number }> = [];
    // A check every hour from 40 days before expiry to 3 days after, each as a fresh start fed the stored state.
    for (let t = NOT_AFTER - 40 * DAY_MS; t <= NOT_AFTER + 3 * DAY_MS; t += 3_600_000) {
      const reminders = dueReminders([cert], new Date(t), DEFAULT, state);
      for (const r of reminders)
        fired.push({ at: new Date(t).toISOString(), threshold: r.threshold, level: r.level, daysLeft: r.daysLeft });
      state = show(reminders, state);
    }
    assert.deepStrictEqual(fired, [
      { at: '2029-12-02T00:00:00.000Z', threshold: 30, level: 'info', daysLeft: 30 },
      { at: '2029-12-17T00:00:00.000Z', threshold: 15, level: 'warning', daysLeft: 15 },
      { at: '2029-12-27T00:00:00.000Z', threshold: 5, level: 'error', daysLeft: 5 },
      { at: '2030-01-01T00:00:00.000Z', threshold: 'expired', level: 'error', daysLeft: 0 },
    ]);
    assert.deepStrictEqual(state.notified[cert.fingerprintSha256], [30, 15, 5, 0]);
  });

  it('is due exactly at notAfter − N days and not a millisecond earlier', () => {
    assert.deepStrictEqual(dueReminders([cert], at(30 * DAY_MS + 1), DEFAULT, emptyReminderState()), []);
    const [r] = dueReminders([cert], at(30 * DAY_MS), DEFAULT, emptyReminderState());
    assert.strictEqual(r.threshold, 30);
    assert.deepStrictEqual(r.covers, [30]);
  });

  it('shows only the most urgent threshold crossed while VS Code was closed, and marks the skipped ones', () => {
    const seenAt30 = show(dueReminders([cert], at(29 * DAY_MS), DEFAULT, emptyReminderState()), emptyReminderState());
    assert.deepStrictEqual(seenAt30.notified[cert.fingerprintSha256], [30]);
    // Closed from 29 days left until 4 days left: 15 and 5 were both crossed.
    const reminders = dueReminders([cert], at(4 * DAY_MS), DEFAULT, seenAt30);
    assert.strictEqual(reminders.length, 1);
    assert.strictEqual(reminders[0].threshold, 5);
    assert.strictEqual(reminders[0].level, 'error');
    assert.deepStrictEqual(reminders[0].covers, [15, 5]);
    const after = show(reminders, seenAt30);
    assert.deepStrictEqual(after.notified[cert.fingerprintSha256], [30, 15, 5]);
    assert.deepStrictEqual(dueReminders([cert], at(2 * DAY_MS), DEFAULT, after), []);
  });

  it('reminds of a certificate first seen late with the most urgent threshold only', () => {
    const [r] = dueReminders([cert], at(3 * DAY_MS), DEFAULT, emptyReminderState());
    assert.deepStrictEqual([r.threshold, r.covers, r.daysLeft], [5, [30, 15, 5], 3]);
  });

  it('reports expiry once, as an error, even when every threshold was missed', () => {
    const [r] = dueReminders([cert], new Date(NOT_AFTER + 2 * DAY_MS + 5), DEFAULT, emptyReminderState());
    assert.deepStrictEqual([r.threshold, r.level, r.daysLeft, r.covers], ['expired', 'error', -3, [30, 15, 5, 0]]);
    const state = show([r], emptyReminderState());
    assert.deepStrictEqual(dueReminders([cert], new Date(NOT_AFTER + 20 * DAY_MS), DEFAULT, state), []);
  });

  it('stays quiet while snoozed and shows the most urgent pending threshold afterwards', () => {
    const until = at(10 * DAY_MS);
    const snoozed = snooze(emptyReminderState(), cert.fingerprintSha256, until);
    assert.deepStrictEqual(snoozed.snoozedUntil, { [cert.fingerprintSha256]: until.toISOString() });
    assert.deepStrictEqual(dueReminders([cert], at(20 * DAY_MS), DEFAULT, snoozed), []);
    assert.deepStrictEqual(dueReminders([cert], new Date(until.getTime() - 1), DEFAULT, snoozed), []);
    const [r] = dueReminders([cert], until, DEFAULT, snoozed);
    assert.deepStrictEqual([r.threshold, r.covers], [15, [30, 15]]);
    // Snoozing does not count as notified.
    assert.deepStrictEqual(snoozed.notified, {});
  });

  it('skips CA certificates unless asked, and reminds once per certificate found in several files', () => {
    const ca = certificate('ca', { isCA: true, notAfter: cert.notAfter });
    const copy = { ...cert, path: '/ws/bundle.pem', index: 2 };
    const now = at(29 * DAY_MS);
    assert.deepStrictEqual(
      dueReminders([ca, cert, copy], now, DEFAULT, emptyReminderState()).map((r) => r.certificate.path),
      [cert.path],
    );
    assert.deepStrictEqual(
      dueReminders([ca, cert], now, DEFAULT, emptyReminderState(), { includeCa: true })
        .map((r) => r.certificate.path)
        .sort(),
      [ca.path, cert.path].sort(),
    );
  });

  it('skips a certificate a completed rotation replaced, in every copy, and still reminds of the others', () => {
    const replacedCert = certificate('replaced', { notAfter: cert.notAfter });
    const copy = { ...replacedCert, path: '/ws/old/bundle.pem', index: 1 };
    const now = at(29 * DAY_MS);
    const replaced = replacedCertificates(undefined, {
      version: 1,
      certificates: [
        {
          ...registerEntryFor(certificate('successor', { notAfter: '2031-01-01T00:00:00.000Z' })),
          replaces: {
            fingerprintSha256: replacedCert.fingerprintSha256,
            serialNumber: replacedCert.serialNumber,
            replacedAt: now.toISOString(),
          },
        },
      ],
    });
    assert.deepStrictEqual(
      dueReminders([replacedCert, cert, copy], now, DEFAULT, emptyReminderState()).map((r) => r.certificate.path),
      [cert.path, replacedCert.path],
      'without the replaced set both remind',
    );
    assert.deepStrictEqual(
      dueReminders([replacedCert, cert, copy], now, DEFAULT, emptyReminderState(), { replaced }).map(
        (r) => r.certificate.path,
      ),
      [cert.path],
    );
  });

  it('orders reminders most urgent first and reads state written with another fingerprint spelling', () => {
    const soon = certificate('soon', { notAfter: new Date(NOT_AFTER - 20 * DAY_MS).toISOString() });
    const now = at(29 * DAY_MS);
    assert.deepStrictEqual(
      dueReminders([cert, soon], now, DEFAULT, emptyReminderState()).map((r) => r.certificate.path),
      [soon.path, cert.path],
    );
    const lower = { notified: { [cert.fingerprintSha256.replace(/:/g, '').toLowerCase()]: [30] }, snoozedUntil: {} };
    assert.deepStrictEqual(dueReminders([cert], now, DEFAULT, lower), []);
  });

  it('never changes the state it is given', () => {
    const state = emptyReminderState();
    const [r] = dueReminders([cert], at(DAY_MS), DEFAULT, state);
    const next = markNotified(state, r);
    assert.deepStrictEqual(state, emptyReminderState());
    assert.notStrictEqual(next, state);
    snooze(next, cert.fingerprintSha256, at(0));
    assert.deepStrictEqual(Object.keys(next.snoozedUntil), []);
  });

  it('escalates by position in any configured list', () => {
    assert.deepStrictEqual(
      [60, 30, 7].map((n) => reminderLevel(n, [7, 60, 30])),
      ['info', 'warning', 'error'],
    );
    assert.deepStrictEqual(
      [30, 5].map((n) => reminderLevel(n, [30, 5])),
      ['info', 'error'],
    );
    assert.strictEqual(reminderLevel(10, [10]), 'warning');
    assert.strictEqual(reminderLevel('expired', [10]), 'error');
    const [r] = dueReminders([cert], at(50 * DAY_MS), [60, 30, 7], emptyReminderState());
    assert.deepStrictEqual([r.threshold, r.level], [60, 'info']);
  });

  it('rejects thresholds that are not positive whole days and snoozes to no invalid date', () => {
    assert.throws(
      () => dueReminders([cert], at(0), [30, 0], emptyReminderState()),
      (e: unknown) => e instanceof CoreError && e.code === 'invalid-thresholds',
    );
    assert.throws(
      () => snooze(emptyReminderState(), cert.fingerprintSha256, new Date(Number.NaN)),
      (e: unknown) => e instanceof CoreError && e.code === 'invalid-date',
    );
  });
});
