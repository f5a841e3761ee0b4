import type { FormEdit } from '../../core/opensslConfig/requestForm';
import { isFormSanType } from './typeOptions';

/**
 * The edit a row's inputs describe: `rowKey` is the input's data-key (`field:ID`, `san:ID`), `value` its text and
 * `type` the SAN row's selected type. A type the form does not offer is left out, so the row keeps the one written.
 */
export function rowEdit(rowKey: string, value: string, type?: string): FormEdit | undefined {
  const [kind, ...rest] = rowKey.split(':');
  const id = rest.join(':');
  if (kind === 'field') return { kind: 'set-field', id, value };
  if (kind === 'san')
    return type !== undefined && isFormSanType(type)
      ? { kind: 'set-san', id, value, type }
      : { kind: 'set-san', id, value };
  return undefined;
}
