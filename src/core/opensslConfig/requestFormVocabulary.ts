// The words of the request-config form, shared by the core's form model and the page in the webview (which
// bundles it for the browser): so this module imports nothing, not even types, and holds data only.

/** Field types the form offers for a new subject field. */
export const FORM_FIELD_TYPES = ['C', 'ST', 'L', 'O', 'OU', 'CN', 'emailAddress'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** SAN types the form offers (others in the config are shown and kept, but not offered). */
export const FORM_SAN_TYPES = ['DNS', 'IP', 'email', 'URI'] as const;
export type FormSanType = (typeof FORM_SAN_TYPES)[number];

/** default_bits values the form offers; 2048 is the provider's. */
export const FORM_KEY_SIZES = [2048, 3072, 4096] as const;
export type FormKeySize = (typeof FORM_KEY_SIZES)[number];

/** The key size the provider's guide prescribes. */
export const PROVIDER_KEY_SIZE: FormKeySize = 2048;

/** What the form calls each offered field type. */
export const FORM_FIELD_NAMES: Readonly<Record<FormFieldType, string>> = {
  C: 'Country',
  ST: 'State or province',
  L: 'Locality',
  O: 'Organization',
  OU: 'Organizational unit',
  CN: 'Common name',
  emailAddress: 'E-mail address',
};
