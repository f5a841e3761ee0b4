import type { FormEdit } from '../../core/opensslConfig/requestForm';
import { isFormFieldType, isFormSanType } from './typeOptions';

/**
 * The edit an add row makes, or why it makes none. An empty subject value is allowed (a prompted field without a
 * default), an empty name is not: openssl req refuses an empty SAN.
 */
export function addEdit(kind: 'field' | 'san', type: string, value: string): { edit: FormEdit } | { refused: string } {
  if (kind === 'field')
    return isFormFieldType(type)
      ? { edit: { kind: 'add-field', type, value } }
      : { refused: `${type} is not a field type the form offers.` };
  if (value.trim() === '') return { refused: 'Type the name first.' };
  return isFormSanType(type)
    ? { edit: { kind: 'add-san', type, value } }
    : { refused: `${type} is not a name type the form offers.` };
}
