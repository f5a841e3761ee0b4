import * as assert from 'assert';
import { reportMarkdown } from '../../../src/core/report/reportMarkdown';
import { parseReportRequest } from '../../../src/core/report/reportProtocol';

describe('reportMarkdown', () => {
  it('writes the headline, facts, tables, findings and fenced code the panel shows', () => {
    const text = reportMarkdown({
      title: 'Check of a.crt',
      headline: { text: 'Passed with 1 warning', severity: 'warning' },
      intro: [
        {
          kind: 'facts',
          facts: [{ label: 'expires', value: { text: '3 Mar 2027 (in 19 days)', title: '2027-03-03T00:00:00.000Z' } }],
        },
      ],
      sections: [
        {
          title: 'Validity',
          code: 'validity',
          severity: 'warning',
          blocks: [
            { kind: 'paragraph', text: [{ text: 'Use ' }, { text: 'a`b', code: true }] },
            {
              kind: 'table',
              columns: ['attribute', 'old', ''],
              rows: [
                [{ value: 'O' }, { value: 'A|B' }, { value: '✓', severity: 'ok' }],
                [{ value: 'L' }, { value: '' }, { value: '✗' }],
              ],
            },
            { kind: 'findings', findings: [{ severity: 'warning', code: 'short', message: 'Short.' }], empty: 'None.' },
            { kind: 'findings', findings: [], empty: 'None.' },
            { kind: 'code', language: 'sh', code: 'echo ```\n' },
          ],
        },
      ],
    });
    assert.strictEqual(
      text,
      [
        '# Check of a.crt',
        '',
        '**Passed with 1 warning.**',
        '',
        '- expires: 3 Mar 2027 (in 19 days) (2027-03-03T00:00:00.000Z)',
        '',
        '## ⚠ Validity (`validity`)',
        '',
        'Use `` a`b ``',
        '',
        '| attribute | old | |',
        '| --- | --- | --- |',
        '| O | A\\|B | ✓ |',
        '| L | — | ✗ |',
        '',
        '- **warning** `short`: Short.',
        '',
        'None.',
        '',
        '````sh',
        'echo ```',
        '````',
        '',
      ].join('\n'),
    );
  });
});

describe('parseReportRequest', () => {
  it('takes only the messages of the protocol', () => {
    assert.deepStrictEqual(parseReportRequest({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepStrictEqual(parseReportRequest({ type: 'copy', text: 'x' }), { type: 'copy', text: 'x' });
    assert.strictEqual(parseReportRequest({ type: 'copy', text: 1 }), undefined);
    assert.strictEqual(parseReportRequest({ type: 'run', command: 'x' }), undefined);
    assert.strictEqual(parseReportRequest(null), undefined);
  });
});
