import * as assert from 'assert';
import { standingReminders, withoutPending, withPending } from '../../../src/core/rotation/pendingReminders';
import { Reminder } from '../../../src/core/rotation/reminders';
import { certificate } from './builders';

const a = certificate('a');
const b = certificate('b');
const reminder = (cert = a, threshold: Reminder['threshold'] = 30): Reminder => ({
  certificate: cert,
  threshold,
  level: threshold === 'expired' ? 'error' : 'info',
  daysLeft: 19,
  covers: [],
});

describe('pending reminders', () => {
  it('keeps one reminder per certificate, the newest', () => {
    const pending = withPending(withPending([], [reminder(a, 30), reminder(b, 'expired')]), [reminder(a, 15)]);
    assert.deepStrictEqual(
      pending.map((p) => [p.fingerprint, p.threshold]),
      [
        [b.fingerprintSha256, 'expired'],
        [a.fingerprintSha256, 15],
      ],
    );
  });

  it('stands until acted on: a rotation started by any route, a snooze, or the certificate gone', () => {
    const pending = withPending([], [reminder(a), reminder(b)]);
    assert.strictEqual(standingReminders(pending, [a, b], []).length, 2);
    // Started from the tree or the CodeLens: the fingerprint is rotating, in another spelling.
    assert.deepStrictEqual(
      standingReminders(pending, [a, b], [a.fingerprintSha256.replace(/:/g, '').toLowerCase()]).map(
        (s) => s.certificate,
      ),
      [b],
    );
    assert.deepStrictEqual(
      standingReminders(withoutPending(pending, b.fingerprintSha256), [a, b], []).map((s) => s.certificate),
      [a],
    );
    assert.deepStrictEqual(
      standingReminders(pending, [b], []).map((s) => s.certificate),
      [b],
    );
  });
});
