import type { Report, ReportBlock, ReportSeverity, ReportText } from './reportModel';
import { inlinesOf } from './reportText';

/** The marks the Markdown text has always used: ✓ passed, ⚠ a warning, ✗ failed. */
export const SEVERITY_MARKS: Record<ReportSeverity, string> = { ok: '✓', info: 'ℹ', warning: '⚠', error: '✗' };

function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function inline(text: ReportText): string {
  return inlinesOf(text)
    .map((run) => {
      let shown = run.code ? codeSpan(run.text) : run.text;
      if (run.strong) shown = `**${shown}**`;
      // Markdown has no tooltip: the exact value follows in brackets.
      return run.title ? `${shown} (${run.title})` : shown;
    })
    .join('');
}

function cell(text: ReportText): string {
  const shown = inline(text);
  return (shown === '' ? '—' : shown).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function row(cells: string[]): string {
  return '|' + cells.map((c) => (c === '' ? ' |' : ` ${c} |`)).join('');
}

function block(b: ReportBlock): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [inline(b.text)];
    case 'facts':
      return b.facts.map((f) => `- ${f.label}: ${inline(f.value)}`);
    case 'table':
      return [
        ...(b.caption ? [b.caption, ''] : []),
        row(b.columns),
        row(b.columns.map(() => '---')),
        ...b.rows.map((r) => row(r.map((c) => cell(c.value)))),
      ];
    case 'findings':
      if (b.findings.length === 0) return [b.empty];
      return b.findings.map((f) => `- **${f.severity}**${f.code ? ` ${codeSpan(f.code)}` : ''}: ${f.message}`);
    case 'code': {
      const longest = Math.max(2, ...[...b.code.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return [...(b.label ? [b.label, ''] : []), fence + b.language, b.code.trimEnd(), fence];
    }
  }
}

function blocks(list: ReportBlock[]): string[] {
  return list.flatMap((b) => [...block(b), '']);
}

/** The report as Markdown: what "Copy as Markdown" copies and the read-only report document holds. */
export function reportMarkdown(report: Report): string {
  const lines = [`# ${report.title}`, '', `**${report.headline.text}.**`, '', ...blocks(report.intro)];
  for (const section of report.sections) {
    const mark = section.severity ? `${SEVERITY_MARKS[section.severity]} ` : '';
    const code = section.code ? ` (${codeSpan(section.code)})` : '';
    lines.push(`## ${mark}${section.title}${code}`, '', ...blocks(section.blocks));
  }
  return lines.join('\n');
}
