// Quick fixes for a request config that drifted from the certificate it renews, as form edits: the form
// editor's code writes them in OpenSSL's syntax, so a value comes back from openssl exactly as it was.
import {
  FORM_FIELD_TYPES,
  FORM_SAN_TYPES,
  FormEdit,
  FormFieldType,
  FormSanType,
  RequestForm,
} from '../opensslConfig/requestConfigForm';
import { CompareFinding } from './compareFinding';

export interface CompareFix {
  title: string;
  edits: FormEdit[];
}

function isFieldType(type: string): type is FormFieldType {
  return (FORM_FIELD_TYPES as readonly string[]).includes(type);
}

function isSanType(type: string): type is FormSanType {
  return (FORM_SAN_TYPES as readonly string[]).includes(type);
}

/** The fix for one finding, or undefined when the form cannot express it (an unusual attribute type). */
export function compareFix(finding: CompareFinding, form: RequestForm, oldName: string): CompareFix | undefined {
  if (finding.code === 'subject-mismatch' && finding.attribute) {
    const attribute = finding.attribute;
    const field = form.fields.find((f) => f.type === attribute && !f.readOnly);
    const difference = finding.data?.difference;
    if (difference === 'extra' && field) {
      return { title: `Remove ${attribute} (${oldName} has none)`, edits: [{ kind: 'remove-field', id: field.id }] };
    }
    if (finding.oldValue === undefined) return undefined;
    if (field && difference !== 'missing') {
      return {
        title: `Set ${attribute} to '${finding.oldValue}' as in ${oldName}`,
        edits: [{ kind: 'set-field', id: field.id, value: finding.oldValue }],
      };
    }
    if (isFieldType(attribute) && !form.fieldsReadOnly) {
      return {
        title: `Add ${attribute} = '${finding.oldValue}' as in ${oldName}`,
        edits: [{ kind: 'add-field', type: attribute, value: finding.oldValue }],
      };
    }
    return undefined;
  }
  if (finding.code === 'san-removed' && finding.san && isSanType(finding.san.type) && !form.san.readOnly) {
    return {
      title: `Add ${finding.san.type}:${finding.san.value} from ${oldName}`,
      edits: [{ kind: 'add-san', type: finding.san.type, value: finding.san.value }],
    };
  }
  return undefined;
}

/** One fix that adds every SAN the old certificate has and the config lacks. */
export function addAllMissingSans(
  findings: CompareFinding[],
  form: RequestForm,
  oldName: string,
): CompareFix | undefined {
  const edits = findings
    .map((f) => (f.code === 'san-removed' ? compareFix(f, form, oldName) : undefined))
    .flatMap((fix) => fix?.edits ?? []);
  return edits.length > 1 ? { title: `Add all ${edits.length} missing SANs from ${oldName}`, edits } : undefined;
}
