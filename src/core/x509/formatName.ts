import { DistinguishedName, SubjectAltName } from '../model';

/** `O = Axys, OU = Payments, CN = api.example.com`, the way `openssl x509 -subject` prints a name. */
export function formatName(name: DistinguishedName): string {
  return name.map(({ type, value }) => `${type} = ${value}`).join(', ');
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
