import * as assert from 'assert';
import { readableDate, relativeTime } from '../../../src/core/text/readableDate';

const NOW = new Date('2027-02-12T10:00:00Z');

describe('readableDate', () => {
  it('gives the local date and the days until it, with the ISO value for the tooltip', () => {
    assert.deepStrictEqual(readableDate('2027-03-03T12:00:00Z', NOW, { timeZone: 'UTC' }), {
      text: '3 Mar 2027 (in 19 days)',
      iso: '2027-03-03T12:00:00.000Z',
    });
  });

  it("uses the reader's zone for the calendar date", () => {
    // 23:30 UTC on 2 March is already 3 March in Tokyo and still 2 March in New York.
    assert.strictEqual(
      readableDate('2027-03-02T23:30:00Z', NOW, { timeZone: 'Asia/Tokyo' }).text,
      '3 Mar 2027 (in 18 days)',
    );
    assert.strictEqual(
      readableDate('2027-03-02T23:30:00Z', NOW, { timeZone: 'America/New_York' }).text,
      '2 Mar 2027 (in 18 days)',
    );
  });

  it('says how long ago a past date was, and adds the time when asked', () => {
    assert.strictEqual(
      readableDate('2027-01-01T08:05:00Z', NOW, { timeZone: 'UTC', withTime: true }).text,
      '1 Jan 2027, 08:05 (42 days ago)',
    );
    assert.strictEqual(
      readableDate('2027-09-30T00:00:00Z', NOW, { timeZone: 'UTC' }).text,
      '30 Sep 2027 (in 229 days)',
    );
  });

  it('leaves a value that is not a date as it is', () => {
    assert.deepStrictEqual(readableDate('soon', NOW), { text: 'soon', iso: 'soon' });
  });
});

describe('relativeTime', () => {
  const now = NOW.getTime();
  const at = (ms: number) => relativeTime(now + ms, now);
  it('picks minutes, hours, days, then years, cutting to whole units', () => {
    assert.strictEqual(at(30_000), 'now');
    assert.strictEqual(at(-30_000), 'now');
    assert.strictEqual(at(60_000), 'in 1 minute');
    assert.strictEqual(at(-5 * 60_000), '5 minutes ago');
    assert.strictEqual(at(3 * 3_600_000 + 59 * 60_000), 'in 3 hours');
    assert.strictEqual(at(86_400_000 - 1), 'in 23 hours');
    assert.strictEqual(at(86_400_000), 'in 1 day');
    assert.strictEqual(at(-2.9 * 86_400_000), '2 days ago');
    assert.strictEqual(at(729 * 86_400_000), 'in 729 days');
    assert.strictEqual(at(3 * 365.25 * 86_400_000), 'in 3 years');
  });
});
