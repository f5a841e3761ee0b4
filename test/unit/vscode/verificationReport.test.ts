import * as assert from 'assert';
import { reportMarkdown } from '../../../src/core/report/reportMarkdown';
import { VerifyCheck } from '../../../src/core/verify/verifyCheck';
import { VerifyResult } from '../../../src/core/verify/verifyCertificate';
import { verificationReport } from '../../../src/vscode/verify/verificationReport';

const check = (name: VerifyCheck['name'], ok: boolean, severity: VerifyCheck['severity']): VerifyCheck => ({
  name,
  ok,
  severity,
  message: `${name} message`,
  evidence: { notAfter: '2027-03-03T12:00:00.000Z', daysLeft: '19' },
  opensslCommand: 'openssl verify CERT',
});

function result(checks: VerifyCheck[]): VerifyResult {
  return { ok: checks.every((c) => c.ok), checks } as VerifyResult;
}

describe('verification report', () => {
  const request = { certificate: '/w/new.crt', key: '/w/new.key' };
  const now = new Date('2027-02-12T10:00:00Z');

  it('counts a warning in the headline instead of saying all passed', () => {
    const report = verificationReport(
      request,
      result([check('chain', true, 'info'), check('validity', true, 'warning')]),
      now,
    );
    assert.deepStrictEqual(report.headline, { text: 'Passed with 1 warning', severity: 'warning' });
    assert.deepStrictEqual(
      report.sections.map((s) => `${s.code}:${s.severity}`),
      ['chain:ok', 'validity:warning', 'undefined:info'],
    );
    const markdown = reportMarkdown(report);
    assert.ok(markdown.includes('**Passed with 1 warning.**'), markdown);
    assert.ok(!markdown.includes('All checks passed'), markdown);
    assert.ok(markdown.includes('## ⚠ Validity period (`validity`)'), markdown);
  });

  it('puts failures first in the headline', () => {
    const report = verificationReport(
      request,
      result([check('chain', false, 'error'), check('validity', true, 'warning')]),
      now,
    );
    assert.deepStrictEqual(report.headline, { text: '1 check failed, 1 warning', severity: 'error' });
  });

  it('shows evidence dates for people with the ISO value as the tooltip, other evidence as code', () => {
    const report = verificationReport(request, result([check('validity', true, 'info')]), now);
    const facts = report.sections[0].blocks.find((b) => b.kind === 'facts');
    assert.ok(facts?.kind === 'facts');
    const [notAfter, daysLeft] = facts.facts;
    assert.ok(typeof notAfter.value === 'object' && !Array.isArray(notAfter.value));
    assert.strictEqual(notAfter.value.title, '2027-03-03T12:00:00.000Z');
    assert.match(notAfter.value.text, /^[23] Mar 2027, \d\d:\d\d \(in 19 days\)$/);
    assert.deepStrictEqual(daysLeft.value, { text: '19', code: true });
    const code = report.sections[0].blocks.find((b) => b.kind === 'code');
    assert.deepStrictEqual(code, {
      kind: 'code',
      language: 'sh',
      code: 'openssl verify CERT',
      label: 'The same with openssl:',
    });
  });
});
