import { DAY_MS } from '../expiry';
import { countOf } from './countOf';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface ReadableDate {
  /** `3 Mar 2027 (in 19 days)`, in the reader's time zone. */
  text: string;
  /** The exact value, for a tooltip: ISO 8601 UTC. */
  iso: string;
}

export interface ReadableDateOptions {
  /** An IANA zone; the machine's own zone when left out. */
  timeZone?: string;
  /** Adds the hour and minute: `3 Mar 2027, 14:05 (in 19 days)`. */
  withTime?: boolean;
}

/**
 * How far a time is from now, in the largest whole unit that reads well: minutes, hours, then days (what a
 * rotation is planned in) up to two years. Whole units are cut, not rounded, as the days left are counted.
 */
export function relativeTime(time: number, now: number): string {
  const ms = Math.abs(time - now);
  let amount: string;
  if (ms < MINUTE_MS) return 'now';
  if (ms < HOUR_MS) amount = countOf(Math.floor(ms / MINUTE_MS), 'minute');
  else if (ms < DAY_MS) amount = countOf(Math.floor(ms / HOUR_MS), 'hour');
  else if (ms < 730 * DAY_MS) amount = countOf(Math.floor(ms / DAY_MS), 'day');
  else amount = countOf(Math.floor(ms / (365.25 * DAY_MS)), 'year');
  return time > now ? `in ${amount}` : `${amount} ago`;
}

/**
 * A date for people: the local calendar date and how far it is from `now`, with the ISO value kept for a
 * tooltip. Month names are our own, so the text is the same whatever locale data the runtime has.
 */
export function readableDate(iso: string, now: Date, options: ReadableDateOptions = {}): ReadableDate {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return { text: iso, iso };
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: options.timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  const date = `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year}`;
  const time = options.withTime ? `, ${parts.hour}:${parts.minute}` : '';
  return { text: `${date}${time} (${relativeTime(t, now.getTime())})`, iso: new Date(t).toISOString() };
}
