// A request config seen as a form (subject fields, subject alternative names, key size, findings) and form edits
// turned back into text edits of the config. Reading goes through the same evaluation as the diagnostics
// (checkOpensslConfig), so the form shows what `openssl req -new -batch` makes of the file; writing escapes every
// value (encodeConfigValue) so that openssl reads back exactly what was typed.
import { applyTextEdits, TextEdit } from '../text/applyTextEdits';
import { fieldType } from './buildDistinguishedName';
import { ConfigFinding, SourceRange } from './configFinding';
import { ConfigValueError, encodeConfigValue } from './encodeConfigValue';
import { findConfigEntry, findConfigSection, shownSection } from './lookupConfigValue';
import { displayName, resolveObject } from '../x509/opensslObjects';
import { ConfigEntry, entryValueRange, ParsedConfig } from './parseOpensslConfig';
import { parseX509v3List } from './parseX509v3List';
import { subjectAltNameTypeOf } from './subjectAltNameTypes';
import { ConfigValidation } from './validateOpensslConfig';
import type { FormEdit, FormField, FormFinding, FormSanRow, FormTarget, RequestForm } from './requestForm';
import {
  FORM_FIELD_TYPES,
  FORM_KEY_SIZES,
  FORM_SAN_TYPES,
  FormFieldType,
  FormKeySize,
  FormSanType,
} from './requestFormVocabulary';
import { originOf, placeholder, shownValue, ValueOrigin } from './valueOrigin';

export type { TextEdit } from '../text/applyTextEdits';
export { applyTextEdits } from '../text/applyTextEdits';
export * from './requestFormVocabulary';
export type * from './requestForm';

export type FormEditErrorCode = 'unknown-field' | 'unknown-san' | 'read-only' | 'unrepresentable-value';

/** A form edit that cannot be made; `code` is stable, the message is for the user. */
export class FormEditError extends Error {
  constructor(
    readonly code: FormEditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FormEditError';
  }
}

/** Checks a value received from elsewhere (a webview message) before it is treated as a FormEdit. */
export function isFormEdit(value: unknown): value is FormEdit {
  if (!value || typeof value !== 'object') return false;
  const edit = value as Record<string, unknown>;
  const isString = (key: string) => typeof edit[key] === 'string';
  const oneOf = (list: readonly unknown[], key: string) => list.includes(edit[key]);
  switch (edit.kind) {
    case 'set-field':
      return isString('id') && isString('value');
    case 'add-field':
      return oneOf(FORM_FIELD_TYPES, 'type') && isString('value');
    case 'remove-field':
      return isString('id');
    case 'set-san':
      return isString('id') && isString('value') && (edit.type === undefined || oneOf(FORM_SAN_TYPES, 'type'));
    case 'add-san':
      return oneOf(FORM_SAN_TYPES, 'type') && isString('value');
    case 'remove-san':
      return isString('id');
    case 'set-bits':
      return oneOf(FORM_KEY_SIZES, 'bits');
    default:
      return false;
  }
}

const PROMPT_SUFFIXES = ['_default', '_value', '_min', '_max'];

/** The prompt texts openssl.cnf uses, for fields added to a prompted (`_default` style) section. */
const PROMPTS: Record<FormFieldType, string> = {
  C: 'Country Name (2 letter code)',
  ST: 'State or Province Name',
  L: 'Locality Name',
  O: 'Organization Name',
  OU: 'Organizational Unit Name',
  CN: 'Common Name',
  emailAddress: 'Email Address',
};

function isInMainText(entry: ConfigEntry | undefined): boolean {
  return entry !== undefined && entry.file === undefined;
}

function includedReason(entry: ConfigEntry): string {
  return `It comes from the included file ${entry.fileLabel ?? entry.file}; edit that file instead.`;
}

/** Why a value from the main text that takes text from elsewhere is not edited in the form. */
function originReason(origin: ValueOrigin): string {
  return `Its value comes ${placeholder(origin).slice(1, -1)} and is not shown; edit it in the text editor.`;
}

/** The name an entry is shown by: an included file's names are its text too. */
function shownEntryName(entry: ConfigEntry, known: string | undefined): string {
  return isInMainText(entry) ? entry.name : (known ?? placeholder(entry.origin ?? { files: [entry.fileLabel ?? ''] }));
}

// --- Reading ---------------------------------------------------------------------------------------------------

interface FieldModel {
  field: FormField;
  entry: ConfigEntry;
  valueEntry?: ConfigEntry;
}

interface SanModel {
  row: FormSanRow;
  /** Section mode: the row's entry. */
  entry?: ConfigEntry;
  /** Inline mode: the item's name and value as written in the list. */
  itemName?: string;
}

interface FormModel {
  form: RequestForm;
  validation: ConfigValidation;
  dnSection?: string;
  fields: Map<string, FieldModel>;
  sans: Map<string, SanModel>;
  sanEntry?: ConfigEntry;
  /** Section mode: the SAN section's real name (the form shows it as shownSection does). */
  sanSection?: string;
  /** Inline mode: the text before the list (`critical, `). */
  sanPrefix: string;
  bitsEntry?: ConfigEntry;
}

function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function readFields(model: FormModel): void {
  const { config, request } = model.validation;
  const name = request.distinguishedNameSection;
  if (name === undefined) return;
  model.dnSection = name;
  const section = findConfigSection(config, name);
  if (!section) return;
  const fieldEntries = request.promptNo
    ? section.entries
    : section.entries.filter((e) => !PROMPT_SUFFIXES.some((s) => e.name.endsWith(s)));
  let included = 0;
  for (const entry of fieldEntries) {
    const resolved = resolveObject(fieldType(entry.name).type);
    let valueEntry: ConfigEntry | undefined = entry;
    let valueFrom: FormField['valueFrom'] = 'field';
    if (!request.promptNo) {
      const own = findConfigEntry(config, name, `${entry.name}_value`);
      const fallback = findConfigEntry(config, name, `${entry.name}_default`);
      if (own && own.value !== '') {
        valueEntry = own;
        valueFrom = 'value';
      } else if (fallback) {
        valueEntry = fallback;
        valueFrom = 'default';
      } else {
        valueEntry = undefined;
        valueFrom = 'none';
      }
    }
    const field: FormField = {
      id: isInMainText(entry) ? entry.name : `included:${++included}`,
      type: isInMainText(entry)
        ? resolved
          ? displayName(resolved)
          : fieldType(entry.name).type
        : shownEntryName(entry, resolved ? displayName(resolved) : undefined),
      known: resolved?.object !== undefined,
      value: valueEntry ? shownValue(valueEntry) : '',
      valueFrom,
      range: entry.includedFrom ?? entry.range,
      findings: [],
    };
    if (valueEntry && isInMainText(valueEntry)) field.valueRange = valueEntry.valueRange;
    const foreign = [entry, valueEntry].find((e) => e !== undefined && !isInMainText(e));
    if (foreign) field.readOnly = includedReason(foreign);
    else if (valueEntry?.origin) field.readOnly = originReason(valueEntry.origin);
    model.fields.set(field.id, { field, entry, valueEntry });
    model.form.fields.push(field);
  }
  if (
    section.headers.length > 0 &&
    section.headers.every((h) => h.file !== undefined) &&
    !section.entries.some(isInMainText)
  ) {
    model.form.fieldsReadOnly = `[${shownDnSection(model)}] comes from an included file; edit that file instead.`;
  }
}

/** The distinguished_name section's name as the form shows it. */
function shownDnSection(model: FormModel): string {
  const { config, request } = model.validation;
  const pointer = findConfigEntry(config, request.section, 'distinguished_name');
  if (pointer?.origin) return shownValue(pointer);
  return shownSection(config, request.distinguishedNameSection ?? '');
}

function readSans(model: FormModel): void {
  const { config, request } = model.validation;
  const san = model.form.san;
  const extensions = request.requestExtensionsSection;
  if (extensions === undefined) return;
  const pointer = findConfigEntry(config, request.section, 'req_extensions');
  san.extensionsSection = pointer?.origin ? shownValue(pointer) : shownSection(config, extensions);
  const entry = findConfigSection(config, extensions)?.entries.find((e) => e.name === 'subjectAltName');
  if (!entry) return;
  model.sanEntry = entry;
  san.range = entry.includedFrom ?? entry.range;
  if (!isInMainText(entry)) san.readOnly = includedReason(entry);
  // The list is written back from the rows, which show such parts only by name: it is edited as text.
  else if (entry.origin) san.readOnly = originReason(entry.origin);
  let offset = 0;
  const value = entry.value;
  if (value.startsWith('critical,')) {
    san.critical = true;
    offset = 9;
    while (offset < value.length && isCSpace(value.charCodeAt(offset))) offset++;
  }
  model.sanPrefix = value.slice(0, offset);
  const rest = value.slice(offset);
  if (rest.startsWith('@')) {
    san.mode = 'section';
    const sectionName = rest.slice(1);
    model.sanSection = sectionName;
    san.section = originOf(entry.taint, offset + 1) ? shownValue(entry, offset + 1) : shownSection(config, sectionName);
    const section = findConfigSection(config, sectionName);
    let included = 0;
    for (const item of section?.entries ?? []) {
      const info = subjectAltNameTypeOf(item.name);
      const row: FormSanRow = {
        id: isInMainText(item) ? item.name : `included:${++included}`,
        type: info?.name ?? shownEntryName(item, undefined),
        known: info !== undefined,
        name: shownEntryName(item, info?.name),
        value: shownValue(item),
        range: item.includedFrom ?? item.range,
        findings: [],
      };
      if (isInMainText(item)) row.valueRange = item.valueRange;
      if (!isInMainText(item)) row.readOnly = includedReason(item);
      else if (item.origin) row.readOnly = originReason(item.origin);
      model.sans.set(row.id, { row, entry: item });
      san.rows.push(row);
    }
    return;
  }
  san.mode = 'inline';
  const parsed = parseX509v3List(rest);
  if ('error' in parsed) {
    san.readOnly ??= 'The subjectAltName list does not parse (see the problems below); fix it in the text editor.';
    return;
  }
  parsed.items.forEach((item, index) => {
    const info = subjectAltNameTypeOf(item.name);
    const start = offset + item.nameStart;
    const end = offset + (item.valueEnd ?? item.nameEnd);
    const shownName = shownValue(entry, offset + item.nameStart, offset + item.nameEnd);
    const row: FormSanRow = {
      id: `inline:${index}`,
      type: info?.name ?? shownName,
      known: info !== undefined,
      name: shownName,
      value:
        item.valueStart !== undefined
          ? shownValue(entry, offset + item.valueStart, offset + (item.valueEnd as number))
          : '',
      range: isInMainText(entry) ? entryValueRange(entry, start, end) : (san.range as SourceRange),
      findings: [],
    };
    if (isInMainText(entry) && item.valueStart !== undefined) {
      row.valueRange = entryValueRange(entry, offset + item.valueStart, offset + (item.valueEnd as number));
    }
    if (item.value === undefined)
      san.readOnly ??= `"${shownName}" has no value; fix the subjectAltName list in the text editor.`;
    model.sans.set(row.id, { row, itemName: item.name });
    san.rows.push(row);
  });
  if (san.readOnly) for (const row of san.rows) row.readOnly = san.readOnly;
}

function readBits(model: FormModel): void {
  const { config, request } = model.validation;
  const entry = findConfigEntry(config, request.section, 'default_bits');
  if (!entry) return;
  model.bitsEntry = entry;
  model.form.bits.written = shownValue(entry);
  model.form.bits.range = entry.includedFrom ?? entry.range;
  // A number read from hidden text would show it; the select then offers the sizes and "as written".
  if (request.defaultBits !== undefined && !entry.origin) model.form.bits.value = request.defaultBits;
}

function contains(range: SourceRange, line: number, column: number): boolean {
  if (line < range.line || line > range.endLine) return false;
  if (line === range.line && column < range.column) return false;
  if (line === range.endLine && column > range.endColumn) return false;
  return true;
}

interface Placement {
  range: SourceRange;
  target: FormTarget;
}

/** Where each part of the form is written, most specific first: a finding belongs to the first that holds its start. */
function placements(model: FormModel): Placement[] {
  const { config } = model.validation;
  const { san, bits } = model.form;
  const out: Placement[] = san.rows.map((row) => ({ range: row.range, target: { kind: 'san', id: row.id } }));
  if (san.range) out.push({ range: san.range, target: { kind: 'san-list' } });
  // Every line of a field: the field, its _default/_value/_min/_max lines, and superseded copies (duplicate-key).
  const fieldByName = new Map<string, string>();
  for (const { field, entry } of model.fields.values()) {
    out.push({ range: field.range, target: { kind: 'field', id: field.id } });
    fieldByName.set(entry.name, field.id);
    if (!model.form.promptNo) for (const suffix of PROMPT_SUFFIXES) fieldByName.set(`${entry.name}${suffix}`, field.id);
  }
  for (const entry of config.entries) {
    if (entry.file !== undefined) continue;
    const fieldId = entry.section === model.dnSection ? fieldByName.get(entry.name) : undefined;
    if (fieldId !== undefined) out.push({ range: entry.range, target: { kind: 'field', id: fieldId } });
    if (san.mode === 'section' && entry.section === model.sanSection && model.sans.has(entry.name)) {
      out.push({ range: entry.range, target: { kind: 'san', id: entry.name } });
    }
  }
  if (bits.range) out.push({ range: bits.range, target: { kind: 'bits' } });
  return out;
}

function placeFinding(places: readonly Placement[], finding: ConfigFinding): FormTarget | undefined {
  if (finding.line === undefined || finding.data?.file !== undefined) return undefined;
  const column = finding.column ?? 1;
  return places.find((p) => contains(p.range, finding.line as number, column))?.target;
}

function readModel(validation: ConfigValidation): FormModel {
  const { request } = validation;
  const form: RequestForm = {
    section: request.section,
    promptNo: request.promptNo,
    fields: [],
    san: { mode: 'none', critical: false, rows: [], findings: [] },
    bits: { findings: [] },
    findings: [],
    ok: request.ok,
  };
  const model: FormModel = { form, validation, fields: new Map(), sans: new Map(), sanPrefix: '' };
  if (request.distinguishedNameSection !== undefined) form.distinguishedNameSection = shownDnSection(model);
  readFields(model);
  readSans(model);
  readBits(model);
  const places = placements(model);
  for (const finding of validation.findings) {
    const placed: FormFinding = { ...finding };
    const section = finding.data?.section;
    if (
      finding.data?.file !== undefined ||
      (section !== undefined && findConfigSection(validation.config, section)?.nameOrigin)
    ) {
      // The names a finding inside an included file (or in a section only one names) is about are that file's
      // text, kept in the core only.
      const data = { ...finding.data };
      delete data.name;
      delete data.section;
      placed.data = data;
    }
    const target = placeFinding(places, finding);
    if (target) placed.target = target;
    form.findings.push(placed);
    if (!target) continue;
    switch (target.kind) {
      case 'field':
        model.fields.get(target.id)?.field.findings.push(placed);
        break;
      case 'san':
        model.sans.get(target.id)?.row.findings.push(placed);
        break;
      case 'san-list':
        form.san.findings.push(placed);
        break;
      case 'bits':
        form.bits.findings.push(placed);
        break;
    }
  }
  return model;
}

/** What the form editor shows for a checked config. */
export function readRequestForm(validation: ConfigValidation): RequestForm {
  return readModel(validation).form;
}

// --- Writing ---------------------------------------------------------------------------------------------------

/** Collects text edits against one text, with the line arithmetic they need. */
class TextEditor {
  readonly lines: string[];
  readonly eol: string;
  private readonly edits: TextEdit[] = [];
  /** Text to append at the end of the file, in order (new sections). */
  private readonly appended: string[] = [];

  constructor(readonly text: string) {
    this.lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  lineLength(line: number): number {
    return this.lines[line - 1]?.length ?? 0;
  }

  replace(range: SourceRange, newText: string): void {
    this.edits.push({ range, newText });
  }

  /** Inserts whole lines after `line` (0: before the first line). */
  insertLinesAfter(line: number, lines: string[]): void {
    const text = lines.join(this.eol);
    if (line === 0) {
      this.edits.push({ range: { line: 1, column: 1, endLine: 1, endColumn: 1 }, newText: text + this.eol });
      return;
    }
    const column = this.lineLength(line) + 1;
    this.edits.push({ range: { line, column, endLine: line, endColumn: column }, newText: this.eol + text });
  }

  /** Deletes whole lines, each block of adjacent ones in one edit, the line break with them. */
  deleteLines(lineNumbers: Iterable<number>): void {
    const sorted = [...new Set(lineNumbers)].sort((a, b) => a - b);
    const last = this.lines.length;
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      const from = sorted[i];
      const to = sorted[j];
      if (to < last) {
        this.edits.push({ range: { line: from, column: 1, endLine: to + 1, endColumn: 1 }, newText: '' });
      } else if (from > 1) {
        const previous = from - 1;
        this.edits.push({
          range: {
            line: previous,
            column: this.lineLength(previous) + 1,
            endLine: to,
            endColumn: this.lineLength(to) + 1,
          },
          newText: '',
        });
      } else {
        this.edits.push({
          range: { line: 1, column: 1, endLine: to, endColumn: this.lineLength(to) + 1 },
          newText: '',
        });
      }
      i = j + 1;
    }
  }

  /** Adds a section at the end of the file, after a blank line. */
  appendSection(name: string, lines: string[]): void {
    this.appended.push([`[ ${name} ]`, ...lines].join(this.eol));
  }

  /** The edits, with the appended sections as one insert at the end; inserts at one place merged in order. */
  result(): TextEdit[] {
    const edits = [...this.edits];
    if (this.appended.length > 0) {
      const lastLine = this.lines.length;
      const lastText = this.lines[lastLine - 1] ?? '';
      const endsWithEol = this.text.endsWith('\n');
      const previousBlank = endsWithEol ? (this.lines[lastLine - 2] ?? '').trim() === '' : lastText.trim() === '';
      let prefix = '';
      if (this.text.length > 0) {
        if (!endsWithEol) prefix += this.eol;
        if (!previousBlank) prefix += this.eol;
      }
      const body = prefix + this.appended.join(this.eol + this.eol) + this.eol;
      const column = lastText.length + 1;
      edits.push({ range: { line: lastLine, column, endLine: lastLine, endColumn: column }, newText: body });
    }
    const merged: TextEdit[] = [];
    const indexed = edits.map((edit, index) => ({ edit, index }));
    indexed.sort(
      (a, b) => a.edit.range.line - b.edit.range.line || a.edit.range.column - b.edit.range.column || a.index - b.index,
    );
    for (const { edit } of indexed) {
      const previous = merged[merged.length - 1];
      const isInsert = (e: TextEdit) => e.range.line === e.range.endLine && e.range.column === e.range.endColumn;
      if (
        previous &&
        isInsert(previous) &&
        isInsert(edit) &&
        previous.range.line === edit.range.line &&
        previous.range.column === edit.range.column
      ) {
        merged[merged.length - 1] = { range: previous.range, newText: previous.newText + edit.newText };
      } else {
        merged.push(edit);
      }
    }
    return merged;
  }
}

function encode(value: string): string {
  try {
    return encodeConfigValue(value);
  } catch (error) {
    if (error instanceof ConfigValueError) throw new FormEditError('unrepresentable-value', error.message);
    throw error;
  }
}

/** Replaces an entry's value, keeping `name = value` tidy when either side is empty. */
function replaceValue(editor: TextEditor, entry: ConfigEntry, encoded: string): void {
  const range = entry.valueRange;
  const line = editor.lines[range.line - 1] ?? '';
  const empty = range.line === range.endLine && range.column === range.endColumn;
  if (empty) {
    if (encoded === '') return;
    const before = line[range.column - 2];
    const after = line[range.column - 1];
    const text =
      (before === '=' ? ' ' : '') + encoded + (after !== undefined && after !== ' ' && after !== '\t' ? ' ' : '');
    editor.replace(range, text);
    return;
  }
  if (encoded === '') {
    // Take the blanks between `=` and the old value along, so that no trailing blank is left behind.
    let column = range.column;
    while (column > 1 && (line[column - 2] === ' ' || line[column - 2] === '\t')) column--;
    editor.replace({ ...range, column }, '');
    return;
  }
  editor.replace(range, encoded);
}

/** The last line of the main text that belongs to a section (an entry or a header), where a new entry can go. */
function sectionAnchor(config: ParsedConfig, section: string): number | undefined {
  let line = 0;
  for (const entry of config.entries) {
    // `other::name = value` lines sit in another section's text.
    if (entry.section === section && entry.file === undefined && !entry.explicitSection)
      line = Math.max(line, entry.range.endLine);
  }
  for (const header of findConfigSection(config, section)?.headers ?? []) {
    if (header.file === undefined) line = Math.max(line, header.range.endLine);
  }
  return line > 0 ? line : undefined;
}

/** Adds entry lines to a section: after its last line in the main text, else in a new `[ section ]` at the end. */
function addToSection(editor: TextEditor, config: ParsedConfig, section: string, lines: string[]): void {
  const anchor = sectionAnchor(config, section);
  if (anchor !== undefined) {
    // Indented like the entry it follows.
    const text = editor.lines[anchor - 1] ?? '';
    const indent = /^[ \t]*\[/.test(text) ? '' : (/^[ \t]*/.exec(text)?.[0] ?? '');
    editor.insertLinesAfter(
      anchor,
      lines.map((l) => indent + l),
    );
    return;
  }
  if (section === 'default') {
    editor.insertLinesAfter(0, lines);
    return;
  }
  editor.appendSection(section, lines);
}

function freeSectionName(config: ParsedConfig, base: string): string {
  // An existing but empty section (left behind when the last SAN was removed) is taken again.
  const free = (name: string) => (findConfigSection(config, name)?.entries.length ?? 0) === 0;
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}_${n}`)) return `${base}_${n}`;
}

/** Lines of all entries (main text, superseded ones too) of `section` whose name passes `match`. */
function entryLines(config: ParsedConfig, section: string, match: (name: string) => boolean): number[] {
  const lines: number[] = [];
  for (const entry of config.entries) {
    if (entry.section !== section || entry.file !== undefined || !match(entry.name)) continue;
    for (let line = entry.range.line; line <= entry.range.endLine; line++) lines.push(line);
  }
  return lines;
}

function fieldOf(model: FormModel, id: string): FieldModel {
  const found = model.fields.get(id);
  if (!found) throw new FormEditError('unknown-field', `There is no subject field "${id}" in the config any more.`);
  if (found.field.readOnly) throw new FormEditError('read-only', found.field.readOnly);
  return found;
}

function sanOf(model: FormModel, id: string): SanModel {
  const found = model.sans.get(id);
  if (!found)
    throw new FormEditError('unknown-san', `There is no subject alternative name "${id}" in the config any more.`);
  if (found.row.readOnly) throw new FormEditError('read-only', found.row.readOnly);
  return found;
}

/** A name for a new DN field of `type` that no entry of the section uses yet (`OU`, then `1.OU`, `2.OU`, ...). */
function freeFieldName(model: FormModel, type: string): string {
  const { config } = model.validation;
  const section = model.dnSection ? findConfigSection(config, model.dnSection) : undefined;
  const names = new Set((section?.entries ?? []).map((e) => e.name));
  const taken = (name: string) =>
    names.has(name) || (!model.form.promptNo && PROMPT_SUFFIXES.some((s) => names.has(`${name}${s}`)));
  if (!taken(type)) return type;
  for (let n = 1; ; n++) if (!taken(`${n}.${type}`)) return `${n}.${type}`;
}

/** The next `TYPE.N` no entry of the SAN section uses. */
function freeSanName(config: ParsedConfig, section: string | undefined, type: string, preferred?: string): string {
  const names = new Set((section ? (findConfigSection(config, section)?.entries ?? []) : []).map((e) => e.name));
  if (preferred !== undefined && !names.has(`${type}.${preferred}`)) return `${type}.${preferred}`;
  let next = 1;
  for (const name of names) {
    const match = /^(.*)\.(\d+)$/.exec(name);
    if (match && match[1] === type) next = Math.max(next, Number(match[2]) + 1);
  }
  while (names.has(`${type}.${next}`)) next++;
  return `${type}.${next}`;
}

function checkInlineValue(value: string): void {
  if (
    value === '' ||
    value.includes(',') ||
    /[\r\n]/.test(value) ||
    isCSpace(value.charCodeAt(0)) ||
    isCSpace(value.charCodeAt(value.length - 1))
  ) {
    throw new FormEditError(
      'unrepresentable-value',
      value === ''
        ? 'An inline subjectAltName list cannot hold an empty name.'
        : 'An inline subjectAltName list (DNS:a, IP:b) cannot hold a comma, a line break or blanks at either end of a name; write the names in a section (subjectAltName = @alt_names) for that.',
    );
  }
}

/** Rewrites an inline subjectAltName list from its items. */
function writeInline(editor: TextEditor, model: FormModel, items: Array<{ name: string; value: string }>): void {
  const entry = model.sanEntry as ConfigEntry;
  if (items.length === 0) {
    editor.deleteLines(entryLines(model.validation.config, entry.section, (name) => name === 'subjectAltName'));
    return;
  }
  replaceValue(editor, entry, encode(model.sanPrefix + items.map((i) => `${i.name}:${i.value}`).join(', ')));
}

function inlineItems(model: FormModel): Array<{ id: string; name: string; value: string }> {
  return model.form.san.rows.map((row) => ({
    id: row.id,
    name: model.sans.get(row.id)?.itemName ?? row.name,
    value: row.value,
  }));
}

function setField(editor: TextEditor, model: FormModel, id: string, value: string): void {
  const { entry, valueEntry } = fieldOf(model, id);
  const encoded = encode(value);
  if (valueEntry) {
    replaceValue(editor, valueEntry, encoded);
    return;
  }
  // A prompted field without a _default line: add one under the field.
  const prefix = entry.explicitSection ? `${entry.section}::` : '';
  const indent = (editor.lines[entry.range.line - 1] ?? '').match(/^[ \t]*/)?.[0] ?? '';
  editor.insertLinesAfter(entry.range.endLine, [`${indent}${prefix}${entry.name}_default = ${encoded}`.trimEnd()]);
}

function addField(editor: TextEditor, model: FormModel, type: FormFieldType, value: string): void {
  if (model.form.fieldsReadOnly) throw new FormEditError('read-only', model.form.fieldsReadOnly);
  const { config, request } = model.validation;
  const encoded = encode(value);
  let section = model.dnSection;
  if (section === undefined) {
    section = freeSectionName(config, 'dn');
    addToSection(editor, config, request.section, [`distinguished_name = ${section}`]);
  }
  const name = freeFieldName(model, type);
  const lines = model.form.promptNo
    ? [`${name} = ${encoded}`.trimEnd()]
    : [`${name} = ${encode(PROMPTS[type])}`, `${name}_default = ${encoded}`.trimEnd()];
  addToSection(editor, config, section, lines);
}

function removeField(editor: TextEditor, model: FormModel, id: string): void {
  const { entry } = fieldOf(model, id);
  const { config } = model.validation;
  const names = new Set([entry.name, ...(model.form.promptNo ? [] : PROMPT_SUFFIXES.map((s) => `${entry.name}${s}`))]);
  editor.deleteLines(entryLines(config, entry.section, (name) => names.has(name)));
}

function setSan(editor: TextEditor, model: FormModel, id: string, type: FormSanType | undefined, value: string): void {
  const { row, entry } = sanOf(model, id);
  const retype = type !== undefined && type !== row.type;
  if (model.form.san.mode === 'section' && entry) {
    if (retype) {
      const suffix = /\.(.+)$/.exec(entry.name)?.[1];
      const name = freeSanName(model.validation.config, model.sanSection, type, suffix);
      editor.replace(entry.nameRange, name);
    }
    replaceValue(editor, entry, encode(value));
    return;
  }
  checkInlineValue(value);
  writeInline(
    editor,
    model,
    inlineItems(model).map((item) => (item.id === id ? { name: retype ? type : item.name, value } : item)),
  );
}

function addSan(editor: TextEditor, model: FormModel, type: FormSanType, value: string): void {
  const { config, request } = model.validation;
  const san = model.form.san;
  if (san.readOnly) throw new FormEditError('read-only', san.readOnly);
  if (san.mode === 'inline') {
    checkInlineValue(value);
    writeInline(editor, model, [...inlineItems(model), { name: type, value }]);
    return;
  }
  const encoded = encode(value);
  if (san.mode === 'section') {
    const section = model.sanSection as string;
    addToSection(editor, config, section, [`${freeSanName(config, section, type)} = ${encoded}`.trimEnd()]);
    return;
  }
  // No subjectAltName yet: req_extensions -> [ req_ext ] subjectAltName = @alt_names -> [ alt_names ].
  let extensions = request.requestExtensionsSection;
  if (extensions === undefined) {
    extensions = freeSectionName(config, 'req_ext');
    addToSection(editor, config, request.section, [`req_extensions = ${extensions}`]);
  }
  const altNames = freeSectionName(config, 'alt_names');
  addToSection(editor, config, extensions, [`subjectAltName = @${altNames}`]);
  addToSection(editor, config, altNames, [`${type}.1 = ${encoded}`.trimEnd()]);
}

function removeSan(editor: TextEditor, model: FormModel, id: string): void {
  const { entry } = sanOf(model, id);
  const { config } = model.validation;
  const san = model.form.san;
  if (san.mode === 'section' && entry) {
    const lines = entryLines(config, entry.section, (name) => name === entry.name);
    // OpenSSL rejects an empty SAN section: removing the last name removes the subjectAltName line too.
    if (san.rows.length === 1 && model.sanEntry && isInMainText(model.sanEntry)) {
      lines.push(...entryLines(config, model.sanEntry.section, (name) => name === 'subjectAltName'));
    }
    editor.deleteLines(lines);
    return;
  }
  writeInline(
    editor,
    model,
    inlineItems(model).filter((item) => item.id !== id),
  );
}

function setBits(editor: TextEditor, model: FormModel, bits: FormKeySize): void {
  const entry = model.bitsEntry;
  if (entry && !isInMainText(entry)) throw new FormEditError('read-only', includedReason(entry));
  if (entry) {
    replaceValue(editor, entry, String(bits));
    return;
  }
  const { config, request } = model.validation;
  addToSection(editor, config, request.section, [`default_bits = ${bits}`]);
}

/**
 * The text edits (1-based ranges of `text`) that make one form edit. `validation` must be the check of `text`.
 * Throws FormEditError when the edit cannot be made.
 */
export function formEditToTextEdits(text: string, validation: ConfigValidation, edit: FormEdit): TextEdit[] {
  const model = readModel(validation);
  const editor = new TextEditor(text);
  switch (edit.kind) {
    case 'set-field':
      setField(editor, model, edit.id, edit.value);
      break;
    case 'add-field':
      addField(editor, model, edit.type, edit.value);
      break;
    case 'remove-field':
      removeField(editor, model, edit.id);
      break;
    case 'set-san':
      setSan(editor, model, edit.id, edit.type, edit.value);
      break;
    case 'add-san':
      addSan(editor, model, edit.type, edit.value);
      break;
    case 'remove-san':
      removeSan(editor, model, edit.id);
      break;
    case 'set-bits':
      setBits(editor, model, edit.bits);
      break;
  }
  return editor.result();
}

/** The text after a form edit (tests, and callers without an editor). */
export function applyFormEdit(text: string, validation: ConfigValidation, edit: FormEdit): string {
  return applyTextEdits(text, formEditToTextEdits(text, validation, edit));
}
