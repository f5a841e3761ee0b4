import * as assert from 'assert';
import ICAL from 'ical.js';
import { CoreError } from '../../../src/core/errors';
import { escapeICalendarText, foldICalendarLine, registerToICalendar } from '../../../src/core/rotation/icalendar';
import { RegisterFile } from '../../../src/core/rotation/register';
import { fingerprint } from './builders';

const NOW = new Date('2025-03-06T12:34:56.789Z');
const TRICKY = 'Zahlungs-API, "Prod"; Köln \\ 東京 🔐';
const SUBJECT = `C = DE, O = Müller; Söhne, OU = Zahlungsverkehr-Äußerst-Langer-Abteilungsname-für-Faltung, CN = ${'ü'.repeat(40)}`;
const REGISTER: RegisterFile = {
  version: 1,
  certificates: [
    {
      name: 'old',
      subject: 'CN = old',
      subjectAltNames: [],
      serialNumber: '01',
      fingerprintSha256: fingerprint('old'),
      issuedAt: '2024-12-01T00:00:00.000Z',
      expiresAt: '2025-03-31T00:00:00.000Z',
    },
    {
      name: TRICKY,
      subject: SUBJECT,
      subjectAltNames: ['DNS:api.example', 'IP:10.0.0.1'],
      serialNumber: '0A1B',
      fingerprintSha256: fingerprint('new'),
      issuedAt: '2025-03-05T00:00:00.000Z',
      expiresAt: '2025-06-03T10:20:30.000Z',
      replaces: { fingerprintSha256: fingerprint('old'), serialNumber: '01', replacedAt: '2025-03-06T00:00:00.000Z' },
    },
  ],
};
const OPTIONS = { prodId: '-//mtls-rotation//Certificate register, test//EN', now: NOW };
const hex = (fp: string) => fp.replace(/:/g, '').toLowerCase();

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((e) => {
      const start = e.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = e.getFirstPropertyValue('dtend') as ICAL.Time | null;
      const stamp = e.getFirstPropertyValue('dtstamp') as ICAL.Time;
      const alarm = e.getFirstSubcomponent('valarm');
      return {
        uid: e.getFirstPropertyValue('uid'),
        summary: e.getFirstPropertyValue('summary'),
        description: e.getFirstPropertyValue('description'),
        start: start.toString(),
        allDay: start.isDate,
        utc: start.zone?.tzid,
        end: end?.toString(),
        stamp: stamp.toJSDate().toISOString(),
        alarm: alarm
          ? [alarm.getFirstPropertyValue('action'), String(alarm.getFirstPropertyValue('trigger'))]
          : undefined,
      };
    }),
  };
}

describe('registerToICalendar', () => {
  const ics = registerToICalendar(REGISTER, [30, 15, 5], OPTIONS);

  it('parses back with ical.js: one event per reminder day and one per expiry, stable UIDs, DTSTAMP', () => {
    const { calendar, events: parsed } = events(ics);
    assert.strictEqual(calendar.getFirstPropertyValue('version'), '2.0');
    assert.strictEqual(calendar.getFirstPropertyValue('prodid'), OPTIONS.prodId);
    const id = hex(REGISTER.certificates[1].fingerprintSha256);
    // The replaced certificate is history: no events for it.
    assert.deepStrictEqual(
      parsed.map((e) => [e.uid, e.start, e.allDay]),
      [
        [`${id}-30d@mtls-rotation`, '2025-05-04', true],
        [`${id}-15d@mtls-rotation`, '2025-05-19', true],
        [`${id}-5d@mtls-rotation`, '2025-05-29', true],
        [`${id}-expiry@mtls-rotation`, '2025-06-03T10:20:30Z', false],
      ],
    );
    assert.strictEqual(parsed[3].utc, 'UTC');
    assert.deepStrictEqual(
      parsed.map((e) => e.end),
      ['2025-05-05', '2025-05-20', '2025-05-30', undefined],
    );
    assert.ok(parsed.every((e) => e.stamp === '2025-03-06T12:34:56.000Z'));
    assert.deepStrictEqual(
      parsed.map((e) => e.alarm),
      [undefined, undefined, undefined, ['DISPLAY', '-P1D']],
    );
    // Same certificate and thresholds, another day: same UIDs, so calendars update instead of duplicating.
    const later = events(
      registerToICalendar(REGISTER, [5, 30, 15], { ...OPTIONS, now: new Date('2025-04-01T00:00:00Z') }),
    ).events;
    assert.deepStrictEqual(
      later.map((e) => e.uid),
      parsed.map((e) => e.uid),
    );
  });

  it('round-trips summaries and descriptions with commas, semicolons, backslashes, quotes and non-ASCII', () => {
    const parsed = events(ics).events;
    assert.strictEqual(parsed[0].summary, `Certificate ${TRICKY} expires in 30 days – start the rotation`);
    assert.strictEqual(parsed[2].summary, `Certificate ${TRICKY} expires in 5 days`);
    assert.strictEqual(parsed[3].summary, `Certificate ${TRICKY} expires`);
    assert.strictEqual(
      parsed[3].description,
      [
        `Subject: ${SUBJECT}`,
        'Subject alternative names: DNS:api.example, IP:10.0.0.1',
        'Serial number: 0A1B',
        `SHA-256 fingerprint: ${REGISTER.certificates[1].fingerprintSha256}`,
        'Expires: 2025-06-03 10:20 UTC',
      ].join('\n'),
    );
  });

  it('writes CRLF lines of at most 75 octets, folded between characters', () => {
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(ics) && !/\r[^\n]/.test(ics), 'CRLF only');
    const lines = ics.split('\r\n').slice(0, -1);
    assert.ok(
      lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75),
      'no line longer than 75 octets',
    );
    assert.ok(
      lines.some((l) => l.startsWith(' ')),
      'long lines were folded',
    );
    assert.ok(lines.every((l) => !l.includes('\uFFFD') && Buffer.from(l, 'utf8').toString('utf8') === l));
    // Unfolding restores the escaped content line exactly.
    const unfolded = ics.replace(/\r\n /g, '');
    assert.ok(unfolded.includes(`SUMMARY:Certificate ${escapeICalendarText(TRICKY)} expires\r\n`));
  });

  it("folds and escapes by the octet and the RFC's rules", () => {
    assert.strictEqual(escapeICalendarText('a,b;c\\d\ne\r\nf\u0007'), 'a\\,b\\;c\\\\d\\ne\\nf');
    const folded = foldICalendarLine(`X:${'€'.repeat(40)}`); // 3 octets each: 122 octets
    const parts = folded.split('\r\n');
    assert.deepStrictEqual(
      parts.map((p) => Buffer.byteLength(p)),
      [74, 49],
    );
    assert.strictEqual(parts.map((p, i) => (i ? p.slice(1) : p)).join(''), `X:${'€'.repeat(40)}`);
    assert.strictEqual(foldICalendarLine('x'.repeat(75)), 'x'.repeat(75));
    assert.strictEqual(foldICalendarLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
  });

  it('includes replaced certificates when asked, and rejects bad thresholds', () => {
    assert.strictEqual(
      events(registerToICalendar(REGISTER, [30], { ...OPTIONS, includeReplaced: true })).events.length,
      4,
    );
    assert.strictEqual(events(registerToICalendar({ version: 1, certificates: [] }, [30], OPTIONS)).events.length, 0);
    assert.throws(
      () => registerToICalendar(REGISTER, [0], OPTIONS),
      (e: unknown) => e instanceof CoreError && e.code === 'invalid-thresholds',
    );
  });
});
