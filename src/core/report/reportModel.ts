// What a report panel shows: plain data, built by the adapter from core results and drawn by the report page
// (src/webview/report) with the DOM and textContent only. The same model gives the Markdown text
// (reportMarkdown), so "Copy as Markdown" and the read-only document carry exactly what the panel shows.

/** `ok` passed, `info` a fact, `warning` worth a look, `error` must be fixed before going on. */
export type ReportSeverity = 'ok' | 'info' | 'warning' | 'error';

/** A run of text; `title` is a tooltip with the exact value (a date's ISO form), kept in the Markdown too. */
export interface ReportInline {
  text: string;
  code?: boolean;
  strong?: boolean;
  title?: string;
}

export type ReportText = string | ReportInline | ReportInline[];

export interface ReportHeadline {
  text: string;
  severity: ReportSeverity;
}

export interface ReportFact {
  label: string;
  value: ReportText;
}

export interface ReportCell {
  value: ReportText;
  /** Colours and marks the cell (a match, a difference). */
  severity?: ReportSeverity;
}

export interface ReportFinding {
  severity: ReportSeverity;
  code?: string;
  message: string;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: ReportText }
  | { kind: 'facts'; facts: ReportFact[] }
  | { kind: 'table'; caption?: string; columns: string[]; rows: ReportCell[][] }
  | { kind: 'findings'; findings: ReportFinding[]; empty: string }
  /** A command to paste (openssl, curl) or text as it came (a body preview); the page adds a Copy button. */
  | { kind: 'code'; language: string; code: string; label?: string };

export interface ReportSection {
  title: string;
  /** Shown after the title in code style, e.g. a check's name. */
  code?: string;
  severity?: ReportSeverity;
  blocks: ReportBlock[];
}

export interface Report {
  title: string;
  headline: ReportHeadline;
  /** Blocks between the headline and the first section. */
  intro: ReportBlock[];
  sections: ReportSection[];
}
