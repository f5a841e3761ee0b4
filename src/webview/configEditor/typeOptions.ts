import { FORM_FIELD_NAMES, FORM_FIELD_TYPES, FORM_SAN_TYPES } from '../../core/opensslConfig/requestFormVocabulary';
import type { FormFieldType, FormSanType } from '../../core/opensslConfig/requestFormVocabulary';
import type { SelectOption } from './keySizeOptions';

export function isFormFieldType(type: string): type is FormFieldType {
  return (FORM_FIELD_TYPES as readonly string[]).includes(type);
}

export function isFormSanType(type: string): type is FormSanType {
  return (FORM_SAN_TYPES as readonly string[]).includes(type);
}

/** A SAN row's type select: the offered types, after the row's own type when the form does not offer it (kept, not choosable). */
export function sanTypeOptions(rowType: string): SelectOption[] {
  const types = isFormSanType(rowType) ? [...FORM_SAN_TYPES] : [rowType, ...FORM_SAN_TYPES];
  return types.map((t) => ({ value: t, text: isFormSanType(t) ? t : `${t} (kept)`, disabled: !isFormSanType(t) }));
}

/** The type select of an add row. */
export function addTypeOptions(kind: 'field' | 'san'): SelectOption[] {
  return kind === 'field'
    ? FORM_FIELD_TYPES.map((t) => ({ value: t, text: `${t} (${FORM_FIELD_NAMES[t]})` }))
    : FORM_SAN_TYPES.map((t) => ({ value: t, text: t }));
}

/** The long name of a field type, when the form knows one. */
export function fieldLongName(type: string): string | undefined {
  return isFormFieldType(type) ? FORM_FIELD_NAMES[type] : undefined;
}
