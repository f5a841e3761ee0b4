// The per-type matching of OpenSSL 3.0's crypto/x509/v3_ncons.c (nc_dn, nc_dns, nc_email, nc_email_eai,
// nc_uri, nc_ip): each returns X509_V_OK when the name falls in the subtree, PERMITTED_VIOLATION when not,
// or the error OpenSSL gives for a name or constraint it cannot read.
import { X509_V_ERR } from './verifyErrors';
import { a2ulabel } from './nameConstraintPunycode';

const OK = X509_V_ERR.OK;
const MISS = X509_V_ERR.PERMITTED_VIOLATION;
const NAME_SYNTAX = X509_V_ERR.UNSUPPORTED_NAME_SYNTAX;

function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

/** ia5ncasecmp: ASCII-only case folding, whatever the locale, NULs compared like any byte. */
function sameIgnoringCase(a: Buffer, aStart: number, b: Buffer, bStart: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (lower(a[aStart + i]) !== lower(b[bStart + i])) return false;
  return true;
}

/** Where a NUL ends a C string inside `s` (strchr and strncmp stop there), else its length. */
function cLength(s: Buffer, from = 0): number {
  const nul = s.indexOf(0, from);
  return nul < 0 ? s.length : nul;
}

/** nc_dn: the constraint's canonical encoding is a prefix of the name's. */
export function matchDirectoryName(nameCanon: Buffer, baseCanon: Buffer): number {
  if (baseCanon.length > nameCanon.length) return MISS;
  return nameCanon.subarray(0, baseCanon.length).equals(baseCanon) ? OK : MISS;
}

/** nc_dns: an empty constraint matches all; otherwise a suffix at a label boundary (or after a leading dot). */
export function matchDns(dns: Buffer, base: Buffer): number {
  if (base.length === 0) return OK;
  if (dns.length < base.length) return MISS;
  const at = dns.length - base.length;
  if (at > 0 && base[0] !== 0x2e && dns[at - 1] !== 0x2e) return MISS;
  return sameIgnoringCase(base, 0, dns, at, base.length) ? OK : MISS;
}

/** nc_email: local part exact when the constraint has one, host case-insensitive, `.host` a suffix. */
export function matchEmail(eml: Buffer, base: Buffer): number {
  const baseAt = base.lastIndexOf(0x40);
  const emlAt = eml.lastIndexOf(0x40);
  if (emlAt < 0) return NAME_SYNTAX;
  if (baseAt < 0 && base.length > 0 && base[0] === 0x2e) {
    if (eml.length > base.length && sameIgnoringCase(base, 0, eml, eml.length - base.length, base.length)) return OK;
    return MISS;
  }
  let baseHost = 0;
  if (baseAt >= 0) {
    if (baseAt !== 0) {
      if (baseAt !== emlAt) return MISS;
      if (base.subarray(0, baseAt).includes(0) || eml.subarray(0, emlAt).includes(0)) return NAME_SYNTAX;
      if (!base.subarray(0, baseAt).equals(eml.subarray(0, emlAt))) return MISS;
    }
    baseHost = baseAt + 1;
  }
  const hostLength = base.length - baseHost;
  if (hostLength !== eml.length - emlAt - 1) return MISS;
  return sameIgnoringCase(base, baseHost, eml, emlAt + 1, hostLength) ? OK : MISS;
}

/**
 * nc_email_eai as OpenSSL 3.0 has it: a SmtpUTF8Mailbox (UTF8String) against an rfc822Name constraint whose
 * host is turned into U-labels. 3.0 hands the whole constraint, dot or local part included, to a2ulabel.
 */
export function matchSmtpUtf8Mailbox(valueTag: number, value: Buffer, base: Buffer): number {
  if (base.includes(0)) return NAME_SYNTAX;
  if (valueTag !== 12) return NAME_SYNTAX;
  const emlAt = value.lastIndexOf(0x40);
  if (emlAt < 0) return NAME_SYNTAX;
  if (base.length > 0 && base[0] === 0x2e) {
    const rest = a2ulabel(base, 255);
    if (rest === undefined) return X509_V_ERR.UNSPECIFIED;
    const ulabel = Buffer.concat([Buffer.from('.'), rest]);
    // strlen(ulabel): a decoded label may carry a NUL that cuts it short.
    const length = cLength(ulabel);
    if (value.length > length && sameIgnoringCase(ulabel, 0, value, value.length - length, length)) return OK;
    return MISS;
  }
  const ulabel = a2ulabel(base, 256);
  if (ulabel === undefined) return X509_V_ERR.UNSPECIFIED;
  const length = cLength(ulabel);
  const hostLength = value.length - emlAt - 1;
  if (hostLength !== length || !sameIgnoringCase(ulabel, 0, value, emlAt + 1, hostLength)) return MISS;
  return OK;
}

/** nc_uri (3.0): the host is what follows `scheme://` up to a `:` or else a `/`; no host is a syntax error. */
export function matchUri(uri: Buffer, base: Buffer): number {
  const colon = uri.indexOf(0x3a);
  if (colon < 0 || uri.length - colon < 3 || uri[colon + 1] !== 0x2f || uri[colon + 2] !== 0x2f) return NAME_SYNTAX;
  const host = colon + 3;
  let end = uri.indexOf(0x3a, host);
  if (end < 0) end = uri.indexOf(0x2f, host);
  if (end < 0) end = uri.length;
  const hostLength = end - host;
  if (hostLength === 0) return NAME_SYNTAX;
  if (base.length > 0 && base[0] === 0x2e) {
    if (hostLength > base.length && sameIgnoringCase(uri, end - base.length, base, 0, base.length)) return OK;
    return MISS;
  }
  if (base.length !== hostLength || !sameIgnoringCase(uri, host, base, 0, hostLength)) return MISS;
  return OK;
}

/** nc_ip: a 4- or 16-byte address against an 8- or 32-byte address and mask of the same family. */
export function matchIp(ip: Buffer, base: Buffer): number {
  if (ip.length !== 4 && ip.length !== 16) return NAME_SYNTAX;
  if (base.length !== 8 && base.length !== 32) return NAME_SYNTAX;
  if (ip.length * 2 !== base.length) return MISS;
  for (let i = 0; i < ip.length; i++) {
    const mask = base[ip.length + i];
    if ((ip[i] & mask) !== (base[i] & mask)) return MISS;
  }
  return OK;
}
