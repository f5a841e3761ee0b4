import type { RequestForm } from '../../core/opensslConfig/requestForm';

/**
 * What decides the page's elements (fields, rows, modes), not their values or findings: while it stays the same
 * the page updates values in place, so the input being typed in keeps its focus and caret.
 */
export function formStructure(form: RequestForm): string {
  return JSON.stringify([
    form.promptNo,
    form.distinguishedNameSection,
    form.fieldsReadOnly,
    form.fields.map((f) => [f.id, f.type, f.known, f.readOnly, f.valueFrom === 'none']),
    form.san.mode,
    form.san.section,
    form.san.extensionsSection,
    form.san.critical,
    form.san.readOnly,
    form.san.rows.map((r) => [r.id, r.type, r.known, r.readOnly]),
    form.bits.value,
    form.bits.written,
  ]);
}
