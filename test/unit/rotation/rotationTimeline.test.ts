import * as assert from 'assert';
import { layoutTimeline, relativeDay, TimelineDates, timelineDate } from '../../../src/core/rotation/rotationTimeline';

// The brief's program-a: valid Jan to Apr 2025, rotation started on 2 March, looked at on 6 March.
const BASE: TimelineDates = {
  now: '2025-03-06T12:00:00.000Z',
  startedAt: '2025-03-02T09:00:00.000Z',
  old: { notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2025-04-01T00:00:00.000Z' },
  reminderDays: [30, 15, 5],
  deadline: { at: '2025-04-01T00:00:00.000Z', source: 'old-certificate-expiry' },
};
const NEW = { notBefore: '2025-03-05T00:00:00.000Z', notAfter: '2025-06-03T00:00:00.000Z' };

function mark(timeline: ReturnType<typeof layoutTimeline>, id: string) {
  const found = timeline.marks.find((m) => m.id === id);
  assert.ok(found, `mark ${id} in ${timeline.marks.map((m) => m.id).join(', ')}`);
  return found;
}

describe('layoutTimeline', () => {
  it('marks today, the three reminders before the old expiry, the start and the expiry that is also the deadline', () => {
    const timeline = layoutTimeline(BASE);
    assert.deepStrictEqual(timeline.marks.map((m) => m.id).sort(), [
      'old-expiry',
      'reminder-15',
      'reminder-30',
      'reminder-5',
      'started',
      'today',
    ]);
    assert.strictEqual(mark(timeline, 'reminder-30').at, '2025-03-02T00:00:00.000Z');
    assert.strictEqual(mark(timeline, 'reminder-15').at, '2025-03-17T00:00:00.000Z');
    assert.strictEqual(mark(timeline, 'reminder-5').at, '2025-03-27T00:00:00.000Z');
    assert.strictEqual(mark(timeline, 'reminder-30').label, '30-day reminder 2 Mar');
    assert.strictEqual(mark(timeline, 'reminder-30').past, true);
    assert.strictEqual(mark(timeline, 'reminder-15').past, false);
    // One date, one mark: the deadline is the old certificate's expiry.
    assert.strictEqual(mark(timeline, 'old-expiry').label, 'Old expires · retire by 1 Apr');
    assert.strictEqual(mark(timeline, 'today').label, 'Today 6 Mar');
  });

  it('places the dates in order on a range from the first reminder to the expiry, with a little margin', () => {
    const timeline = layoutTimeline(BASE);
    // 30 days from the reminder to the expiry, 5% (1.5 days) either side: 28 Feb 12:00 to 2 Apr 12:00.
    assert.strictEqual(timeline.start, '2025-02-28T12:00:00.000Z');
    assert.strictEqual(timeline.end, '2025-04-02T12:00:00.000Z');
    // Today is 6 of the 33 days in: 170 + 6/33 × 815.
    assert.strictEqual(mark(timeline, 'today').x, 318.2);
    const xs = ['reminder-30', 'started', 'today', 'reminder-15', 'reminder-5', 'old-expiry'].map(
      (id) => mark(timeline, id).x,
    );
    assert.deepStrictEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    );
    for (const x of xs) assert.ok(x > timeline.chartLeft && x < timeline.chartRight, String(x));
    for (const m of timeline.marks) assert.strictEqual(m.y2, timeline.axis.y);
  });

  it('draws the old validity cut at the left edge when it began long before, and no new one before it arrives', () => {
    const timeline = layoutTimeline(BASE);
    const [old, fresh] = timeline.bars;
    assert.strictEqual(old.id, 'old');
    assert.strictEqual(old.clippedStart, true);
    assert.strictEqual(old.clippedEnd, false);
    assert.strictEqual(old.x, timeline.chartLeft);
    assert.strictEqual(Math.round((old.x + old.width) * 10) / 10, mark(timeline, 'old-expiry').x);
    assert.strictEqual(old.state, 'valid');
    assert.strictEqual(old.caption, 'expires 1 Apr 2025');
    assert.strictEqual(fresh.id, 'new');
    assert.strictEqual(fresh.state, 'unknown');
    assert.strictEqual(fresh.caption, 'not received yet');
    assert.strictEqual(fresh.width, 0);
    assert.deepStrictEqual(timeline.bands, []);
  });

  it('shows the new certificate and the overlap period from its start to the old expiry', () => {
    const timeline = layoutTimeline({ ...BASE, new: NEW });
    const fresh = timeline.bars[1];
    assert.strictEqual(fresh.state, 'valid');
    assert.strictEqual(fresh.clippedStart, false);
    assert.strictEqual(fresh.clippedEnd, true, 'the new certificate runs on beyond the drawn range');
    assert.strictEqual(fresh.x + fresh.width, timeline.chartRight);
    assert.strictEqual(timeline.bands.length, 1);
    const [overlap] = timeline.bands;
    assert.strictEqual(overlap.from, NEW.notBefore);
    assert.strictEqual(overlap.to, BASE.old.notAfter);
    assert.strictEqual(overlap.x, fresh.x);
    assert.strictEqual(overlap.active, true);
    // It spans both lanes.
    assert.ok(overlap.y < timeline.bars[0].y && overlap.y + overlap.height > fresh.y + fresh.height);
  });

  it('ends the overlap at a chosen retire deadline earlier than the expiry, with a mark of its own', () => {
    const timeline = layoutTimeline({
      ...BASE,
      new: NEW,
      deadline: { at: '2025-03-20T00:00:00.000Z', source: 'overlap-deadline' },
    });
    assert.strictEqual(mark(timeline, 'old-expiry').label, 'Old expires 1 Apr');
    assert.strictEqual(mark(timeline, 'deadline').label, 'Retire old key by 20 Mar');
    assert.strictEqual(timeline.bands[0].to, '2025-03-20T00:00:00.000Z');
    assert.ok(mark(timeline, 'deadline').x < mark(timeline, 'old-expiry').x);
  });

  it('puts labels of nearby dates in different rows and grows the drawing for them', () => {
    const timeline = layoutTimeline(BASE);
    // The reminder (2 Mar 00:00) and the start (2 Mar 09:00) are a few units apart.
    assert.notStrictEqual(mark(timeline, 'reminder-30').labelY, mark(timeline, 'started').labelY);
    const crowded = layoutTimeline({ ...BASE, reminderDays: [30, 29, 28, 27, 15, 5] });
    assert.ok(crowded.height > timeline.height, `${crowded.height} > ${timeline.height}`);
    assert.ok(crowded.bars[0].y > timeline.bars[0].y);
    // Today's label is placed first, in the top row.
    assert.strictEqual(mark(timeline, 'today').labelY, Math.min(...timeline.marks.map((m) => m.labelY)));
  });

  it('anchors a label at the right edge to its end, so it stays inside the drawing', () => {
    const timeline = layoutTimeline(BASE);
    const expiry = mark(timeline, 'old-expiry');
    assert.strictEqual(expiry.anchor, 'end');
    assert.ok(expiry.labelX < expiry.x);
    assert.strictEqual(mark(timeline, 'reminder-30').anchor, 'start');
  });

  it('puts weekly ticks on Mondays for a month-long range, far enough apart for their labels', () => {
    const { ticks } = layoutTimeline(BASE).axis;
    assert.deepStrictEqual(
      ticks.map((t) => t.label),
      ['3 Mar', '10 Mar', '17 Mar', '24 Mar', '31 Mar'],
    );
    for (const t of ticks) assert.strictEqual(new Date(t.at).getUTCDay(), 1);
    for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i].x - ticks[i - 1].x >= 72);
  });

  it('switches to month ticks for a long range and shows a short validity whole', () => {
    const timeline = layoutTimeline({
      ...BASE,
      now: '2025-09-15T00:00:00.000Z',
      old: { notBefore: '2025-02-01T00:00:00.000Z', notAfter: '2025-04-01T00:00:00.000Z' },
    });
    assert.ok(timeline.axis.ticks.length >= 3);
    for (const t of timeline.axis.ticks) assert.match(t.label, /^[A-Z][a-z]{2} 2025$/);
    const old = timeline.bars[0];
    assert.strictEqual(old.clippedStart, false, 'a validity that began within the range is drawn whole');
    assert.ok(old.x > timeline.chartLeft);
    assert.strictEqual(old.state, 'expired');
    assert.strictEqual(old.caption, 'expired 1 Apr 2025');
    assert.strictEqual(mark(timeline, 'today').x > mark(timeline, 'old-expiry').x, true);
  });

  it('lists every date in order with readable and relative dates, the text alternative of the drawing', () => {
    const timeline = layoutTimeline({ ...BASE, new: NEW });
    assert.deepStrictEqual(
      timeline.events.map((e) => [e.label, e.date, e.relative]),
      [
        ['Old certificate valid from', '1 Jan 2025', '64 days ago'],
        ['30-day reminder', '2 Mar 2025', '4 days ago'],
        ['Rotation started', '2 Mar 2025', '4 days ago'],
        ['New certificate valid from', '5 Mar 2025', 'yesterday'],
        ['Overlap period begins', '5 Mar 2025', 'yesterday'],
        ['Today', '6 Mar 2025', 'today'],
        ['15-day reminder', '17 Mar 2025', 'in 11 days'],
        ['5-day reminder', '27 Mar 2025', 'in 21 days'],
        ['Overlap period ends', '1 Apr 2025', 'in 26 days'],
        ['Old certificate expires; retire the old key by then', '1 Apr 2025', 'in 26 days'],
        ['New certificate expires', '3 Jun 2025', 'in 89 days'],
      ],
    );
  });

  it('formats dates in UTC and counts calendar days', () => {
    assert.strictEqual(timelineDate('2026-12-02T23:59:00.000Z'), '2 Dec 2026');
    assert.strictEqual(relativeDay('2026-12-03T00:01:00.000Z', '2026-12-02T23:59:00.000Z'), 'tomorrow');
    assert.strictEqual(relativeDay('2026-12-02T00:00:00.000Z', '2026-12-02T23:59:00.000Z'), 'today');
    assert.strictEqual(relativeDay('2026-11-30T12:00:00.000Z', '2026-12-02T23:59:00.000Z'), '2 days ago');
  });
});
