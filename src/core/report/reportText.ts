import type { ReportInline, ReportText } from './reportModel';

/** A report text as its runs. */
export function inlinesOf(text: ReportText): ReportInline[] {
  if (typeof text === 'string') return [{ text }];
  return Array.isArray(text) ? text : [text];
}

/** A report text without its marks: what a reader sees. */
export function plainText(text: ReportText): string {
  return inlinesOf(text)
    .map((run) => run.text)
    .join('');
}
