import { describeExpiry, expiryStatus } from '../expiry';
import { describeDate } from '../text/describeDate';
import { RegisterEntry, RegisterFile } from './register';

function markdownCell(value: string): string {
  // GFM table cells: a pipe ends the cell, a line break ends the row, and raw HTML would render.
  return value
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    .trim();
}

function code(value: string): string {
  return value ? `\`${value.replace(/`/g, '')}\`` : '';
}

/** A table for a README or a wiki page; with `now`, a status column says how long each has left. */
export function registerToMarkdown(
  register: RegisterFile,
  options: { now?: Date; thresholds?: readonly number[] } = {},
): string {
  const headers = [
    'Name',
    'Subject',
    'Subject alternative names',
    'Serial number',
    'SHA-256 fingerprint',
    'Issued',
    'Expires',
    ...(options.now ? ['Status'] : []),
    'Replaces',
    'Old key retired',
    'Notes',
  ];
  const rows = register.certificates.map((e) => [
    markdownCell(e.name),
    markdownCell(e.subject),
    markdownCell(e.subjectAltNames.join(', ')),
    code(e.serialNumber),
    code(e.fingerprintSha256),
    markdownCell(describeDate(e.issuedAt)),
    markdownCell(describeDate(e.expiresAt)),
    ...(options.now ? [markdownCell(describeExpiry(expiryStatus(e.expiresAt, options.now, options.thresholds)))] : []),
    e.replaces
      ? `${code(e.replaces.fingerprintSha256)} (serial ${code(e.replaces.serialNumber)}, ${markdownCell(describeDate(e.replaces.replacedAt))})`
      : '',
    e.oldKeyRetiredAt ? markdownCell(describeDate(e.oldKeyRetiredAt)) : '',
    markdownCell(e.notes ?? ''),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

export const CSV_COLUMNS = [
  'name',
  'subject',
  'subjectAltNames',
  'serialNumber',
  'fingerprintSha256',
  'issuedAt',
  'expiresAt',
  'replacesFingerprintSha256',
  'replacesSerialNumber',
  'replacedAt',
  'oldKeyRetiredAt',
  'notes',
] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRow(e: RegisterEntry): string[] {
  return [
    e.name,
    e.subject,
    e.subjectAltNames.join(', '),
    e.serialNumber,
    e.fingerprintSha256,
    e.issuedAt,
    e.expiresAt,
    e.replaces?.fingerprintSha256 ?? '',
    e.replaces?.serialNumber ?? '',
    e.replaces?.replacedAt ?? '',
    e.oldKeyRetiredAt ?? '',
    e.notes ?? '',
  ];
}

/** RFC 4180: CRLF after every record, a header row, fields quoted when they hold a quote, comma or line break. */
export function registerToCsv(register: RegisterFile): string {
  return [[...CSV_COLUMNS], ...register.certificates.map(csvRow)]
    .map((row) => `${row.map(csvField).join(',')}\r\n`)
    .join('');
}
