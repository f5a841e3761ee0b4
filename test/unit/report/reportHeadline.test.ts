import * as assert from 'assert';
import { COMPARISON_WORDS, reportHeadline } from '../../../src/core/report/reportHeadline';

describe('reportHeadline', () => {
  it('says all passed only when nothing failed and nothing warns', () => {
    assert.deepStrictEqual(reportHeadline({ failed: 0, warnings: 0 }), { text: 'All checks passed', severity: 'ok' });
  });

  it('counts the warnings of a pass', () => {
    assert.deepStrictEqual(reportHeadline({ failed: 0, warnings: 1 }), {
      text: 'Passed with 1 warning',
      severity: 'warning',
    });
    assert.strictEqual(reportHeadline({ failed: 0, warnings: 3 }).text, 'Passed with 3 warnings');
  });

  it('puts failures first and still counts the warnings', () => {
    assert.deepStrictEqual(reportHeadline({ failed: 1, warnings: 0 }), { text: '1 check failed', severity: 'error' });
    assert.deepStrictEqual(reportHeadline({ failed: 2, warnings: 1 }), {
      text: '2 checks failed, 1 warning',
      severity: 'error',
    });
  });

  it("uses a report's own words", () => {
    assert.strictEqual(reportHeadline({ failed: 0, warnings: 2 }, COMPARISON_WORDS).text, 'Matches with 2 warnings');
    assert.strictEqual(reportHeadline({ failed: 1, warnings: 0 }, COMPARISON_WORDS).text, '1 difference to fix');
  });
});
