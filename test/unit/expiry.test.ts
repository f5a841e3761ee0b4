import * as assert from 'assert';
import { describeExpiry, expiryStatus, normalizeThresholds } from '../../src/core/expiry';
import { CoreError } from '../../src/core/errors';

const DAY = 86_400_000;
const notAfter = new Date('2030-01-01T00:00:00.000Z');
const at = (msBefore: number) => new Date(notAfter.getTime() - msBefore);

describe('expiryStatus', () => {
  const cases: Array<[string, number, string, number]> = [
    ['31 days before', 31 * DAY, 'ok', 31],
    ['one ms before the 30-day mark', 30 * DAY + 1, 'ok', 30],
    ['exactly 30 days before', 30 * DAY, 'due-30', 30],
    ['one ms after the 30-day mark', 30 * DAY - 1, 'due-30', 29],
    ['one ms before the 15-day mark', 15 * DAY + 1, 'due-30', 15],
    ['exactly 15 days before', 15 * DAY, 'due-15', 15],
    ['exactly 5 days before', 5 * DAY, 'due-5', 5],
    ['one ms before the 5-day mark', 5 * DAY + 1, 'due-15', 5],
    ['one ms before notAfter', 1, 'due-5', 0],
    ['exactly at notAfter', 0, 'expired', 0],
    ['one ms after notAfter', -1, 'expired', -1],
    ['a day and a ms after', -DAY - 1, 'expired', -2],
  ];
  for (const [name, msBefore, status, daysLeft] of cases) {
    it(`${name}: ${status}, ${daysLeft} days left`, () => {
      assert.deepStrictEqual(expiryStatus(notAfter.toISOString(), at(msBefore)), { status, daysLeft });
      assert.deepStrictEqual(expiryStatus(notAfter, at(msBefore)), { status, daysLeft });
    });
  }

  it('takes thresholds in any order, with duplicates, and picks the smallest reached', () => {
    assert.strictEqual(expiryStatus(notAfter, at(7 * DAY), [5, 60, 7, 7, 30]).status, 'due-7');
    assert.strictEqual(expiryStatus(notAfter, at(59 * DAY), [5, 60, 7]).status, 'due-60');
    assert.strictEqual(expiryStatus(notAfter, at(61 * DAY), [5, 60, 7]).status, 'ok');
    assert.strictEqual(expiryStatus(notAfter, at(DAY), []).status, 'ok');
  });

  it('rejects thresholds that are not positive whole days', () => {
    for (const bad of [[0], [-5], [1.5], [Number.NaN], ['30']]) {
      assert.throws(
        () => normalizeThresholds(bad),
        (e: unknown) => e instanceof CoreError && e.code === 'invalid-thresholds',
      );
      assert.throws(() => expiryStatus(notAfter, at(DAY), bad as number[]), CoreError);
    }
    assert.deepStrictEqual(normalizeThresholds([30, 5, 15, 5]), [5, 15, 30]);
  });
});

describe('describeExpiry', () => {
  const text = (msBefore: number) => describeExpiry(expiryStatus(notAfter, at(msBefore)));
  it('says how long is left or how long ago it expired', () => {
    assert.strictEqual(text(12 * DAY + 5), '12 days left');
    assert.strictEqual(text(DAY), '1 day left');
    assert.strictEqual(text(DAY - 1), 'expires today');
    assert.strictEqual(text(1), 'expires today');
    assert.strictEqual(text(0), 'expired today');
    assert.strictEqual(text(-DAY + 1), 'expired today');
    // daysLeft alone cannot tell "exactly one day ago" from "just under": both count as today.
    assert.strictEqual(text(-DAY), 'expired today');
    assert.strictEqual(text(-DAY - 1), 'expired 1 day ago');
    assert.strictEqual(text(-3 * DAY - 10), 'expired 3 days ago');
  });
});
