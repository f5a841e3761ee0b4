// The messages between the report page (src/webview/report) and the report panels (src/vscode/reports), the one
// definition both sides compile against. Types and a parser of plain data only.
import type { Report } from './reportModel';

/** To the page. */
export type ReportUpdate =
  | { type: 'report'; report: Report }
  /**
   * Clicks the first button whose label (its aria-label, else its text) is `label`, as a user does: the page's own
   * handlers and messages run. Only the integration tests send it (ReportDocuments.press).
   */
  | { type: 'press'; label: string };

/** From the page. */
export type ReportRequest =
  /** The page has loaded its script and waits for the report. */
  | { type: 'ready' }
  /** A Copy button: the text of its code block. */
  | { type: 'copy'; text: string }
  | { type: 'copy-markdown' }
  | { type: 'open-markdown' }
  /** The page has drawn a report: its visible text, which the integration tests read. */
  | { type: 'rendered'; text: string };

/** A message from the page, or undefined for anything else (a page is never trusted to send the right shape). */
export function parseReportRequest(raw: unknown): ReportRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'copy-markdown':
    case 'open-markdown':
      return { type: message.type };
    case 'copy':
    case 'rendered':
      return typeof message.text === 'string' ? { type: message.type, text: message.text } : undefined;
    default:
      return undefined;
  }
}
