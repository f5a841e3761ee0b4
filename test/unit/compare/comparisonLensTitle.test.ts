import * as assert from 'assert';
import { comparisonLensTitle } from '../../../src/core/compare/comparisonLensTitle';
import { severityCounts } from '../../../src/core/severityCounts';

describe('comparisonLensTitle', () => {
  it('counts a single warning (a SAN added), which alone used to show nothing', () => {
    assert.strictEqual(
      comparisonLensTitle('program-a.example.com', [{ severity: 'warning' }]),
      'Compared with program-a.example.com: 1 warning',
    );
  });

  it('counts errors and warnings, errors first', () => {
    assert.strictEqual(
      comparisonLensTitle('a', [{ severity: 'warning' }, { severity: 'error' }, { severity: 'error' }]),
      'Compared with a: 2 errors, 1 warning',
    );
  });

  it('says the request matches when nothing differs', () => {
    assert.strictEqual(comparisonLensTitle('a', []), 'Compared with a: matches');
  });
});

describe('severityCounts', () => {
  it('leaves out severities with none, and says nothing for no findings', () => {
    assert.strictEqual(severityCounts([]), '');
    assert.strictEqual(
      severityCounts([{ severity: 'info' }, { severity: 'warning' }, { severity: 'warning' }]),
      '2 warnings, 1 info',
    );
  });
});
