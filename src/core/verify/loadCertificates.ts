import { X509Certificate } from 'crypto';
import { CoreError } from '../errors';
import { CertificateInfo } from '../model';
import { readCertificate } from '../x509/certificate';
import { encoded, readNode } from '../x509/der';
import { formatName } from '../x509/formatName';
import { splitPem } from '../x509/pem';

const CERTIFICATE_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'];

/** A certificate OpenSSL loads (Node's X509Certificate is OpenSSL's d2i_X509), with our reading when we have one. */
export interface LoadedCertificate {
  der: Buffer;
  x509: X509Certificate;
  /** Absent when our reader refuses what OpenSSL loads: the validator still gets the DER. */
  info?: CertificateInfo;
  /** Why our reader refused it. */
  readingProblem?: string;
  /** 1-based line of its PEM block. */
  line: number;
}

/**
 * How `openssl verify` loads each of its files, measured on OpenSSL 3.0: the certificate verified and
 * `-untrusted` go through OSSL_STORE, which skips blocks it cannot decode (the first certificate it can is the one
 * verified); `-CAfile` goes through PEM_X509_INFO_read_bio, which refuses the whole file for one bad block.
 * A file with no certificate at all is refused in every role.
 */
export type CertificateRole = 'certificate' | 'trusted' | 'untrusted';

function load(der: Buffer): { der: Buffer; x509: X509Certificate } | undefined {
  try {
    // TRUSTED CERTIFICATE appends OpenSSL's trust settings after the certificate: the first TLV is the certificate.
    const first = encoded(readNode(der));
    return { der: first, x509: new X509Certificate(first) };
  } catch {
    return undefined;
  }
}

/** The certificates of one file, as `openssl verify` loads them in `role`; PEM text (DER converted by the caller). */
export function loadCertificates(pem: string, role: CertificateRole, path?: string): LoadedCertificate[] {
  const where = path ?? (role === 'trusted' ? 'CA bundle' : role === 'untrusted' ? 'untrusted file' : 'certificate');
  const { blocks, problems } = splitPem(pem);
  if (role === 'trusted' && problems.length > 0)
    throw new CoreError(problems[0].code, `${where}: ${problems[0].message}`, { line: problems[0].line });
  const loaded: LoadedCertificate[] = [];
  for (const block of blocks) {
    if (!CERTIFICATE_LABELS.includes(block.label)) continue;
    const certificate = load(block.der);
    if (!certificate) {
      if (role === 'trusted')
        throw new CoreError(
          'malformed-certificate',
          `${where}: the certificate at line ${block.line} is unreadable (openssl verify refuses the file too)`,
          { line: block.line },
        );
      continue;
    }
    const entry: LoadedCertificate = { ...certificate, line: block.line };
    try {
      entry.info = readCertificate(certificate.der, { path: path ?? '', index: loaded.length, line: block.line });
    } catch (error) {
      entry.readingProblem = error instanceof Error ? error.message : String(error);
    }
    loaded.push(entry);
    if (role === 'certificate') break;
  }
  if (loaded.length === 0) {
    // The reader's own error says best what the file is instead (a key, a CSR, damaged PEM).
    if (role === 'certificate') readCertificate(pem, { path });
    throw new CoreError('not-pem-or-der', `${where}: no certificate OpenSSL can load`);
  }
  return loaded;
}

/** The subject as `openssl x509 -subject` prints it; OpenSSL's own one-line form when our reader refused it. */
export function subjectOf(certificate: LoadedCertificate): string {
  if (certificate.info) return formatName(certificate.info.subject);
  return oneLine(certificate.x509.subject);
}

export function issuerOf(certificate: LoadedCertificate): string {
  if (certificate.info) return formatName(certificate.info.issuer);
  return oneLine(certificate.x509.issuer);
}

/** Node prints names one attribute a line (`CN=x`); the report prints them as `CN = x, O = y`. */
function oneLine(name: string): string {
  return name
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace('=', ' = '))
    .join(', ');
}
