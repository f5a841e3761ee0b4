import { createHash } from 'crypto';
import { CertificateInfo, DistinguishedName, PublicKeyFacts, SubjectAltName } from '../model';
import { children, encoded, isContext, readNode } from '../x509/der';
import { toPem } from '../x509/pem';
import { publicKeyFacts } from '../x509/publicKeyFacts';
import { LoadedCertificate } from './loadCertificates';

function name(text: string): DistinguishedName {
  return text
    .split('\n')
    .filter((l) => l.includes('='))
    .map((l) => ({ type: l.slice(0, l.indexOf('=')), value: l.slice(l.indexOf('=') + 1) }));
}

const SAN_TYPES: Record<string, SubjectAltName['type']> = {
  DNS: 'DNS',
  'IP Address': 'IP',
  email: 'email',
  URI: 'URI',
  DirName: 'dirName',
  'Registered ID': 'RID',
  othername: 'otherName',
};

function subjectAltNames(text: string | undefined): SubjectAltName[] {
  if (!text) return [];
  return text.split(', ').flatMap((entry) => {
    const colon = entry.indexOf(':');
    const type = SAN_TYPES[entry.slice(0, colon)];
    return type ? [{ type, value: entry.slice(colon + 1) }] : [];
  });
}

/** Node prints dates as OpenSSL does (`Jan  1 00:00:00 2025 GMT`); an unreadable one stays as it is. */
function iso(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : new Date(time).toISOString();
}

function keyFacts(der: Buffer): PublicKeyFacts {
  try {
    const fields = children(children(readNode(der))[0]);
    const spki = fields[isContext(fields[0], 0) ? 6 : 5];
    return publicKeyFacts(encoded(spki));
  } catch {
    return { publicKeySha256: createHash('sha256').update(der).digest('hex'), keyType: 'unknown' };
  }
}

/**
 * The verified certificate's facts from OpenSSL's parser, when our reader refuses a certificate OpenSSL loads:
 * `openssl verify` still gives its verdict on it, and the other checks still need a subject, dates and a key.
 */
export function fallbackCertificateInfo(certificate: LoadedCertificate, path: string): CertificateInfo {
  const { x509, der } = certificate;
  return {
    kind: 'certificate',
    path,
    index: 0,
    subject: name(x509.subject),
    issuer: name(x509.issuer),
    subjectAltNames: subjectAltNames(x509.subjectAltName),
    notBefore: iso(x509.validFrom),
    notAfter: iso(x509.validTo),
    serialNumber: x509.serialNumber.toUpperCase(),
    fingerprintSha256: x509.fingerprint256,
    ...keyFacts(der),
    selfSigned: x509.checkIssued(x509),
    isCA: x509.ca,
    line: certificate.line,
    pem: toPem('CERTIFICATE', der),
  };
}
