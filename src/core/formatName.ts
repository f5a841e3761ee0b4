import { DistinguishedName, SubjectAltName } from './model';

export function commonName(name: DistinguishedName): string | undefined {
  // The last CN is the most specific one when a name carries several.
  for (let i = name.length - 1; i >= 0; i--) if (name[i].type === 'CN') return name[i].value;
  return undefined;
}

/**
 * `comma`: `O=Test, OU=Payments, CN=x` for display, in encoded order. `slash`: `/O=Test/CN=x`, the form
 * `openssl req -subj` takes (with `/`, `+` and `\` escaped) and OpenSSL prints for directoryName SANs.
 */
export function formatName(name: DistinguishedName, style: 'comma' | 'slash' = 'comma'): string {
  if (style === 'slash') return name.map((a) => `/${a.type}=${a.value.replace(/[\\/+]/g, (c) => `\\${c}`)}`).join('');
  return name.map((a) => `${a.type}=${a.value}`).join(', ');
}

/** `DNS:a.example, IP:10.0.0.1`: the syntax of OpenSSL's subjectAltName config value. */
export function formatSubjectAltNames(sans: readonly SubjectAltName[]): string {
  return sans.map((san) => `${san.type}:${san.value}`).join(', ');
}
