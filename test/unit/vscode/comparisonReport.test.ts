import * as assert from 'assert';
import { reportMarkdown } from '../../../src/core/report/reportMarkdown';
import { comparisonReport } from '../../../src/vscode/compare/comparisonReport';

const now = new Date('2027-02-12T10:00:00Z');
const old = {
  path: '/w/old.crt',
  serialNumber: '01',
  notAfter: '2027-03-03T12:00:00.000Z',
  subject: [
    { type: 'O', value: 'Axys' },
    { type: 'CN', value: 'a.example.com' },
  ],
  subjectAltNames: [{ type: 'DNS', value: 'a.example.com' }],
};
const request = {
  kind: 'config',
  subject: [
    { type: 'O', value: 'Axys' },
    { type: 'CN', value: 'a.example.com' },
    { type: 'L', value: 'secret', shown: '‹from the environment: ENV::L›' },
  ],
  subjectAltNames: [
    { type: 'DNS', value: 'a.example.com' },
    { type: 'DNS', value: 'b.example.com' },
  ],
};

describe('comparison report', () => {
  it('counts warnings in the headline and keeps the side-by-side tables of the Markdown', () => {
    const report = comparisonReport(
      '/w/a.cnf',
      {
        request,
        old,
        how: 'linked',
        line: 1,
        findings: [{ severity: 'warning', code: 'san-added', message: 'Adds DNS:b.example.com.' }],
      } as never,
      now,
    );
    assert.deepStrictEqual(report.headline, { text: 'Matches with 1 warning', severity: 'warning' });
    const markdown = reportMarkdown(report);
    assert.ok(markdown.includes('| L | — | ‹from the environment: ENV::L› | ✗ |'), markdown);
    assert.ok(!markdown.includes('secret'), markdown);
    assert.ok(markdown.includes('| DNS:b.example.com | added | ✓ |'), markdown);
    assert.match(markdown, /- Expires: [23] Mar 2027 \(in 19 days\) \(2027-03-03T12:00:00\.000Z\)/);
    assert.ok(markdown.includes('- **warning** `san-added`: Adds DNS:b.example.com.'), markdown);
  });

  it('says an error is a difference to fix', () => {
    const report = comparisonReport(
      '/w/a.cnf',
      { request, old, line: 1, findings: [{ severity: 'error', code: 'san-removed', message: 'x' }] } as never,
      now,
    );
    assert.deepStrictEqual(report.headline, { text: '1 difference to fix', severity: 'error' });
  });
});
