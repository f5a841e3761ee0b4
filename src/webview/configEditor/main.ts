// The request-config form in its webview. It draws what ConfigEditor sends ({type:'form'}) and sends form edits
// back ({type:'edit'}); the document is the only state. While the structure (fields, rows) stays the same, values
// and problems are updated in place, so the input being typed in keeps its focus and caret.
// Messages: see src/vscode/opensslConfig/configEditorMessage.ts.
// @ts-check
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  const FIELD_TYPES = ['C', 'ST', 'L', 'O', 'OU', 'CN', 'emailAddress'];
  const FIELD_NAMES = {
    C: 'Country', ST: 'State or province', L: 'Locality', O: 'Organization', OU: 'Organizational unit',
    CN: 'Common name', emailAddress: 'E-mail address',
  };
  const SAN_TYPES = ['DNS', 'IP', 'email', 'URI'];
  const KEY_SIZES = [2048, 3072, 4096];
  const TYPING_DELAY_MS = 200;
  const SEVERITY = { error: ['⊗', 'Error'], warning: ['⚠', 'Warning'], info: ['ⓘ', 'Info'] };

  /** @type {any} the last form message */
  let current = null;
  let structure = '';
  /** Row keys with a typed value not sent yet. @type {Map<string, ReturnType<typeof setTimeout>>} */
  const timers = new Map();
  /** Row keys with an edit sent and not answered yet. @type {Set<string>} */
  const inflight = new Set();
  /** Row keys whose last edit failed, with the reason. @type {Map<string, string>} */
  const editErrors = new Map();
  /** The value last sent from each row, shown again while that edit stands refused. @type {Map<string, string>} */
  const sentValues = new Map();
  /** What an add row sent, cleared from its input once the edit is made. @type {Map<string, string>} */
  const added = new Map();

  // --- small DOM helpers -------------------------------------------------------------------------------------

  /**
   * @param {string} tag
   * @param {Record<string, any>} [props]
   * @param {Array<Node | string | null | undefined | false>} [children]
   */
  function h(tag, props, children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name === 'text') el.textContent = value;
      else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for' || name === 'role') el.setAttribute(name, String(value));
      else /** @type {any} */ (el)[name] = value;
    }
    for (const child of children || []) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child);
    }
    return el;
  }

  /** @param {string} key */
  function byKey(key) {
    return /** @type {HTMLElement | null} */ (app.querySelector(`[data-key="${CSS.escape(key)}"]`));
  }

  /** @param {string} text */
  function announce(text) {
    const status = document.getElementById('status');
    if (status) status.textContent = text;
  }

  function hidden(text) {
    return h('span', { class: 'visually-hidden', text });
  }

  // --- messages ----------------------------------------------------------------------------------------------

  /** @param {string} key @param {any} edit */
  function send(key, edit) {
    inflight.add(key);
    editErrors.delete(key);
    if (typeof edit.value === 'string') sentValues.set(key, edit.value);
    else sentValues.delete(key);
    vscode.postMessage({ type: 'edit', key, edit });
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'form') {
      current = message;
      render();
    } else if (message.type === 'edit-result') {
      inflight.delete(message.key);
      const sent = added.get(message.key);
      added.delete(message.key);
      if (message.ok && sent !== undefined) {
        const input = /** @type {HTMLInputElement | null} */ (byKey(`${message.key}-value`));
        if (input && input.value === sent) input.value = '';
        announce(`Added ${sent || 'an empty field'}.`);
      }
      if (!message.ok) {
        editErrors.set(message.key, message.message || 'The change could not be made.');
        announce(`Not changed: ${message.message || ''}`);
      }
      if (current) update(current.form);
    }
  });

  // --- rendering ---------------------------------------------------------------------------------------------

  function structureOf(form) {
    return JSON.stringify([
      form.promptNo, form.distinguishedNameSection, form.fieldsReadOnly,
      form.fields.map((f) => [f.id, f.type, f.known, f.readOnly, f.valueFrom === 'none']),
      form.san.mode, form.san.section, form.san.extensionsSection, form.san.critical, form.san.readOnly,
      form.san.rows.map((r) => [r.id, r.type, r.known, r.readOnly]),
      form.bits.value, form.bits.written,
    ]);
  }

  function render() {
    const form = current.form;
    const next = structureOf(form);
    if (next !== structure) {
      const focus = captureFocus();
      app.replaceChildren(...build(form));
      app.removeAttribute('aria-busy');
      structure = next;
      update(form);
      restoreFocus(focus);
    } else {
      update(form);
    }
  }

  function captureFocus() {
    const el = /** @type {any} */ (document.activeElement);
    if (!el || !app.contains(el)) return null;
    const text = el.tagName === 'INPUT';
    return {
      key: el.dataset.key, pos: el.dataset.pos,
      start: text ? el.selectionStart : null, end: text ? el.selectionEnd : null,
    };
  }

  function restoreFocus(focus) {
    if (!focus) return;
    let el = focus.key ? byKey(focus.key) : null;
    if (!el && focus.pos) {
      // The row went away or was renamed: the same place, else the row before, else the section's add controls.
      const [kind, index, part] = focus.pos.split(':');
      el = app.querySelector(`[data-pos="${kind}:${index}:${part}"]`)
        || app.querySelector(`[data-pos="${kind}:${Number(index) - 1}:${part}"]`)
        || byKey(kind === 'field' ? 'add-field-type' : kind === 'san' ? 'add-san-type' : 'open-text');
    }
    if (!el) return;
    el.focus();
    if (el instanceof HTMLInputElement && focus.start !== null && el.dataset.key === focus.key) {
      el.setSelectionRange(Math.min(focus.start, el.value.length), Math.min(focus.end, el.value.length));
    }
  }

  function build(form) {
    const fileName = current.fileName;
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
        h('ul', { class: 'problems', id: 'problems' }),
        h('p', { class: 'hint', id: 'no-problems', text: 'No problems: openssl req -new -batch accepts this config.' }),
      ]),
    ];
  }

  function buildSubject(form) {
    const mode = form.promptNo
      ? 'prompt = no: each field\'s value goes into the request as written.'
      : 'Prompted fields: openssl req -batch answers each with its _default value; a field left empty is left out of the subject.';
    const rows = form.fields.map((field, index) => {
      const id = `field-${index}`;
      const longName = FIELD_NAMES[field.type];
      return h('div', { class: 'row field-row', role: 'group', 'aria-labelledby': `${id}-label` }, [
        h('label', { for: id, id: `${id}-label`, class: 'field-label' }, [
          h('span', { class: 'type', text: field.type }),
          longName ? h('span', { class: 'long', text: longName }) : null,
          field.id !== field.type ? h('span', { class: 'entry', text: field.id }) : null,
        ]),
        h('input', {
          type: 'text', id, spellcheck: false, autocomplete: 'off',
          'data-key': `field:${field.id}`, 'data-pos': `field:${index}:value`, 'data-field': field.id,
          readOnly: Boolean(field.readOnly),
          placeholder: field.valueFrom === 'none' ? 'no _default: left out' : '',
        }),
        h('button', {
          type: 'button', class: 'icon remove', text: '✕', disabled: Boolean(field.readOnly),
          'data-key': `field-remove:${field.id}`, 'data-pos': `field:${index}:remove`, 'data-field': field.id,
        }),
        h('div', { class: 'messages', id: `${id}-msg` }),
      ]);
    });
    return h('section', { class: 'group', 'aria-labelledby': 'subject-heading' }, [
      h('h2', { id: 'subject-heading' }, ['Subject', form.distinguishedNameSection ? h('span', { class: 'section', text: `[ ${form.distinguishedNameSection} ]` }) : null]),
      h('p', { class: 'hint', text: mode }),
      form.fields.length === 0 ? h('p', { class: 'hint', text: 'No subject fields yet.' }) : null,
      h('div', { class: 'rows' }, rows),
      form.fieldsReadOnly ? h('p', { class: 'hint', text: form.fieldsReadOnly }) : buildAddRow('field', FIELD_TYPES, 'Add field', 'New field type', 'New field value'),
      h('div', { class: 'messages', id: 'add-field-msg' }),
    ]);
  }

  function buildSans(form) {
    const san = form.san;
    const hint = san.mode === 'section'
      ? `Names from the section [ ${san.section} ]${san.critical ? ' (critical)' : ''}.`
      : san.mode === 'inline'
        ? `Names written inline (subjectAltName = TYPE:value, …)${san.critical ? ', critical' : ''}. A name there cannot hold a comma or begin or end with a blank.`
        : san.extensionsSection
          ? `No subjectAltName yet: adding a name adds subjectAltName = @alt_names to [ ${san.extensionsSection} ].`
          : 'No subjectAltName yet: adding a name adds req_extensions = req_ext, [ req_ext ] and [ alt_names ].';
    const rows = san.rows.map((row, index) => {
      const id = `san-${index}`;
      const types = SAN_TYPES.includes(row.type) ? SAN_TYPES : [row.type, ...SAN_TYPES];
      return h('div', { class: 'row san-row', role: 'group', 'aria-label': `Name ${index + 1}` }, [
        h('label', { for: `${id}-type`, class: 'visually-hidden', text: `Type of name ${index + 1}` }),
        h('select', {
          id: `${id}-type`, disabled: Boolean(row.readOnly),
          'data-key': `san-type:${row.id}`, 'data-pos': `san:${index}:type`, 'data-san': row.id,
        }, types.map((t) => h('option', { value: t, text: SAN_TYPES.includes(t) ? t : `${t} (kept)`, disabled: !SAN_TYPES.includes(t) }))),
        h('label', { for: id, class: 'visually-hidden', text: `Value of name ${index + 1}` }),
        h('input', {
          type: 'text', id, spellcheck: false, autocomplete: 'off', readOnly: Boolean(row.readOnly),
          'data-key': `san:${row.id}`, 'data-pos': `san:${index}:value`, 'data-san': row.id,
        }),
        h('button', {
          type: 'button', class: 'icon remove', text: '✕', disabled: Boolean(row.readOnly),
          'data-key': `san-remove:${row.id}`, 'data-pos': `san:${index}:remove`, 'data-san': row.id,
        }),
        h('div', { class: 'messages', id: `${id}-msg` }),
      ]);
    });
    return h('section', { class: 'group', 'aria-labelledby': 'san-heading' }, [
      h('h2', { id: 'san-heading' }, ['Subject alternative names', san.extensionsSection ? h('span', { class: 'section', text: `[ ${san.extensionsSection} ]` }) : null]),
      h('p', { class: 'hint', text: hint }),
      rows.length > 0 ? h('div', { class: 'row san-row header', 'aria-hidden': 'true' }, [h('span', { text: 'Type' }), h('span', { text: 'Value' })]) : null,
      h('div', { class: 'rows' }, rows),
      h('div', { class: 'messages', id: 'san-list-msg' }),
      san.readOnly ? h('p', { class: 'hint', text: san.readOnly }) : buildAddRow('san', SAN_TYPES, 'Add name', 'New name type', 'New name value'),
      h('div', { class: 'messages', id: 'add-san-msg' }),
    ]);
  }

  function buildAddRow(kind, types, buttonText, typeLabel, valueLabel) {
    return h('div', { class: `row add-row ${kind}-row` }, [
      h('label', { for: `add-${kind}-type`, class: 'visually-hidden', text: typeLabel }),
      h('select', { id: `add-${kind}-type`, 'data-key': `add-${kind}-type` },
        types.map((t) => h('option', { value: t, text: kind === 'field' && FIELD_NAMES[t] ? `${t} (${FIELD_NAMES[t]})` : t }))),
      h('label', { for: `add-${kind}-value`, class: 'visually-hidden', text: valueLabel }),
      h('input', { type: 'text', id: `add-${kind}-value`, 'data-key': `add-${kind}-value`, spellcheck: false, autocomplete: 'off', placeholder: 'value' }),
      h('button', { type: 'button', 'data-key': `add-${kind}`, text: buttonText }),
    ]);
  }

  function buildKeySize(form) {
    const bits = form.bits;
    const options = [];
    if (bits.written === undefined) options.push(h('option', { value: '', text: 'Not set (OpenSSL makes 2048 bits)' }));
    else if (!KEY_SIZES.includes(bits.value)) options.push(h('option', { value: '', text: `${bits.written} (as written)` }));
    for (const size of KEY_SIZES) options.push(h('option', { value: String(size), text: `${size} bits${size === 2048 ? ' (provider)' : ''}` }));
    return h('section', { class: 'group', 'aria-labelledby': 'key-heading' }, [
      h('h2', { id: 'key-heading', text: 'Key' }),
      h('div', { class: 'row key-row' }, [
        h('label', { for: 'bits', text: 'Key size (default_bits)' }),
        h('select', { id: 'bits', 'data-key': 'bits' }, options),
        h('div', { class: 'messages', id: 'bits-msg' }),
      ]),
    ]);
  }

  // --- in-place updates ----------------------------------------------------------------------------------------

  /**
   * Sets a value unless the user's own typing for it is still on its way, or was refused (it stays, with the
   * reason, until the user changes it); keeps the caret.
   */
  function setValue(el, value, rowKey) {
    if (!el || timers.has(rowKey) || inflight.has(rowKey)) return;
    if (editErrors.has(rowKey)) {
      if (!(el instanceof HTMLInputElement) || !sentValues.has(rowKey)) return;
      value = /** @type {string} */ (sentValues.get(rowKey));
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
  function showMessages(messagesId, inputs, findings, rowKey) {
    const box = document.getElementById(messagesId);
    if (!box) return;
    const items = findings.map((f) => messageLine(f.severity, f.message, f.line));
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

  function messageLine(severity, message, line) {
    const [icon, name] = SEVERITY[severity] || SEVERITY.info;
    return h('p', { class: `message ${severity}` }, [
      h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
      hidden(`${name}: `),
      line ? h('span', { class: 'where', text: `Line ${line}: ` }) : null,
      message,
    ]);
  }

  function update(form) {
    form.fields.forEach((field, index) => {
      const key = `field:${field.id}`;
      const input = byKey(key);
      setValue(input, field.value, key);
      const remove = byKey(`field-remove:${field.id}`);
      if (remove) remove.setAttribute('aria-label', `Remove subject field ${field.type}${field.value ? ` (${field.value})` : ''}`);
      showMessages(`field-${index}-msg`, [input], field.findings, key);
    });
    form.san.rows.forEach((row, index) => {
      const key = `san:${row.id}`;
      const input = byKey(key);
      const select = byKey(`san-type:${row.id}`);
      setValue(input, row.value, key);
      setValue(select, row.type, key);
      const remove = byKey(`san-remove:${row.id}`);
      if (remove) remove.setAttribute('aria-label', `Remove name ${index + 1}, ${row.type} ${row.value}`);
      showMessages(`san-${index}-msg`, [input], row.findings, key);
    });
    showMessages('san-list-msg', [], form.san.findings, null);
    showMessages('add-field-msg', [byKey('add-field-value')], [], 'add-field');
    showMessages('add-san-msg', [byKey('add-san-value')], [], 'add-san');
    const bits = /** @type {HTMLSelectElement | null} */ (byKey('bits'));
    setValue(bits, KEY_SIZES.includes(form.bits.value) && form.bits.written !== undefined ? String(form.bits.value) : '', 'bits');
    showMessages('bits-msg', [bits], form.bits.findings, 'bits');
    updateProblems(form);
  }

  function updateProblems(form) {
    const list = document.getElementById('problems');
    if (!list) return;
    const focus = captureFocus();
    const counts = { error: 0, warning: 0, info: 0 };
    const items = form.findings.map((f, index) => {
      counts[f.severity] = (counts[f.severity] || 0) + 1;
      const [icon, name] = SEVERITY[f.severity] || SEVERITY.info;
      return h('li', {}, [
        h('button', { type: 'button', class: `finding ${f.severity}`, 'data-key': `finding:${index}`, 'data-finding': String(index), disabled: f.line === undefined }, [
          h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
          hidden(`${name}: `),
          h('span', { class: 'where', text: f.line !== undefined ? `Line ${f.line}` : 'File' }),
          hidden(': '),
          h('span', { class: 'text', text: f.message }),
        ]),
      ]);
    });
    list.replaceChildren(...items);
    const none = document.getElementById('no-problems');
    if (none) none.hidden = items.length > 0;
    const count = document.getElementById('problem-count');
    if (count) count.textContent = items.length > 0 ? `(${items.length})` : '';
    const summary = document.getElementById('summary');
    if (summary) {
      summary.textContent = form.ok
        ? `openssl req -new -batch accepts this config${counts.warning ? `; ${counts.warning} warning${counts.warning > 1 ? 's' : ''}` : ''}.`
        : `openssl req -new -batch fails on this config: ${counts.error} error${counts.error === 1 ? '' : 's'}.`;
      summary.className = `summary ${form.ok ? 'ok' : 'failing'}`;
    }
    if (focus && focus.key && focus.key.startsWith('finding:')) restoreFocus(focus);
  }

  // --- events --------------------------------------------------------------------------------------------------

  /** The edit a row's inputs describe now. @param {string} rowKey */
  function rowEdit(rowKey) {
    const [kind, ...rest] = rowKey.split(':');
    const id = rest.join(':');
    if (kind === 'field') {
      const input = /** @type {HTMLInputElement | null} */ (byKey(rowKey));
      return input ? { kind: 'set-field', id, value: input.value } : null;
    }
    if (kind === 'san') {
      const input = /** @type {HTMLInputElement | null} */ (byKey(rowKey));
      const select = /** @type {HTMLSelectElement | null} */ (byKey(`san-type:${id}`));
      if (!input) return null;
      const edit = { kind: 'set-san', id, value: input.value };
      if (select && SAN_TYPES.includes(select.value)) edit.type = select.value;
      return edit;
    }
    return null;
  }

  /** @param {string} rowKey */
  function flush(rowKey) {
    const timer = timers.get(rowKey);
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(rowKey);
    const edit = rowEdit(rowKey);
    if (edit) send(rowKey, edit);
  }

  function add(kind) {
    const type = /** @type {HTMLSelectElement} */ (byKey(`add-${kind}-type`)).value;
    const input = /** @type {HTMLInputElement} */ (byKey(`add-${kind}-value`));
    const value = input.value;
    if (kind === 'san' && value.trim() === '') {
      editErrors.set('add-san', 'Type the name first.');
      if (current) update(current.form);
      input.focus();
      return;
    }
    added.set(`add-${kind}`, value);
    send(`add-${kind}`, { kind: kind === 'field' ? 'add-field' : 'add-san', type, value });
  }

  app.addEventListener('input', (event) => {
    const el = /** @type {HTMLElement} */ (event.target);
    const key = el.dataset.key || '';
    if (!(key.startsWith('field:') || key.startsWith('san:'))) return;
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => flush(key), TYPING_DELAY_MS));
  });

  app.addEventListener('focusout', (event) => {
    const key = /** @type {HTMLElement} */ (event.target).dataset.key || '';
    if (timers.has(key)) flush(key);
  });

  app.addEventListener('change', (event) => {
    const el = /** @type {HTMLSelectElement} */ (event.target);
    const key = el.dataset.key || '';
    if (key.startsWith('san-type:')) {
      const rowKey = `san:${key.slice('san-type:'.length)}`;
      clearTimeout(timers.get(rowKey));
      timers.delete(rowKey);
      const edit = rowEdit(rowKey);
      if (edit) send(rowKey, edit);
    } else if (key === 'bits' && el.value !== '') {
      send('bits', { kind: 'set-bits', bits: Number(el.value) });
    }
  });

  app.addEventListener('keydown', (event) => {
    const el = /** @type {HTMLElement} */ (event.target);
    const key = el.dataset.key || '';
    if (event.key === 'Enter' && (key === 'add-field-value' || key === 'add-san-value')) {
      event.preventDefault();
      add(key === 'add-field-value' ? 'field' : 'san');
    } else if (event.key === 'Enter' && timers.has(key)) {
      flush(key);
    }
  });

  app.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button'));
    if (!button || !app.contains(button)) return;
    const key = button.dataset.key || '';
    if (key === 'open-text') vscode.postMessage({ type: 'open-text' });
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
      const finding = current.form.findings[Number(button.dataset.finding)];
      if (finding && finding.line !== undefined) {
        vscode.postMessage({
          type: 'reveal',
          range: { line: finding.line, column: finding.column || 1, endLine: finding.endLine || finding.line, endColumn: finding.endColumn || finding.column || 1 },
        });
      }
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
