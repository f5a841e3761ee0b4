// The request-config form in its webview. It draws what ConfigEditor sends ({type:'form'}) and sends form edits
// back ({type:'edit'}); the document is the only state. While the structure (fields, rows) stays the same, values
// and problems are updated in place, so the input being typed in keeps its focus and caret.
// Messages: src/core/opensslConfig/configEditorProtocol.ts; the decisions that need no DOM are in this folder's
// other modules, unit-tested in plain Node.
import type { Severity } from '../../core/model';
import type {
  ConfigEditorRequest,
  ConfigEditorSnapshot,
  ConfigEditorUpdate,
} from '../../core/opensslConfig/configEditorProtocol';
import type { FormProblem } from '../../core/opensslConfig/formProblem';
import type { FormEdit, RequestForm } from '../../core/opensslConfig/requestForm';
import { addEdit } from './addEdit';
import { formStructure } from './formStructure';
import { keySizeOf, keySizeOptions, selectedKeySize, SelectOption } from './keySizeOptions';
import { problemSummary, severityLabel } from './problemSummary';
import { formProblems, problemRowKey } from './formProblems';
import { rowEdit } from './rowEdit';
import { addTypeOptions, fieldLongName, sanTypeOptions } from './typeOptions';
import { h } from '../dom';

type FormMessage = Extract<ConfigEditorUpdate, { type: 'form' }>;
type Focus = { key?: string; pos?: string; start: number | null; end: number | null };

const TYPING_DELAY_MS = 200;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** The last form message. */
let current: FormMessage | null = null;
/** What the Problems panel shows for the file, from the last problems message; null until the first. */
let problems: FormProblem[] | null = null;
/** Their count by severity, as the editor counted them. */
let problemCounts = '';
let structure = '';
/** Row keys with a typed value not sent yet. */
const timers = new Map<string, ReturnType<typeof setTimeout>>();
/** Row keys with an edit sent and not answered yet. */
const inflight = new Set<string>();
/** Row keys whose last edit failed, with the reason. */
const editErrors = new Map<string, string>();
/** The value last sent from each row, shown again while that edit stands refused. */
const sentValues = new Map<string, string>();
/** What an add row sent, cleared from its input once the edit is made. */
const added = new Map<string, string>();

function post(message: ConfigEditorRequest): void {
  vscode.postMessage(message);
}

// --- small DOM helpers -------------------------------------------------------------------------------------

function option(o: SelectOption): HTMLElement {
  return h('option', { value: o.value, text: o.text, disabled: o.disabled });
}

function byKey(key: string): HTMLElement | null {
  return app.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
}

function announce(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

function hidden(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden', text });
}

// --- messages ----------------------------------------------------------------------------------------------

function send(key: string, edit: FormEdit): void {
  inflight.add(key);
  editErrors.delete(key);
  if ('value' in edit) sentValues.set(key, edit.value);
  else sentValues.delete(key);
  post({ type: 'edit', key, edit });
}

window.addEventListener('message', (event: MessageEvent<ConfigEditorUpdate>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'form') {
    current = message;
    render();
  } else if (message.type === 'problems') {
    problems = message.problems;
    problemCounts = message.counts;
    if (current) update(current.form);
  } else if (message.type === 'fix-result') {
    announce(message.ok ? `Applied: ${message.message || 'the fix'}.` : `Not fixed: ${message.message || ''}`);
  } else if (message.type === 'click') {
    const button = byKey(message.key);
    if (button instanceof HTMLButtonElement) button.click();
  } else if (message.type === 'snapshot-request') {
    post({ type: 'snapshot', snapshot: snapshot() });
  } else if (message.type === 'edit-result') {
    inflight.delete(message.key);
    const sent = added.get(message.key);
    added.delete(message.key);
    if (message.ok && sent !== undefined) {
      const input = byKey(`${message.key}-value`) as HTMLInputElement | null;
      if (input && input.value === sent) input.value = '';
      announce(`Added ${sent || 'an empty field'}.`);
    }
    if (!message.ok) {
      editErrors.set(message.key, message.message || 'The change could not be made.');
      announce(`Not changed: ${message.message || ''}`);
    }
    if (current) update(current.form);
  } else if (message.type === 'type-into') {
    typeInto(message.key, message.text, message.commit === true);
  }
});

/**
 * The test hook: what a user's keystrokes do to the input, as events the page's own listeners take (one `input`
 * per character, as the browser raises them), then Enter when asked to commit.
 */
function typeInto(key: string, text: string, commit: boolean): void {
  const el = byKey(key);
  if (el instanceof HTMLSelectElement) {
    el.focus();
    el.value = text;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  if (!(el instanceof HTMLInputElement)) return;
  el.focus();
  el.select();
  el.value = '';
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  for (const character of text) {
    el.value += character;
    el.setSelectionRange(el.value.length, el.value.length);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: character }));
  }
  if (commit) el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Enter' }));
}

/** What the page shows of its problems, as a user reads it (the tests compare it with the Problems panel). */
function snapshot(): ConfigEditorSnapshot {
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const rows: Record<string, string[]> = {};
  for (const box of Array.from(app.querySelectorAll<HTMLElement>('.messages[data-row]'))) {
    const lines = Array.from(box.querySelectorAll('.message')).map(text);
    if (lines.length > 0) rows[box.dataset.row || ''] = lines;
  }
  return {
    summary: text(document.getElementById('summary')),
    count: text(document.getElementById('problem-count')),
    rows,
    general: Array.from(app.querySelectorAll('#problems > li')).map(text),
    fixes: Array.from(app.querySelectorAll<HTMLElement>('button.fix')).map((b) => ({
      key: b.dataset.key || '',
      text: text(b),
    })),
  };
}

// --- rendering ---------------------------------------------------------------------------------------------

function render(): void {
  if (!current) return;
  const form = current.form;
  const next = formStructure(form);
  if (next !== structure) {
    const focus = captureFocus();
    app.replaceChildren(...build(form, current.fileName));
    app.removeAttribute('aria-busy');
    structure = next;
    update(form);
    restoreFocus(focus);
  } else {
    update(form);
  }
}

function captureFocus(): Focus | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !app.contains(el)) return null;
  const text = el instanceof HTMLInputElement;
  return {
    key: el.dataset.key,
    pos: el.dataset.pos,
    start: text ? el.selectionStart : null,
    end: text ? el.selectionEnd : null,
  };
}

function restoreFocus(focus: Focus | null): void {
  if (!focus) return;
  let el = focus.key ? byKey(focus.key) : null;
  if (!el && focus.pos) {
    // The row went away or was renamed: the same place, else the row before, else the section's add controls.
    const [kind, index, part] = focus.pos.split(':');
    el =
      app.querySelector<HTMLElement>(`[data-pos="${kind}:${index}:${part}"]`) ||
      app.querySelector<HTMLElement>(`[data-pos="${kind}:${Number(index) - 1}:${part}"]`) ||
      byKey(kind === 'field' ? 'add-field-type' : kind === 'san' ? 'add-san-type' : 'open-text');
  }
  if (!el) return;
  el.focus();
  if (el instanceof HTMLInputElement && focus.start !== null && el.dataset.key === focus.key) {
    el.setSelectionRange(Math.min(focus.start, el.value.length), Math.min(focus.end ?? focus.start, el.value.length));
  }
}

function build(form: RequestForm, fileName: string): HTMLElement[] {
  return [
    h('header', { class: 'top' }, [
      h('div', {}, [
        h('h1', { text: `Certificate request: ${fileName}` }),
        h('p', { class: 'summary', id: 'summary' }),
      ]),
      h('button', { type: 'button', class: 'secondary', 'data-key': 'open-text', text: 'Open as Text' }),
    ]),
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'visually-hidden' }),
    buildSubject(form),
    buildSans(form),
    buildKeySize(form),
    h('section', { class: 'group', 'aria-labelledby': 'problems-heading' }, [
      h('h2', { id: 'problems-heading' }, ['Problems ', h('span', { class: 'count', id: 'problem-count' })]),
      h('p', { class: 'hint', id: 'on-rows' }),
      h('ul', { class: 'problems', id: 'problems' }),
      h('p', { class: 'hint', id: 'no-problems', text: 'No problems.' }),
    ]),
  ];
}

function buildSubject(form: RequestForm): HTMLElement {
  const mode = form.promptNo
    ? "prompt = no: each field's value goes into the request as written."
    : 'Prompted fields: openssl req -batch answers each with its _default value; a field left empty is left out of the subject.';
  const rows = form.fields.map((field, index) => {
    const id = `field-${index}`;
    const longName = fieldLongName(field.type);
    return h('div', { class: 'row field-row', role: 'group', 'aria-labelledby': `${id}-label` }, [
      h('label', { for: id, id: `${id}-label`, class: 'field-label' }, [
        h('span', { class: 'type', text: field.type }),
        longName ? h('span', { class: 'long', text: longName }) : null,
        field.id !== field.type ? h('span', { class: 'entry', text: field.id }) : null,
      ]),
      h('input', {
        type: 'text',
        id,
        spellcheck: false,
        autocomplete: 'off',
        'data-key': `field:${field.id}`,
        'data-pos': `field:${index}:value`,
        'data-field': field.id,
        readOnly: Boolean(field.readOnly),
        placeholder: field.valueFrom === 'none' ? 'no _default: left out' : '',
      }),
      h('button', {
        type: 'button',
        class: 'icon remove',
        text: '✕',
        disabled: Boolean(field.readOnly),
        'data-key': `field-remove:${field.id}`,
        'data-pos': `field:${index}:remove`,
        'data-field': field.id,
      }),
      h('div', { class: 'messages', id: `${id}-msg`, 'data-row': `field:${field.id}` }),
    ]);
  });
  return h('section', { class: 'group', 'aria-labelledby': 'subject-heading' }, [
    h('h2', { id: 'subject-heading' }, [
      'Subject',
      form.distinguishedNameSection
        ? h('span', { class: 'section', text: `[ ${form.distinguishedNameSection} ]` })
        : null,
    ]),
    h('p', { class: 'hint', text: mode }),
    form.fields.length === 0 ? h('p', { class: 'hint', text: 'No subject fields yet.' }) : null,
    h('div', { class: 'rows' }, rows),
    form.fieldsReadOnly
      ? h('p', { class: 'hint', text: form.fieldsReadOnly })
      : buildAddRow('field', 'Add field', 'New field type', 'New field value'),
    h('div', { class: 'messages', id: 'add-field-msg' }),
  ]);
}

function buildSans(form: RequestForm): HTMLElement {
  const san = form.san;
  const hint =
    san.mode === 'section'
      ? `Names from the section [ ${san.section} ]${san.critical ? ' (critical)' : ''}.`
      : san.mode === 'inline'
        ? `Names written inline (subjectAltName = TYPE:value, …)${san.critical ? ', critical' : ''}. A name there cannot hold a comma or begin or end with a blank.`
        : san.extensionsSection
          ? `No subjectAltName yet: adding a name adds subjectAltName = @alt_names to [ ${san.extensionsSection} ].`
          : 'No subjectAltName yet: adding a name adds req_extensions = req_ext, [ req_ext ] and [ alt_names ].';
  const rows = san.rows.map((row, index) => {
    const id = `san-${index}`;
    return h('div', { class: 'row san-row', role: 'group', 'aria-label': `Name ${index + 1}` }, [
      h('label', { for: `${id}-type`, class: 'visually-hidden', text: `Type of name ${index + 1}` }),
      h(
        'select',
        {
          id: `${id}-type`,
          disabled: Boolean(row.readOnly),
          'data-key': `san-type:${row.id}`,
          'data-pos': `san:${index}:type`,
          'data-san': row.id,
        },
        sanTypeOptions(row.type).map(option),
      ),
      h('label', { for: id, class: 'visually-hidden', text: `Value of name ${index + 1}` }),
      h('input', {
        type: 'text',
        id,
        spellcheck: false,
        autocomplete: 'off',
        readOnly: Boolean(row.readOnly),
        'data-key': `san:${row.id}`,
        'data-pos': `san:${index}:value`,
        'data-san': row.id,
      }),
      h('button', {
        type: 'button',
        class: 'icon remove',
        text: '✕',
        disabled: Boolean(row.readOnly),
        'data-key': `san-remove:${row.id}`,
        'data-pos': `san:${index}:remove`,
        'data-san': row.id,
      }),
      h('div', { class: 'messages', id: `${id}-msg`, 'data-row': `san:${row.id}` }),
    ]);
  });
  return h('section', { class: 'group', 'aria-labelledby': 'san-heading' }, [
    h('h2', { id: 'san-heading' }, [
      'Subject alternative names',
      san.extensionsSection ? h('span', { class: 'section', text: `[ ${san.extensionsSection} ]` }) : null,
    ]),
    h('p', { class: 'hint', text: hint }),
    rows.length > 0
      ? h('div', { class: 'row san-row header', 'aria-hidden': 'true' }, [
          h('span', { text: 'Type' }),
          h('span', { text: 'Value' }),
        ])
      : null,
    h('div', { class: 'rows' }, rows),
    h('div', { class: 'messages', id: 'san-list-msg', 'data-row': 'san-list' }),
    san.readOnly
      ? h('p', { class: 'hint', text: san.readOnly })
      : buildAddRow('san', 'Add name', 'New name type', 'New name value'),
    h('div', { class: 'messages', id: 'add-san-msg' }),
  ]);
}

function buildAddRow(kind: 'field' | 'san', buttonText: string, typeLabel: string, valueLabel: string): HTMLElement {
  return h('div', { class: `row add-row ${kind}-row` }, [
    h('label', { for: `add-${kind}-type`, class: 'visually-hidden', text: typeLabel }),
    h('select', { id: `add-${kind}-type`, 'data-key': `add-${kind}-type` }, addTypeOptions(kind).map(option)),
    h('label', { for: `add-${kind}-value`, class: 'visually-hidden', text: valueLabel }),
    h('input', {
      type: 'text',
      id: `add-${kind}-value`,
      'data-key': `add-${kind}-value`,
      spellcheck: false,
      autocomplete: 'off',
      placeholder: 'value',
    }),
    h('button', { type: 'button', 'data-key': `add-${kind}`, text: buttonText }),
  ]);
}

function buildKeySize(form: RequestForm): HTMLElement {
  return h('section', { class: 'group', 'aria-labelledby': 'key-heading' }, [
    h('h2', { id: 'key-heading', text: 'Key' }),
    h('div', { class: 'row key-row' }, [
      h('label', { for: 'bits', text: 'Key size (default_bits)' }),
      h('select', { id: 'bits', 'data-key': 'bits' }, keySizeOptions(form.bits).map(option)),
      h('div', { class: 'messages', id: 'bits-msg', 'data-row': 'bits' }),
    ]),
  ]);
}

// --- in-place updates ----------------------------------------------------------------------------------------

/**
 * Sets a value unless the user's own typing for it is still on its way, or was refused (it stays, with the
 * reason, until the user changes it); keeps the caret.
 */
function setValue(el: HTMLElement | null, value: string, rowKey: string): void {
  if (
    !(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) ||
    timers.has(rowKey) ||
    inflight.has(rowKey)
  )
    return;
  if (editErrors.has(rowKey)) {
    const sent = sentValues.get(rowKey);
    if (!(el instanceof HTMLInputElement) || sent === undefined) return;
    value = sent;
  }
  if (el.value === value) return;
  if (document.activeElement === el && el instanceof HTMLInputElement) {
    const start = el.selectionStart;
    const end = el.selectionEnd;
    el.value = value;
    el.setSelectionRange(Math.min(start ?? value.length, value.length), Math.min(end ?? value.length, value.length));
  } else {
    el.value = value;
  }
}

/** Shows findings (and a failed edit) under a row, and ties them to its input. */
function showMessages(
  messagesId: string,
  inputs: (HTMLElement | null)[],
  findings: FormProblem[],
  rowKey: string | null,
): void {
  const box = document.getElementById(messagesId);
  if (!box) return;
  const items = findings.map((f) => messageLine(f.severity, f.message, f.range.line, f));
  const failure = rowKey ? editErrors.get(rowKey) : undefined;
  if (failure) items.unshift(messageLine('error', `Not changed: ${failure}`));
  box.replaceChildren(...items);
  const invalid = Boolean(failure) || findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  for (const input of inputs) {
    if (!input) continue;
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    if (items.length > 0) input.setAttribute('aria-describedby', messagesId);
    else input.removeAttribute('aria-describedby');
  }
}

function messageLine(severity: Severity, message: string, line?: number, problem?: FormProblem): HTMLElement {
  const { icon, name } = severityLabel(severity);
  return h('div', { class: `message-line ${severity}` }, [
    h('p', { class: `message ${severity}` }, [
      h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
      hidden(`${name}: `),
      line ? h('span', { class: 'where', text: `Line ${line}: ` }) : null,
      message,
      problem?.source
        ? h('span', { class: 'source', text: ` ${problem.source}${problem.code ? `(${problem.code})` : ''}` })
        : null,
    ]),
    problem ? fixButtons(problem) : null,
  ]);
}

/** The quick fixes the providers offer for a problem, as buttons: the lightbulb's menu, in the form. */
function fixButtons(problem: FormProblem): HTMLElement | null {
  if (problem.fixes.length === 0) return null;
  return h(
    'div',
    { class: 'fixes' },
    problem.fixes.map((fix) =>
      h('button', {
        type: 'button',
        class: `fix secondary${fix.preferred ? ' preferred' : ''}`,
        'data-key': `fix:${fix.id}`,
        'data-fix': fix.id,
        title: 'Quick fix: changes the file (undo with Ctrl+Z)',
        text: fix.title,
      }),
    ),
  );
}

function update(form: RequestForm): void {
  const shown = formProblems(form, problems);
  const onRow = (key: string) => shown.filter((p) => problemRowKey(p.target) === key);
  form.fields.forEach((field, index) => {
    const key = `field:${field.id}`;
    const input = byKey(key);
    setValue(input, field.value, key);
    const remove = byKey(`field-remove:${field.id}`);
    if (remove)
      remove.setAttribute('aria-label', `Remove subject field ${field.type}${field.value ? ` (${field.value})` : ''}`);
    showMessages(`field-${index}-msg`, [input], onRow(key), key);
  });
  form.san.rows.forEach((row, index) => {
    const key = `san:${row.id}`;
    const input = byKey(key);
    const select = byKey(`san-type:${row.id}`);
    setValue(input, row.value, key);
    setValue(select, row.type, key);
    const remove = byKey(`san-remove:${row.id}`);
    if (remove) remove.setAttribute('aria-label', `Remove name ${index + 1}, ${row.type} ${row.value}`);
    showMessages(`san-${index}-msg`, [input], onRow(key), key);
  });
  showMessages('san-list-msg', [], onRow('san-list'), null);
  showMessages('add-field-msg', [byKey('add-field-value')], [], 'add-field');
  showMessages('add-san-msg', [byKey('add-san-value')], [], 'add-san');
  const bits = byKey('bits');
  setValue(bits, selectedKeySize(form.bits), 'bits');
  showMessages('bits-msg', [bits], onRow('bits'), 'bits');
  updateProblems(form, shown);
}

/** The messages box of the row a problem is shown on, when the form has that row. */
function rowBox(rowKey: string | undefined): HTMLElement | null {
  return rowKey ? app.querySelector<HTMLElement>(`.messages[data-row="${CSS.escape(rowKey)}"]`) : null;
}

/** The Problems section: the problems no row shows, and the counts of all of them, as the Problems panel's. */
function updateProblems(form: RequestForm, shown: FormProblem[]): void {
  const list = document.getElementById('problems');
  if (!list) return;
  const focus = captureFocus();
  const general = shown
    .map((problem, index) => ({ problem, index }))
    .filter(({ problem }) => !rowBox(problemRowKey(problem.target)));
  const items = general.map(({ problem: f, index }) => {
    const { icon, name } = severityLabel(f.severity);
    return h('li', {}, [
      h(
        'button',
        {
          type: 'button',
          class: `finding ${f.severity}`,
          'data-key': `finding:${index}`,
          'data-finding': String(index),
        },
        [
          h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
          hidden(`${name}: `),
          h('span', { class: 'where', text: `Line ${f.range.line}` }),
          hidden(': '),
          h('span', { class: 'text', text: f.message }),
          f.source ? h('span', { class: 'source', text: ` ${f.source}${f.code ? `(${f.code})` : ''}` }) : null,
        ],
      ),
      fixButtons(f),
    ]);
  });
  list.replaceChildren(...items);
  const none = document.getElementById('no-problems');
  if (none) none.hidden = shown.length > 0;
  const elsewhere = shown.length - items.length;
  const onRows = document.getElementById('on-rows');
  if (onRows) {
    onRows.hidden = elsewhere === 0;
    onRows.textContent = `${elsewhere} shown on ${elsewhere === 1 ? 'its row' : 'their rows'} above.`;
  }
  const count = document.getElementById('problem-count');
  if (count) count.textContent = shown.length > 0 ? `(${shown.length})` : '';
  const summary = document.getElementById('summary');
  if (summary) {
    const { text, ok } = problemSummary(
      form,
      problems ? problemCounts : '',
      shown.some((p) => p.severity === 'error'),
    );
    summary.textContent = text;
    summary.className = `summary ${ok ? 'ok' : 'failing'}`;
  }
  if (focus && focus.key && focus.key.startsWith('finding:')) restoreFocus(focus);
}

// --- events --------------------------------------------------------------------------------------------------

/** The edit a row's inputs describe now. */
function currentRowEdit(rowKey: string): FormEdit | undefined {
  const input = byKey(rowKey);
  if (!(input instanceof HTMLInputElement)) return undefined;
  const select = rowKey.startsWith('san:') ? byKey(`san-type:${rowKey.slice('san:'.length)}`) : null;
  return rowEdit(rowKey, input.value, select instanceof HTMLSelectElement ? select.value : undefined);
}

function flush(rowKey: string): void {
  const timer = timers.get(rowKey);
  if (timer === undefined) return;
  clearTimeout(timer);
  timers.delete(rowKey);
  const edit = currentRowEdit(rowKey);
  if (edit) send(rowKey, edit);
}

function add(kind: 'field' | 'san'): void {
  const type = (byKey(`add-${kind}-type`) as HTMLSelectElement).value;
  const input = byKey(`add-${kind}-value`) as HTMLInputElement;
  const value = input.value;
  const result = addEdit(kind, type, value);
  if ('refused' in result) {
    editErrors.set(`add-${kind}`, result.refused);
    if (current) update(current.form);
    input.focus();
    return;
  }
  added.set(`add-${kind}`, value);
  send(`add-${kind}`, result.edit);
}

function keyOf(event: Event): string {
  return event.target instanceof HTMLElement ? event.target.dataset.key || '' : '';
}

app.addEventListener('input', (event) => {
  const key = keyOf(event);
  if (!(key.startsWith('field:') || key.startsWith('san:'))) return;
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => flush(key), TYPING_DELAY_MS),
  );
});

app.addEventListener('focusout', (event) => {
  const key = keyOf(event);
  if (timers.has(key)) flush(key);
});

app.addEventListener('change', (event) => {
  const key = keyOf(event);
  if (key.startsWith('san-type:')) {
    const rowKey = `san:${key.slice('san-type:'.length)}`;
    clearTimeout(timers.get(rowKey));
    timers.delete(rowKey);
    const edit = currentRowEdit(rowKey);
    if (edit) send(rowKey, edit);
  } else if (key === 'bits' && event.target instanceof HTMLSelectElement) {
    const bits = keySizeOf(event.target.value);
    if (bits !== undefined) send('bits', { kind: 'set-bits', bits });
  }
});

app.addEventListener('keydown', (event) => {
  const key = keyOf(event);
  if (event.key === 'Enter' && (key === 'add-field-value' || key === 'add-san-value')) {
    event.preventDefault();
    add(key === 'add-field-value' ? 'field' : 'san');
  } else if (event.key === 'Enter' && timers.has(key)) {
    flush(key);
  }
});

app.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button || !app.contains(button)) return;
  const key = button.dataset.key || '';
  if (key === 'open-text') post({ type: 'open-text' });
  else if (key === 'add-field') add('field');
  else if (key === 'add-san') add('san');
  else if (key.startsWith('field-remove:')) {
    const id = key.slice('field-remove:'.length);
    send(`field:${id}`, { kind: 'remove-field', id });
    announce(`Removed subject field ${id}.`);
  } else if (key.startsWith('san-remove:')) {
    const id = key.slice('san-remove:'.length);
    send(`san:${id}`, { kind: 'remove-san', id });
    announce('Removed the name.');
  } else if (key.startsWith('finding:') && current) {
    const problem = formProblems(current.form, problems)[Number(button.dataset.finding)];
    if (problem) post({ type: 'reveal', range: problem.range });
  } else if (key.startsWith('fix:')) {
    post({ type: 'fix', id: button.dataset.fix || '' });
  }
});

post({ type: 'ready' });
