import { DAY_MS, normalizeThresholds } from '../expiry';
import { describeDate } from '../text/describeDate';
import { fingerprintHex } from './fingerprint';
import { isoOf, timeOf } from '../text/isoDateTime';
import { RegisterEntry, RegisterFile, replacedFingerprints } from './register';

export interface ICalendarOptions {
  /** PRODID, e.g. `-//mtls-rotation//Certificate register//EN`. */
  prodId: string;
  /** DTSTAMP of every event: when this calendar was made. */
  now: Date;
  /** Right side of each UID; UIDs stay the same per certificate and threshold, so re-imports update events. */
  uidDomain?: string;
  /** Certificates another entry replaces are history and get no events unless asked for. */
  includeReplaced?: boolean;
}

const encoder = new TextEncoder();

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeICalendarText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/**
 * RFC 5545 §3.1: lines of at most 75 octets, continued on lines that start with a space. Breaks fall between
 * code points, never inside a UTF-8 sequence.
 */
export function foldICalendarLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // the continuation's leading space is one of its 75
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcDateTime(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function utcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '');
}

function eventsFor(entry: RegisterEntry, days: number[], options: ICalendarOptions, stamp: string): string[][] {
  const hex = fingerprintHex(entry.fingerprintSha256);
  const domain = options.uidDomain ?? 'mtls-rotation';
  const expiry = timeOf(entry.expiresAt);
  const description = escapeICalendarText(
    [
      `Subject: ${entry.subject}`,
      ...(entry.subjectAltNames.length ? [`Subject alternative names: ${entry.subjectAltNames.join(', ')}`] : []),
      `Serial number: ${entry.serialNumber}`,
      `SHA-256 fingerprint: ${entry.fingerprintSha256}`,
      `Expires: ${describeDate(entry.expiresAt)}`,
    ].join('\n'),
  );
  const largest = days[days.length - 1];
  const reminders = [...days].reverse().map((n) => {
    const day = utcDate(expiry - n * DAY_MS);
    const next = utcDate(expiry - n * DAY_MS + DAY_MS);
    const hint = n === largest ? ' – start the rotation' : '';
    return [
      'BEGIN:VEVENT',
      `UID:${hex}-${n}d@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next}`,
      `SUMMARY:${escapeICalendarText(`Certificate ${entry.name} expires in ${n} ${n === 1 ? 'day' : 'days'}${hint}`)}`,
      `DESCRIPTION:${description}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ];
  });
  const expiryEvent = [
    'BEGIN:VEVENT',
    `UID:${hex}-expiry@${domain}`,
    `DTSTAMP:${stamp}`,
    // No DTEND: RFC 5545 wants it later than DTSTART, and an instant is what expiry is.
    `DTSTART:${utcDateTime(expiry)}`,
    `SUMMARY:${escapeICalendarText(`Certificate ${entry.name} expires`)}`,
    `DESCRIPTION:${description}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeICalendarText(`Certificate ${entry.name} expires tomorrow: calls with it will fail at the TLS handshake`)}`,
    'TRIGGER:-P1D',
    'END:VALARM',
    'END:VEVENT',
  ];
  return [...reminders, expiryEvent];
}

/**
 * The register as a calendar (RFC 5545): for each certificate an event at its expiry (UTC date-time, with an
 * alarm the day before) and an all-day event on each reminder day.
 */
export function registerToICalendar(
  register: RegisterFile,
  thresholds: readonly number[],
  options: ICalendarOptions,
): string {
  const days = normalizeThresholds(thresholds);
  const stamp = utcDateTime(timeOf(isoOf(options.now)));
  const replaced = replacedFingerprints(register);
  const events = register.certificates
    .filter((e) => options.includeReplaced || !replaced.has(fingerprintHex(e.fingerprintSha256)))
    .flatMap((e) => eventsFor(e, days, options, stamp));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeICalendarText(options.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Certificate register',
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map((l) => `${foldICalendarLine(l)}\r\n`).join('');
}
