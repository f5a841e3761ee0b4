import { DAY_MS } from '../expiry';

// The rotation panel's timeline, laid out here so the geometry is tested in plain Node and the page only draws
// it. Coordinates are SVG user units in a fixed view box; the page scales the whole drawing to its width.

/** The dates a timeline is drawn from: plain ISO instants, gathered by `timelineDates`. */
export interface TimelineDates {
  now: string;
  startedAt?: string;
  old: { notBefore?: string; notAfter: string };
  new?: { notBefore?: string; notAfter: string };
  /** Days before the old certificate's expiry at which a reminder is due (30, 15, 5). */
  reminderDays: readonly number[];
  /** The hard deadline for retiring the old key. */
  deadline: { at: string; source: 'overlap-deadline' | 'old-certificate-expiry' };
  retiredAt?: string;
  completedAt?: string;
}

export type TimelineMarkKind = 'today' | 'reminder' | 'started' | 'old-expiry' | 'deadline' | 'retired' | 'completed';

/** A vertical line at one date, with its label placed in a row where it overlaps no other label. */
export interface TimelineMark {
  /** Stable: `today`, `reminder-30`, `old-expiry`, `deadline`, ... */
  id: string;
  kind: TimelineMarkKind;
  at: string;
  /** Readable UTC date, `22 Dec 2026`. */
  date: string;
  label: string;
  /** `in 19 days`, `3 days ago`, `today`. */
  relative: string;
  past: boolean;
  x: number;
  y1: number;
  y2: number;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end';
}

export interface TimelineBar {
  id: 'old' | 'new';
  /** `Old certificate`. */
  title: string;
  /** `expires 22 Dec 2026`, `not received yet`. */
  caption: string;
  /** Absent: the certificate is not known yet; the lane shows the caption only. */
  from?: string;
  to?: string;
  x: number;
  width: number;
  y: number;
  height: number;
  /** The validity goes on beyond the drawn range on that side. */
  clippedStart: boolean;
  clippedEnd: boolean;
  state: 'valid' | 'expired' | 'not-yet-valid' | 'unknown';
}

/** The overlap period: both certificates valid and the old key not due for retirement yet. */
export interface TimelineBand {
  id: 'overlap';
  label: string;
  from: string;
  to: string;
  x: number;
  width: number;
  y: number;
  height: number;
  /** Today falls inside it. */
  active: boolean;
}

export interface TimelineTick {
  at: string;
  x: number;
  label: string;
}

/** One row of the text alternative: every date the drawing shows, in date order. */
export interface TimelineEvent {
  label: string;
  at: string;
  date: string;
  relative: string;
}

export interface RotationTimeline {
  width: number;
  height: number;
  /** The drawn range. */
  start: string;
  end: string;
  /** Where the dates are drawn, left and right (the lane titles sit left of it). */
  chartLeft: number;
  chartRight: number;
  laneTitleX: number;
  axis: { y: number; ticks: TimelineTick[] };
  bars: TimelineBar[];
  bands: TimelineBand[];
  marks: TimelineMark[];
  events: TimelineEvent[];
}

export const TIMELINE_WIDTH = 1000;
const LANE_TITLE_X = 8;
const CHART_LEFT = 170;
const CHART_RIGHT = 985;
const TOP = 6;
const LABEL_ROW = 18;
const BAR_HEIGHT = 24;
const LANE_GAP = 14;
const AXIS_GAP = 14;
const TICK_LABEL_SPACE = 22;
/** A label's width is estimated, not measured: the core has no fonts. Generous, so estimates never collide. */
const CHAR_WIDTH = 7.2;
const LABEL_PADDING = 10;
const MIN_TICK_SPACING = 72;
const MIN_SPAN_DAYS = 14;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function t(iso: string): number {
  return Date.parse(iso);
}

function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `22 Dec 2026`, in UTC like every date the extension prints. */
export function timelineDate(iso: string): string {
  const d = new Date(t(iso));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function shortDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Calendar days (UTC) from now: `today`, `tomorrow`, `in 19 days`, `yesterday`, `3 days ago`. */
export function relativeDay(iso: string, now: string): string {
  const n = dayIndex(t(iso)) - dayIndex(t(now));
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The drawn range: the dates that matter to the rotation, with the long ends of a validity left out. */
function range(dates: TimelineDates): { start: number; end: number } {
  const oldEnd = t(dates.old.notAfter);
  const firstReminder = oldEnd - Math.max(0, ...dates.reminderDays) * DAY_MS;
  const focus = [
    t(dates.now),
    oldEnd,
    firstReminder,
    t(dates.deadline.at),
    ...[dates.startedAt, dates.new?.notBefore, dates.retiredAt, dates.completedAt]
      .filter((d): d is string => d !== undefined)
      .map(t),
  ].filter((n) => !Number.isNaN(n));
  let lo = Math.min(...focus);
  let hi = Math.max(...focus);
  // A validity's far end is shown only when it is near: a year-long certificate would squeeze the weeks that matter.
  const span = hi - lo;
  const oldStart = dates.old.notBefore === undefined ? NaN : t(dates.old.notBefore);
  if (oldStart >= lo - span / 2) lo = Math.min(lo, oldStart);
  const newEnd = dates.new ? t(dates.new.notAfter) : NaN;
  if (newEnd <= hi + span / 2) hi = Math.max(hi, newEnd);
  if (hi - lo < MIN_SPAN_DAYS * DAY_MS) {
    const grow = (MIN_SPAN_DAYS * DAY_MS - (hi - lo)) / 2;
    lo -= grow;
    hi += grow;
  }
  const pad = Math.max((hi - lo) * 0.05, DAY_MS);
  return { start: lo - pad, end: hi + pad };
}

const TICK_STEPS: Array<{ days?: number; months?: number }> = [
  { days: 1 },
  { days: 2 },
  { days: 7 },
  { days: 14 },
  { months: 1 },
  { months: 2 },
  { months: 3 },
  { months: 6 },
  { months: 12 },
];

/** Ticks at UTC midnights (weeks on Mondays, months on the 1st), as many as fit without their labels touching. */
function ticks(start: number, end: number, x: (ms: number) => number): TimelineTick[] {
  const maxTicks = Math.max(2, Math.floor((CHART_RIGHT - CHART_LEFT) / MIN_TICK_SPACING));
  for (const step of TICK_STEPS) {
    const at: number[] = [];
    if (step.days) {
      for (let day = dayIndex(start) + 1; day * DAY_MS <= end; day++) {
        // Day 0 of the epoch was a Thursday: day + 3 is a multiple of 7 on Mondays.
        const aligned = step.days >= 7 ? (day + 3) % step.days === 0 : day % step.days === 0;
        if (aligned) at.push(day * DAY_MS);
      }
    } else if (step.months) {
      const first = new Date(start);
      let year = first.getUTCFullYear();
      let month = first.getUTCMonth() + 1;
      for (;;) {
        if (month > 11) {
          year += Math.floor(month / 12);
          month %= 12;
        }
        const ms = Date.UTC(year, month, 1);
        if (ms > end) break;
        if (month % step.months === 0) at.push(ms);
        month++;
      }
    }
    if (at.length <= maxTicks) {
      return at.map((ms) => ({
        at: new Date(ms).toISOString(),
        x: round(x(ms)),
        label: step.months ? `${MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCFullYear()}` : shortDate(ms),
      }));
    }
  }
  return [];
}

interface PendingMark {
  id: string;
  kind: TimelineMarkKind;
  at: string;
  label: string;
}

function pendingMarks(dates: TimelineDates): PendingMark[] {
  const oldEnd = t(dates.old.notAfter);
  const marks: PendingMark[] = [];
  if (dates.startedAt) marks.push({ id: 'started', kind: 'started', at: dates.startedAt, label: 'Rotation started' });
  for (const days of [...new Set(dates.reminderDays)].sort((a, b) => b - a)) {
    marks.push({
      id: `reminder-${days}`,
      kind: 'reminder',
      at: new Date(oldEnd - days * DAY_MS).toISOString(),
      label: `${days}-day reminder`,
    });
  }
  const sameDay = dayIndex(t(dates.deadline.at)) === dayIndex(oldEnd);
  marks.push({
    id: 'old-expiry',
    kind: 'old-expiry',
    at: dates.old.notAfter,
    label: sameDay ? 'Old expires · retire by' : 'Old expires',
  });
  if (!sameDay) marks.push({ id: 'deadline', kind: 'deadline', at: dates.deadline.at, label: 'Retire old key by' });
  if (dates.retiredAt) marks.push({ id: 'retired', kind: 'retired', at: dates.retiredAt, label: 'Old key retired' });
  if (dates.completedAt)
    marks.push({ id: 'completed', kind: 'completed', at: dates.completedAt, label: 'Rotation completed' });
  marks.push({ id: 'today', kind: 'today', at: dates.now, label: 'Today' });
  return marks;
}

function labelWidth(text: string): number {
  return text.length * CHAR_WIDTH + LABEL_PADDING;
}

/**
 * The timeline of one rotation: the old certificate's validity, the new one's when known, today, the reminder
 * dates before the old expiry, the overlap period and the retire deadline, with readable labels that never
 * overlap (each goes in the first row where it fits).
 */
export function layoutTimeline(dates: TimelineDates): RotationTimeline {
  const { start, end } = range(dates);
  const now = t(dates.now);
  const x = (ms: number): number =>
    CHART_LEFT + ((Math.min(Math.max(ms, start), end) - start) / (end - start)) * (CHART_RIGHT - CHART_LEFT);

  // Labels first: their rows decide where the lanes begin.
  const placed: Array<PendingMark & { x: number; row: number; anchor: 'start' | 'end'; labelX: number }> = [];
  const rowEnds: Array<Array<[number, number]>> = [];
  const pending = pendingMarks(dates)
    .filter((m) => !Number.isNaN(t(m.at)))
    .sort((a, b) => (a.kind === 'today' ? -1 : b.kind === 'today' ? 1 : t(a.at) - t(b.at)));
  for (const mark of pending) {
    const mx = x(t(mark.at));
    const text = `${mark.label} ${shortDate(t(mark.at))}`;
    const w = labelWidth(text);
    const anchor: 'start' | 'end' = mx + w <= CHART_RIGHT + 10 ? 'start' : 'end';
    const left = anchor === 'start' ? mx : mx - w;
    const right = left + w;
    let row = 0;
    while (rowEnds[row]?.some(([l, r]) => left < r && right > l)) row++;
    (rowEnds[row] ??= []).push([left, right]);
    placed.push({ ...mark, x: mx, row, anchor, labelX: anchor === 'start' ? mx + 4 : mx - 4 });
  }
  const rows = Math.max(1, rowEnds.length);
  const laneTop = TOP + rows * LABEL_ROW + 8;
  const oldY = laneTop + LANE_GAP / 2;
  const newY = oldY + BAR_HEIGHT + LANE_GAP;
  const lanesBottom = newY + BAR_HEIGHT + LANE_GAP / 2;
  const axisY = lanesBottom + AXIS_GAP;
  const height = axisY + TICK_LABEL_SPACE;

  const bar = (
    id: 'old' | 'new',
    title: string,
    y: number,
    validity: { notBefore?: string; notAfter: string } | undefined,
    missing: string,
  ): TimelineBar => {
    if (!validity) {
      return {
        id,
        title,
        caption: missing,
        x: CHART_LEFT,
        width: 0,
        y,
        height: BAR_HEIGHT,
        clippedStart: false,
        clippedEnd: false,
        state: 'unknown',
      };
    }
    const from = validity.notBefore === undefined ? start : t(validity.notBefore);
    const to = t(validity.notAfter);
    const state = now >= to ? 'expired' : now < from ? 'not-yet-valid' : 'valid';
    const caption =
      state === 'expired'
        ? `expired ${timelineDate(validity.notAfter)}`
        : state === 'not-yet-valid'
          ? `valid from ${timelineDate(validity.notBefore ?? validity.notAfter)}`
          : `expires ${timelineDate(validity.notAfter)}`;
    const x1 = x(from);
    const x2 = x(to);
    return {
      id,
      title,
      caption,
      ...(validity.notBefore === undefined ? {} : { from: validity.notBefore }),
      to: validity.notAfter,
      x: round(x1),
      width: round(Math.max(0, x2 - x1)),
      y,
      height: BAR_HEIGHT,
      clippedStart: from < start,
      clippedEnd: to > end,
      state,
    };
  };
  const bars = [
    bar('old', 'Old certificate', oldY, dates.old, 'not known'),
    bar('new', 'New certificate', newY, dates.new, 'not received yet'),
  ];

  const bands: TimelineBand[] = [];
  const events: TimelineEvent[] = [];
  const event = (label: string, at: string | undefined): void => {
    if (at !== undefined && !Number.isNaN(t(at)))
      events.push({ label, at, date: timelineDate(at), relative: relativeDay(at, dates.now) });
  };
  event('Old certificate valid from', dates.old.notBefore);
  event('New certificate valid from', dates.new?.notBefore);
  event('New certificate expires', dates.new?.notAfter);
  if (dates.new?.notBefore !== undefined) {
    const oldStart = dates.old.notBefore === undefined ? -Infinity : t(dates.old.notBefore);
    const from = Math.max(t(dates.new.notBefore), oldStart);
    // Past the deadline (or the old expiry) the old key is no longer a way back.
    const to = Math.min(t(dates.old.notAfter), t(dates.deadline.at), t(dates.new.notAfter));
    if (from < to) {
      const fromIso = new Date(from).toISOString();
      const toIso = new Date(to).toISOString();
      bands.push({
        id: 'overlap',
        label: 'Overlap',
        from: fromIso,
        to: toIso,
        x: round(x(from)),
        width: round(x(to) - x(from)),
        y: oldY - 4,
        height: newY + BAR_HEIGHT + 4 - (oldY - 4),
        active: from <= now && now < to && dates.retiredAt === undefined,
      });
      event('Overlap period begins', fromIso);
      event('Overlap period ends', toIso);
    }
  }

  const marks: TimelineMark[] = placed.map((m) => ({
    id: m.id,
    kind: m.kind,
    at: m.at,
    date: timelineDate(m.at),
    label: `${m.label} ${shortDate(t(m.at))}`,
    relative: relativeDay(m.at, dates.now),
    past: m.kind !== 'today' && t(m.at) < now,
    x: round(m.x),
    y1: TOP + m.row * LABEL_ROW + LABEL_ROW - 2,
    y2: axisY,
    labelX: round(m.labelX),
    labelY: TOP + m.row * LABEL_ROW + 12,
    anchor: m.anchor,
  }));
  for (const m of placed) {
    const labels: Record<TimelineMarkKind, string> = {
      today: 'Today',
      reminder: m.label,
      started: 'Rotation started',
      'old-expiry':
        m.label === 'Old expires' ? 'Old certificate expires' : 'Old certificate expires; retire the old key by then',
      deadline: 'Retire the old key by',
      retired: 'Old key retired',
      completed: 'Rotation completed',
    };
    event(labels[m.kind], m.at);
  }
  events.sort((a, b) => t(a.at) - t(b.at));

  return {
    width: TIMELINE_WIDTH,
    height,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    chartLeft: CHART_LEFT,
    chartRight: CHART_RIGHT,
    laneTitleX: LANE_TITLE_X,
    axis: { y: axisY, ticks: ticks(start, end, x) },
    bars,
    bands,
    marks,
    events,
  };
}
