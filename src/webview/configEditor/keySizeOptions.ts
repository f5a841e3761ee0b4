import type { FormKeySizeSetting } from '../../core/opensslConfig/requestForm';
import type { FormKeySize } from '../../core/opensslConfig/requestFormVocabulary';
import { FORM_KEY_SIZES, PROVIDER_KEY_SIZE } from '../../core/opensslConfig/requestFormVocabulary';

export interface SelectOption {
  value: string;
  text: string;
  disabled?: boolean;
}

function isOffered(bits: number | undefined): boolean {
  return (FORM_KEY_SIZES as readonly (number | undefined)[]).includes(bits);
}

/** The key size select's options: an empty first one stands for "not set" or a size the form does not offer. */
export function keySizeOptions(bits: FormKeySizeSetting): SelectOption[] {
  const options: SelectOption[] = [];
  if (bits.written === undefined)
    options.push({ value: '', text: `Not set (OpenSSL makes ${PROVIDER_KEY_SIZE} bits)` });
  else if (!isOffered(bits.value)) options.push({ value: '', text: `${bits.written} (as written)` });
  for (const size of FORM_KEY_SIZES)
    options.push({ value: String(size), text: `${size} bits${size === PROVIDER_KEY_SIZE ? ' (provider)' : ''}` });
  return options;
}

/** The option the select shows for the setting. */
export function selectedKeySize(bits: FormKeySizeSetting): string {
  return isOffered(bits.value) && bits.written !== undefined ? String(bits.value) : '';
}

/** The key size a select value stands for, when it is one the form offers (the empty option is none). */
export function keySizeOf(value: string): FormKeySize | undefined {
  return FORM_KEY_SIZES.find((size) => String(size) === value);
}
