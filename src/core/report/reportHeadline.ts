import { countOf } from '../text/countOf';
import type { ReportHeadline } from './reportModel';

/** How a kind of report names its results in the headline. */
export interface HeadlineWords {
  /** Nothing failed, nothing to look at: "All checks passed". */
  passed: string;
  /** Nothing failed, some warnings: "<passedWith> with 1 warning". */
  passedWith: string;
  /** What failed, singular and plural: "1 check failed", "2 checks failed". */
  failed: [one: string, other: string];
}

export const CHECK_WORDS: HeadlineWords = {
  passed: 'All checks passed',
  passedWith: 'Passed',
  failed: ['check failed', 'checks failed'],
};

export const COMPARISON_WORDS: HeadlineWords = {
  passed: "The request carries the old certificate's subject and SANs",
  passedWith: 'Matches',
  failed: ['difference to fix', 'differences to fix'],
};

/**
 * The one line above a report: failures first, and warnings always counted, so that "passed" is never written
 * above a warning the reader has not been told about.
 */
export function reportHeadline(
  counts: { failed: number; warnings: number },
  words: HeadlineWords = CHECK_WORDS,
): ReportHeadline {
  const warnings = countOf(counts.warnings, 'warning');
  if (counts.failed > 0) {
    const failed = countOf(counts.failed, ...words.failed);
    return { text: counts.warnings > 0 ? `${failed}, ${warnings}` : failed, severity: 'error' };
  }
  if (counts.warnings > 0) return { text: `${words.passedWith} with ${warnings}`, severity: 'warning' };
  return { text: words.passed, severity: 'ok' };
}
