// The rotation panel in its webview. It draws what RotationPanels sends ({type:'model'}): the timeline as SVG (the
// geometry is the core's, src/core/rotation/rotationTimeline.ts), the checklist and the next step; ticking and
// running are messages back, which the adapter turns into the Rotations view's commands. Everything from the
// record goes in as text nodes and attributes, never as markup.
// Messages: src/core/rotation/rotationPanelProtocol.ts.
import type {
  PanelChecklistItem,
  RotationPanelModel,
  RotationPanelRequest,
  RotationPanelUpdate,
} from '../../core/rotation/rotationPanelProtocol';
import type { RotationTimeline, TimelineBar, TimelineMark } from '../../core/rotation/rotationTimeline';
import { h, type Child } from '../dom';

const SVG_NS = 'http://www.w3.org/2000/svg';
const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** Whether the dates table is shown to everyone (screen readers always have it). */
let tableShown = false;
let current: RotationPanelModel | null = null;

function post(message: RotationPanelRequest): void {
  vscode.postMessage(message);
}

function s(
  tag: string,
  attributes: Record<string, string | number | undefined>,
  children?: Array<Node | null>,
): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) el.setAttribute(name, String(value));
  for (const child of children || []) if (child) el.append(child);
  return el;
}

function svgText(
  x: number,
  y: number,
  text: string,
  cls: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
): SVGElement {
  const el = s('text', { x, y, class: cls, 'text-anchor': anchor });
  el.textContent = text;
  return el;
}

function tooltip(text: string): SVGElement {
  const el = s('title', {});
  el.textContent = text;
  return el;
}

// --- the timeline -------------------------------------------------------------------------------------------

function bar(b: TimelineBar, t: RotationTimeline): SVGElement {
  const group = s('g', { class: `bar bar-${b.id} bar-${b.state}` });
  group.append(svgText(t.laneTitleX, b.y + 10, b.title, 'lane-title'));
  group.append(svgText(t.laneTitleX, b.y + 24, b.caption, 'lane-caption'));
  if (b.state === 'unknown' || b.width <= 0) return group;
  group.setAttribute('data-mark', `bar:${b.id}`);
  const range = `${b.from ? b.from.slice(0, 10) : 'before the drawn range'} to ${b.to?.slice(0, 10) ?? ''}`;
  group.append(
    s('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 3, class: 'bar-rect' }, [
      tooltip(`${b.title}: valid ${range} (UTC)`),
    ]),
  );
  // The validity goes on beyond the drawing: a chevron at that edge says so.
  const mid = b.y + b.height / 2;
  if (b.clippedStart)
    group.append(
      s('path', { d: `M ${b.x + 10} ${mid - 6} L ${b.x + 4} ${mid} L ${b.x + 10} ${mid + 6}`, class: 'chevron' }),
    );
  if (b.clippedEnd) {
    const end = b.x + b.width;
    group.append(
      s('path', { d: `M ${end - 10} ${mid - 6} L ${end - 4} ${mid} L ${end - 10} ${mid + 6}`, class: 'chevron' }),
    );
  }
  return group;
}

function mark(m: TimelineMark): SVGElement {
  return s('g', { class: `mark mark-${m.kind}${m.past ? ' past' : ''}`, 'data-mark': `mark:${m.id}` }, [
    tooltip(`${m.label.replace(/ \d+ \w+$/, '')}: ${m.date} (${m.relative}); ${m.at}`),
    s('line', { x1: m.x, x2: m.x, y1: m.y1, y2: m.y2, class: 'mark-line' }),
    svgText(m.labelX, m.labelY, m.label, 'mark-label', m.anchor),
  ]);
}

function timelineSvg(t: RotationTimeline): SVGElement {
  const svg = s('svg', {
    viewBox: `0 0 ${t.width} ${t.height}`,
    class: 'timeline',
    role: 'img',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  const grid = s('g', { class: 'grid' });
  for (const tick of t.axis.ticks) {
    grid.append(s('line', { x1: tick.x, x2: tick.x, y1: t.marks[0]?.y1 ?? 0, y2: t.axis.y, class: 'grid-line' }));
  }
  svg.append(grid);
  for (const band of t.bands) {
    svg.append(
      s('g', { class: `band band-${band.id}${band.active ? ' active' : ''}`, 'data-mark': `band:${band.id}` }, [
        tooltip(`Overlap period: ${band.from.slice(0, 10)} to ${band.to.slice(0, 10)} (UTC), both certificates valid`),
        s('rect', { x: band.x, y: band.y, width: band.width, height: band.height, rx: 4, class: 'band-rect' }),
        band.width > 90
          ? svgText(
              band.x + band.width / 2,
              t.bars[0].y + t.bars[0].height + 11,
              'Overlap period',
              'band-label',
              'middle',
            )
          : null,
      ]),
    );
  }
  for (const b of t.bars) svg.append(bar(b, t));
  const axis = s('g', { class: 'axis' }, [
    s('line', { x1: t.chartLeft, x2: t.chartRight, y1: t.axis.y, y2: t.axis.y }),
  ]);
  for (const tick of t.axis.ticks) {
    axis.append(s('line', { x1: tick.x, x2: tick.x, y1: t.axis.y, y2: t.axis.y + 5 }));
    axis.append(svgText(tick.x, t.axis.y + 17, tick.label, 'tick-label', 'middle'));
  }
  svg.append(axis);
  // Today last, so its line is on top of the others.
  const marks = [...t.marks].sort((a, b) => (a.kind === 'today' ? 1 : 0) - (b.kind === 'today' ? 1 : 0));
  for (const m of marks) svg.append(mark(m));
  return svg;
}

function datesTable(t: RotationTimeline): HTMLElement {
  return h('table', { id: 'dates', class: tableShown ? 'dates' : 'dates visually-hidden' }, [
    h('caption', { text: 'The rotation’s dates (UTC)' }),
    h('thead', {}, [
      h('tr', {}, [
        h('th', { scope: 'col', text: 'Date' }),
        h('th', { scope: 'col', text: 'When' }),
        h('th', { scope: 'col', text: 'What' }),
      ]),
    ]),
    h(
      'tbody',
      {},
      t.events.map((e) =>
        h('tr', { class: e.label === 'Today' ? 'today' : undefined }, [
          h('td', { text: e.date, title: e.at }),
          h('td', { text: e.relative }),
          h('td', { text: e.label }),
        ]),
      ),
    ),
  ]);
}

// --- the checklist and the next step -----------------------------------------------------------------------

function stateIcon(state: PanelChecklistItem['state']): SVGElement {
  const icon = s('svg', { viewBox: '0 0 16 16', class: `state-icon state-${state}`, 'aria-hidden': 'true' });
  if (state === 'done') {
    icon.append(s('circle', { cx: 8, cy: 8, r: 7 }), s('path', { d: 'M4.5 8.2 L7 10.7 L11.5 5.8', class: 'tick' }));
  } else if (state === 'blocked') {
    icon.append(s('circle', { cx: 8, cy: 8, r: 6.5 }), s('path', { d: 'M3.6 12.4 L12.4 3.6' }));
  } else {
    icon.append(s('circle', { cx: 8, cy: 8, r: 6.5 }));
  }
  return icon;
}

const STATE_WORDS = { done: 'Done', todo: 'To do', blocked: 'Waiting' } as const;

function checklistRow(item: PanelChecklistItem, readOnly: boolean): HTMLElement {
  const badge =
    item.source === 'manual'
      ? h('span', { class: 'badge badge-manual', text: item.state === 'done' ? 'Ticked by hand' : 'Tick by hand' })
      : h('span', {
          class: 'badge badge-detected',
          text:
            item.state === 'done'
              ? `Detected · ${item.origin ?? 'evidence'}`
              : `Detected from ${item.origin ?? 'evidence'}`,
        });
  const controls: Child[] = [];
  if (item.source === 'manual' && !readOnly) {
    const box = h('input', {
      type: 'checkbox',
      checked: item.state === 'done',
      disabled: !item.tickable,
      'data-key': `tick:${item.id}`,
      'aria-label': `${item.state === 'done' ? 'Untick' : 'Tick'}: ${item.label}`,
    }) as HTMLInputElement;
    box.addEventListener('change', () => {
      box.disabled = true;
      post({ type: 'tick', itemId: item.id, ticked: box.checked });
    });
    controls.push(h('label', { class: 'tick-control' }, [box, h('span', { text: 'Done', 'aria-hidden': 'true' })]));
  }
  if (item.action) {
    const button = h('button', {
      class: 'secondary',
      'data-key': `run:${item.id}`,
      text: item.action.label,
    }) as HTMLButtonElement;
    button.addEventListener('click', () => {
      button.disabled = true;
      post({ type: 'run', itemId: item.id });
    });
    controls.push(button);
  }
  return h('li', { class: `item item-${item.state}`, 'data-item': item.id }, [
    stateIcon(item.state),
    h('div', { class: 'item-body' }, [
      h('div', { class: 'item-head' }, [
        h('span', { class: 'visually-hidden', text: `${STATE_WORDS[item.state]}: ` }),
        h('span', { class: 'item-label', text: item.label }),
        badge,
      ]),
      item.note ? h('div', { class: 'item-note', text: item.note }) : null,
    ]),
    controls.length > 0 ? h('div', { class: 'item-controls' }, controls) : null,
  ]);
}

/** The checklist's notes are clauses (`tick this once it has happened`); alone they read as sentences. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function nextStepSection(model: RotationPanelModel): HTMLElement {
  const step = model.nextStep;
  const body: Child[] = [h('h2', { id: 'next-heading', text: 'Next step' })];
  if (step.kind === 'command' || step.kind === 'tick') {
    const item = model.checklist.find((i) => i.id === step.itemId);
    if (item) body.push(h('p', { class: 'next-item', text: item.label }));
    body.push(h('p', { class: 'next-detail', text: sentence(step.detail) }));
    const button = h('button', {
      class: 'primary',
      'data-key': 'next-step',
      text: step.button,
      disabled: model.readOnly,
      title: model.readOnly ? 'Trust the workspace to run this step' : undefined,
    }) as HTMLButtonElement;
    button.addEventListener('click', () => {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      post({ type: 'next-step', itemId: step.itemId });
    });
    body.push(button);
  } else if (step.kind === 'outside' || step.kind === 'blocked') {
    const item = model.checklist.find((i) => i.id === step.itemId);
    if (item) body.push(h('p', { class: 'next-item', text: item.label }));
    body.push(h('p', { class: 'next-detail', text: sentence(step.detail) }));
    if (step.kind === 'outside')
      body.push(
        h('p', {
          class: 'hint',
          text: 'This happens in your own infrastructure: it is ticked once the workspace shows it.',
        }),
      );
  } else {
    body.push(h('p', { class: 'next-detail', text: step.detail }));
  }
  return h('section', { class: `next next-${step.kind}`, 'aria-labelledby': 'next-heading' }, body);
}

function render(model: RotationPanelModel): void {
  const focused = (document.activeElement as HTMLElement | null)?.getAttribute('data-key');
  const t = model.timeline;
  const toggle = h('button', {
    class: 'link',
    'data-key': 'toggle-table',
    'aria-controls': 'dates',
    'aria-expanded': String(tableShown),
    text: tableShown ? 'Hide the dates table' : 'Show the dates as a table',
  });
  toggle.addEventListener('click', () => {
    tableShown = !tableShown;
    if (current) render(current);
  });
  app.replaceChildren(
    h('header', {}, [
      h('h1', { text: model.title }),
      h('p', { class: 'subject' }, [
        h('span', { text: model.subject }),
        h('span', { class: 'sep', text: ' · ', 'aria-hidden': 'true' }),
        h('code', { text: model.certificatePath }),
        model.store ? h('span', { class: 'store', text: ` · secrets store “${model.store}”` }) : null,
      ]),
      h('p', { class: 'status' }, [
        h('span', { text: model.status }),
        h('span', { class: 'sep', text: ' · ', 'aria-hidden': 'true' }),
        h('span', { class: 'progress', text: model.progress }),
        h('span', { class: 'sep', text: ' · ', 'aria-hidden': 'true' }),
        h('span', { class: model.deadlinePassed ? 'deadline passed' : 'deadline', text: model.deadline }),
      ]),
    ]),
    nextStepSection(model),
    h('section', { class: 'timeline-section', 'aria-labelledby': 'timeline-heading' }, [
      h('h2', { id: 'timeline-heading', text: 'Timeline' }),
      h('div', { class: 'timeline-scroll' }, [timelineSvg(t)]),
      h('p', { class: 'legend', 'aria-hidden': 'true' }, [
        h('span', { class: 'key key-old', text: 'Old certificate' }),
        h('span', { class: 'key key-new', text: 'New certificate' }),
        h('span', { class: 'key key-overlap', text: 'Overlap period' }),
        h('span', { class: 'key key-today', text: 'Today' }),
        h('span', { class: 'key key-reminder', text: 'Reminders' }),
        h('span', { class: 'key key-deadline', text: 'Expiry and retire deadline' }),
        h('span', { class: 'utc', text: 'Dates in UTC' }),
      ]),
      toggle,
      datesTable(t),
    ]),
    h('section', { class: 'checklist', 'aria-labelledby': 'checklist-heading' }, [
      h('h2', { id: 'checklist-heading', text: 'Checklist' }),
      h('p', {
        class: 'hint',
        text: 'Detected steps tick themselves from what the workspace, the verification, the test calls and the secrets store show; the others are ticked by hand.',
      }),
      h(
        'ol',
        {},
        model.checklist.map((item) => checklistRow(item, model.readOnly)),
      ),
    ]),
  );
  app.setAttribute('aria-busy', 'false');
  if (focused) app.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  const next = model.nextStep;
  post({
    type: 'rendered',
    marks: Array.from(app.querySelectorAll('[data-mark]')).map((el) => el.getAttribute('data-mark') ?? ''),
    items: model.checklist.map((i) => {
      const row = app.querySelector(`[data-item="${CSS.escape(i.id)}"]`);
      return {
        id: i.id,
        state: row?.classList.contains('item-done')
          ? 'done'
          : row?.classList.contains('item-blocked')
            ? 'blocked'
            : 'todo',
        source: row?.querySelector('.badge-manual') ? 'manual' : 'evidence',
      };
    }),
    next: app.querySelector('[data-key="next-step"]')?.textContent ?? `${next.kind}`,
  });
}

window.addEventListener('message', (event: MessageEvent<RotationPanelUpdate>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'model') {
    current = message.model;
    render(message.model);
  } else if (message.type === 'click') {
    app.querySelector<HTMLElement>(`[data-key="${CSS.escape(message.key)}"]`)?.click();
  }
});

post({ type: 'ready' });
