// A report (verification, comparison, generation, test call) in its webview. It draws what ReportPanels sends
// ({type:'report'}) with the DOM and textContent only, so nothing from a certificate or a server's answer is ever
// read as HTML; a new message redraws the page in place. Messages: src/core/report/reportProtocol.ts.
import type {
  Report,
  ReportBlock,
  ReportInline,
  ReportSection,
  ReportSeverity,
  ReportText,
} from '../../core/report/reportModel';
import type { ReportRequest, ReportUpdate } from '../../core/report/reportProtocol';

type Child = Node | string | null | undefined | false;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** The mark and the words a screen reader hears for each severity; colours are in report.css. */
const SEVERITY: Record<ReportSeverity, { mark: string; label: string }> = {
  ok: { mark: '✓', label: 'Passed' },
  info: { mark: 'ℹ', label: 'Note' },
  warning: { mark: '⚠', label: 'Warning' },
  error: { mark: '✗', label: 'Failed' },
};

function post(message: ReportRequest): void {
  vscode.postMessage(message);
}

function h(tag: string, props?: Record<string, string | number | undefined>, children?: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined) continue;
    if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, String(value));
  }
  for (const child of children || []) if (child !== undefined && child !== null && child !== false) el.append(child);
  return el;
}

function announce(text: string): void {
  const status = document.getElementById('announce');
  if (status) status.textContent = text;
}

function mark(severity: ReportSeverity): HTMLElement {
  return h('span', { class: `mark ${severity}` }, [
    h('span', { 'aria-hidden': 'true', text: SEVERITY[severity].mark }),
    h('span', { class: 'visually-hidden', text: `${SEVERITY[severity].label}: ` }),
  ]);
}

function runs(text: ReportText): ReportInline[] {
  if (typeof text === 'string') return [{ text }];
  return Array.isArray(text) ? text : [text];
}

function inline(text: ReportText): Node[] {
  return runs(text).map((run) => {
    let el: HTMLElement = run.code ? h('code', { text: run.text }) : h('span', { text: run.text });
    if (run.strong) el = h('strong', {}, [el]);
    if (run.title) {
      // A date's exact value: the tooltip, and for assistive technology the machine-readable form.
      const isDate = /^\d{4}-\d\d-\d\dT/.test(run.title);
      el = h(isDate ? 'time' : 'span', { title: run.title, datetime: isDate ? run.title : undefined }, [el]);
    }
    return el;
  });
}

function copyButton(label: string, text: () => string): HTMLElement {
  const button = h('button', {
    type: 'button',
    class: 'copy secondary',
    'aria-label': label,
    title: label,
    text: 'Copy',
  });
  button.addEventListener('click', () => {
    post({ type: 'copy', text: text() });
    announce('Copied.');
  });
  return button;
}

function block(b: ReportBlock): HTMLElement {
  switch (b.kind) {
    case 'paragraph':
      return h('p', {}, inline(b.text));
    case 'facts':
      return h(
        'dl',
        { class: 'facts' },
        b.facts.flatMap((f) => [h('dt', { text: f.label }), h('dd', {}, inline(f.value))]),
      );
    case 'table':
      return h('div', { class: 'table-wrap' }, [
        h('table', {}, [
          b.caption ? h('caption', { text: b.caption }) : null,
          h('thead', {}, [
            h(
              'tr',
              {},
              b.columns.map((c) =>
                h('th', { scope: 'col' }, [c === '' ? h('span', { class: 'visually-hidden', text: 'status' }) : c]),
              ),
            ),
          ]),
          h(
            'tbody',
            {},
            b.rows.map((row) =>
              h(
                'tr',
                {},
                row.map((c) => {
                  const empty = runs(c.value).every((r) => r.text === '');
                  return h('td', { class: c.severity }, empty ? ['—'] : inline(c.value));
                }),
              ),
            ),
          ),
        ]),
      ]);
    case 'findings':
      if (b.findings.length === 0) return h('p', { class: 'empty', text: b.empty });
      return h(
        'ul',
        { class: 'findings' },
        b.findings.map((f) =>
          h('li', { class: f.severity }, [
            mark(f.severity),
            f.code ? h('code', { text: f.code }) : null,
            h('span', { text: f.message }),
          ]),
        ),
      );
    case 'code': {
      const label = b.label ?? (b.language === 'sh' ? 'Command' : 'Text');
      return h('figure', { class: 'code' }, [
        h('figcaption', {}, [h('span', { text: label }), copyButton(`Copy: ${label.replace(/:$/, '')}`, () => b.code)]),
        h('pre', {}, [h('code', { class: `language-${b.language}`, text: b.code })]),
      ]);
    }
  }
}

function section(s: ReportSection, index: number): HTMLElement {
  const id = `section-${index}`;
  return h('section', { 'aria-labelledby': id }, [
    h('h2', { id }, [
      s.severity ? mark(s.severity) : null,
      h('span', { text: s.title }),
      s.code ? h('code', { class: 'name', text: s.code }) : null,
    ]),
    ...s.blocks.map(block),
  ]);
}

function draw(report: Report): void {
  const headline = h('p', { class: `headline ${report.headline.severity}`, role: 'status' }, [
    mark(report.headline.severity),
    h('span', { text: report.headline.text }),
  ]);
  const copyMarkdown = h('button', { type: 'button', class: 'secondary', text: 'Copy as Markdown' });
  copyMarkdown.addEventListener('click', () => {
    post({ type: 'copy-markdown' });
    announce('Report copied as Markdown.');
  });
  const openMarkdown = h('button', { type: 'button', class: 'secondary', text: 'Open as Markdown' });
  openMarkdown.addEventListener('click', () => post({ type: 'open-markdown' }));
  app.replaceChildren(
    h('header', { class: 'top' }, [
      h('div', {}, [h('h1', { text: report.title }), headline]),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Report actions' }, [copyMarkdown, openMarkdown]),
    ]),
    ...report.intro.map(block),
    ...report.sections.map(section),
    h('p', { id: 'announce', class: 'visually-hidden', 'aria-live': 'polite' }),
  );
  app.removeAttribute('aria-busy');
  document.title = report.title;
  post({ type: 'rendered', text: app.innerText });
}

window.addEventListener('message', (event: MessageEvent<ReportUpdate>) => {
  const message = event.data;
  if (message?.type === 'report') draw(message.report);
  if (message?.type === 'press') {
    const button = Array.from(app.querySelectorAll('button')).find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent) === message.label,
    );
    button?.focus();
    button?.click();
  }
});

post({ type: 'ready' });
