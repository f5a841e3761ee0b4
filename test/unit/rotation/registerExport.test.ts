import * as assert from 'assert';
import { RegisterFile } from '../../../src/core/rotation/register';
import { CSV_COLUMNS, registerToCsv, registerToMarkdown } from '../../../src/core/rotation/registerExport';
import { fingerprint } from './builders';

const REGISTER: RegisterFile = {
  version: 1,
  certificates: [
    {
      name: 'Program A | prod',
      subject: 'C = DE, O = Müller, "Söhne" GmbH, CN = program-a',
      subjectAltNames: ['DNS:program-a.example', 'IP:10.0.0.1'],
      serialNumber: '0A1B',
      fingerprintSha256: fingerprint('a'),
      issuedAt: '2025-03-05T00:00:00.000Z',
      expiresAt: '2025-06-03T00:00:00.000Z',
      replaces: { fingerprintSha256: fingerprint('old'), serialNumber: 'FF01', replacedAt: '2025-03-06T12:00:00.000Z' },
      oldKeyRetiredAt: '2025-03-07T08:00:00.000Z',
      notes: 'first line\r\nsecond <b>line</b>',
    },
    {
      name: 'plain',
      subject: 'CN = plain',
      subjectAltNames: [],
      serialNumber: '01',
      fingerprintSha256: fingerprint('b'),
      issuedAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-03-20T00:00:00.000Z',
    },
  ],
};

/** RFC 4180 read back, to show the quoting is lossless. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.strictEqual(field + row.join(''), '', 'every record ends with CRLF');
  return rows;
}

describe('register exports', () => {
  it('Markdown: one row per certificate, pipes, line breaks and HTML escaped', () => {
    const md = registerToMarkdown(REGISTER);
    const lines = md.trimEnd().split('\n');
    assert.strictEqual(lines.length, 4);
    assert.strictEqual(
      lines[0],
      '| Name | Subject | Subject alternative names | Serial number | SHA-256 fingerprint | Issued | Expires | Replaces | Old key retired | Notes |',
    );
    assert.strictEqual(lines[1], '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    assert.ok(
      lines[2].startsWith(
        '| Program A \\| prod | C = DE, O = Müller, "Söhne" GmbH, CN = program-a | DNS:program-a.example, IP:10.0.0.1 | `0A1B` | `',
      ),
    );
    assert.ok(lines[2].endsWith(' | 2025-03-07 08:00 UTC | first line<br>second &lt;b&gt;line&lt;/b&gt; |'));
    assert.ok(lines[2].includes(`| \`${fingerprint('old')}\` (serial \`FF01\`, 2025-03-06 12:00 UTC) |`));
    // Cells split on unescaped pipes only: every row has the header's column count.
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    assert.ok(lines.every((l) => cells(l) === cells(lines[0])));
  });

  it('Markdown: with a clock, a status column says how long each certificate has left', () => {
    const lines = registerToMarkdown(REGISTER, { now: new Date('2025-03-10T00:00:00.000Z') })
      .trimEnd()
      .split('\n');
    assert.ok(lines[0].includes('| Expires | Status | Replaces |'));
    assert.ok(lines[2].includes('| 2025-06-03 00:00 UTC | 85 days left |'));
    assert.ok(lines[3].includes('| 2025-03-20 00:00 UTC | 10 days left |'));
  });

  it('CSV (RFC 4180): header, CRLF records, quoted fields read back exactly', () => {
    const csv = registerToCsv(REGISTER);
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(csv.replace(/"(?:[^"]|"")*"/g, '')), 'no bare LF outside quoted fields');
    const rows = parseCsv(csv);
    assert.deepStrictEqual(rows[0], [...CSV_COLUMNS]);
    const a = REGISTER.certificates[0];
    assert.deepStrictEqual(rows[1], [
      a.name,
      a.subject,
      'DNS:program-a.example, IP:10.0.0.1',
      a.serialNumber,
      a.fingerprintSha256,
      a.issuedAt,
      a.expiresAt,
      fingerprint('old'),
      'FF01',
      '2025-03-06T12:00:00.000Z',
      '2025-03-07T08:00:00.000Z',
      'first line\r\nsecond <b>line</b>',
    ]);
    assert.deepStrictEqual(rows[2].slice(7), ['', '', '', '', '']);
    assert.ok(csv.includes('"C = DE, O = Müller, ""Söhne"" GmbH, CN = program-a"'));
    assert.ok(csv.split('\r\n').at(-2)?.startsWith('plain,CN = plain,,01,')); // the quoted notes hold a CRLF of their own
  });
});
