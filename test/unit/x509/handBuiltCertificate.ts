// Certificates with fields openssl's tools will not write (awkward names, lenient times, x400Address SANs),
// built with the core's DER writer and signed with an EC P-256 key by Node, for openssl to read back.
import { generateKeyPairSync, sign } from 'crypto';
import { oidBytes, tlv } from '../../../src/core/x509/derWriter';

export { tlv };

export type Der = number[];

export const seq = (...parts: Der[]): Der => tlv(0x30, parts.flat());
export const set = (...parts: Der[]): Der => tlv(0x31, parts.flat());
export const oid = (dotted: string): Der => tlv(0x06, oidBytes(dotted));
export const str = (tag: number, value: string | Buffer): Der =>
  tlv(tag, Array.from(typeof value === 'string' ? Buffer.from(value, 'utf8') : value));
export const utf8 = (value: string): Der => str(0x0c, value);
export const printable = (value: string): Der => str(0x13, value);

/** An AttributeTypeAndValue. */
export const atv = (type: string, value: Der): Der => seq(oid(type), value);
/** A Name from RDNs, each a list of AttributeTypeAndValues (more than one: a multi-valued RDN). */
export const name = (...rdns: Der[][]): Der => seq(...rdns.map((rdn) => set(...rdn)));

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = Array.from(key.publicKey.export({ type: 'spki', format: 'der' }));

export interface CertificateParts {
  subject?: Der;
  issuer?: Der;
  /** Whole Time TLVs (UTCTime or GeneralizedTime). */
  notBefore?: Der;
  notAfter?: Der;
  /** Whole Extension TLVs. */
  extensions?: Der[];
}

export const utcTime = (text: string): Der => str(0x17, text);
export const generalizedTime = (text: string): Der => str(0x18, text);

/** A v3 certificate signed with ecdsa-with-SHA256, as PEM. */
export function handBuiltCertificate(parts: CertificateParts): string {
  const subject = parts.subject ?? name([atv('2.5.4.3', utf8('hand built'))]);
  const algorithm = seq(oid('1.2.840.10045.4.3.2'));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, [2])),
    tlv(0x02, [0x01, 0x23]),
    algorithm,
    parts.issuer ?? subject,
    seq(parts.notBefore ?? utcTime('260101000000Z'), parts.notAfter ?? utcTime('360101000000Z')),
    subject,
    spki,
    ...(parts.extensions ? [tlv(0xa3, seq(...parts.extensions))] : []),
  );
  const signature = sign('sha256', Buffer.from(tbs), key.privateKey);
  const der = Buffer.from(seq(tbs, algorithm, tlv(0x03, [0, ...signature])));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}
