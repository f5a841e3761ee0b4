import { SubjectAltName } from '../model';
import { formatIpAddress, parseIpAddress } from '../x509/ipAddress';

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * A SAN reduced to what it means, so that spellings of one name compare equal: IP addresses by their bytes
 * (`2001:DB8:0:0:0:0:0:1` is `2001:db8::1`), DNS names without case or a final dot, e-mail addresses with
 * the domain part's case ignored (the local part is the mailbox owner's and may be case-sensitive), URIs
 * with scheme and host case ignored. Other types compare as written.
 */
export function subjectAltNameKey(san: SubjectAltName): string {
  switch (san.type) {
    case 'DNS':
      return `DNS:${asciiLower(san.value).replace(/\.$/, '')}`;
    case 'IP': {
      const parsed = parseIpAddress(san.value.trim());
      return `IP:${parsed ? formatIpAddress(parsed.bytes) : asciiLower(san.value)}`;
    }
    case 'email': {
      const at = san.value.lastIndexOf('@');
      return at < 0 ? `email:${san.value}` : `email:${san.value.slice(0, at)}@${asciiLower(san.value.slice(at + 1))}`;
    }
    case 'URI': {
      const match = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/([^/?#]*))?(.*)$/s.exec(san.value);
      if (!match) return `URI:${san.value}`;
      const [, scheme, , authority, rest] = match;
      if (authority === undefined) return `URI:${asciiLower(scheme)}:${rest}`;
      const at = authority.lastIndexOf('@');
      const host =
        at < 0 ? asciiLower(authority) : `${authority.slice(0, at + 1)}${asciiLower(authority.slice(at + 1))}`;
      return `URI:${asciiLower(scheme)}://${host}${rest}`;
    }
    default:
      return `${san.type}:${san.value}`;
  }
}
