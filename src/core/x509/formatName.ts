import { DistinguishedName, NameAttribute, SubjectAltName } from '../model';
import { joinsPreviousRdn, printedValue } from './distinguishedName';
import { escapeNameValue } from './opensslNameValue';

/**
 * `O = Axys, OU = Payments, CN = api.example.com`, exactly as `openssl x509 -noout -subject` prints a name with
 * its default name option (`oneline`): ` + ` inside a multi-valued RDN, RFC 2253 specials quoted or escaped,
 * control characters and non-ASCII bytes as `\XX`, undecodable values as `#` and their DER in hex.
 */
export function formatName(name: readonly (NameAttribute & { redacted?: boolean })[]): string {
  let out = '';
  name.forEach((attribute, i) => {
    if (i > 0) out += joinsPreviousRdn(attribute) ? ' + ' : ', ';
    // A redacted value is our own placeholder naming where the value comes from, not a value openssl prints.
    const value = attribute.redacted
      ? attribute.value
      : (printedValue(attribute) ?? escapeNameValue(Buffer.from(attribute.value, 'utf8')));
    out += `${attribute.type} = ${value}`;
  });
  return out;
}

/** The CN, else the last attribute: what a person calls the certificate. */
export function commonName(name: DistinguishedName): string | undefined {
  return name.find((a) => a.type === 'CN')?.value ?? name[name.length - 1]?.value;
}

/** What a message calls a certificate: its CN, else the whole subject as openssl prints it. */
export function displayName(name: DistinguishedName): string {
  return name.find((a) => a.type === 'CN')?.value ?? formatName(name);
}

export function formatSubjectAltNames(sans: SubjectAltName[]): string {
  return sans.map(({ type, value }) => `${type}:${value}`).join(', ');
}
