// The DN fields people write in a request config, with one-line meanings for completion and hover. OpenSSL
// accepts any object name it knows as a field (see opensslObjects.ts); these are the ones that make sense.
import { stringRuleFor } from './encodeNameString';
import { objectByShortName } from '../x509/opensslObjects';

export interface DnFieldInfo {
  /** OpenSSL's short name, as it prints the field. */
  shortName: string;
  longName: string;
  oid: string;
  meaning: string;
  /** Length limits in characters OpenSSL enforces (-1: none), and the string types it may choose. */
  minLength: number;
  maxLength: number;
  stringTypes: string[];
}

const MEANINGS: ReadonlyArray<[string, string]> = [
  ['C', 'Country: the two-letter ISO 3166 code (exactly 2 characters, PrintableString).'],
  ['ST', 'State or province, spelled out.'],
  ['L', 'Locality: the city.'],
  ['O', 'Organization: the legal name of the company. The provider requires it.'],
  ['OU', 'Organizational unit: the department or program. The provider requires it.'],
  [
    'CN',
    'Common name: the client or host name the certificate identifies (1 to 64 characters). The provider requires it.',
  ],
  ['emailAddress', 'E-mail address, in the subject (IA5String, up to 128 characters); SANs are the better place.'],
  ['serialNumber', 'A serial number of the subject (not of the certificate); PrintableString, up to 64 characters.'],
  ['street', 'Street address of the subject.'],
  ['postalCode', 'Postal code of the subject.'],
  ['title', 'Title or function of the person.'],
  ['GN', 'Given name of a person.'],
  ['SN', 'Surname of a person.'],
  ['initials', 'Initials of a person.'],
  ['pseudonym', 'Pseudonym of a person.'],
  ['generationQualifier', 'Generation qualifier such as "Jr.".'],
  ['name', 'A name (generic X.520 name attribute).'],
  ['dnQualifier', 'Qualifier that disambiguates otherwise identical names (PrintableString).'],
  ['description', 'Free-text description.'],
  ['businessCategory', 'Business category (used in EV certificates).'],
  ['organizationIdentifier', 'Organization identifier such as a VAT or LEI number.'],
  ['DC', 'Domain component: one DNS label (IA5String); repeat with 0.DC, 1.DC for several.'],
  ['UID', 'User identifier (LDAP userId).'],
  ['jurisdictionC', 'Jurisdiction country (EV certificates): two-letter code.'],
  ['jurisdictionST', 'Jurisdiction state or province (EV certificates).'],
  ['jurisdictionL', 'Jurisdiction locality (EV certificates).'],
  ['role', 'Role of the subject.'],
  ['unstructuredName', 'PKCS#9 unstructured name (usually a CSR attribute).'],
];

/** Attributes for the `attributes` section of a request. */
const ATTRIBUTE_MEANINGS: ReadonlyArray<[string, string]> = [
  [
    'challengePassword',
    'A password the CA may ask for to revoke the certificate; it travels in clear text in the CSR.',
  ],
  ['unstructuredName', 'An optional company name, sent as a CSR attribute.'],
  ['unstructuredAddress', 'An unstructured address, sent as a CSR attribute.'],
];

function build(list: ReadonlyArray<[string, string]>): DnFieldInfo[] {
  return list.map(([sn, meaning]) => {
    const object = objectByShortName(sn);
    const rule = stringRuleFor(sn);
    return {
      shortName: sn,
      longName: object?.ln ?? sn,
      oid: object?.oid ?? '',
      meaning,
      minLength: rule?.min ?? -1,
      maxLength: rule?.max ?? -1,
      stringTypes: rule?.types ?? ['PRINTABLESTRING', 'T61STRING', 'BMPSTRING', 'UTF8STRING'],
    };
  });
}

let fields: DnFieldInfo[] | undefined;
let attributes: DnFieldInfo[] | undefined;

export function dnFieldCatalog(): readonly DnFieldInfo[] {
  return (fields ??= build(MEANINGS));
}

export function requestAttributeCatalog(): readonly DnFieldInfo[] {
  return (attributes ??= build(ATTRIBUTE_MEANINGS));
}

/** The catalog entry for a field name as written (short or long name, after any `N.` prefix). */
export function dnFieldInfo(name: string): DnFieldInfo | undefined {
  return dnFieldCatalog().find((f) => f.shortName === name || f.longName === name);
}
