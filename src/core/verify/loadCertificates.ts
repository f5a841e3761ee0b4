import { createPrivateKey, X509Certificate } from 'crypto';
import { CoreError } from '../errors';
import { CertificateInfo } from '../model';
import { readCertificate } from '../x509/certificate';
import { encoded, readNode } from '../x509/der';
import { formatName } from '../x509/formatName';
import { PemBlock, splitPem } from '../x509/pem';

const CERTIFICATE_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'];
/** The private keys PEM_X509_INFO_read_bio decodes while reading `-CAfile` (an encrypted one is kept undecoded). */
const INFO_KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'DSA PRIVATE KEY', 'EC PRIVATE KEY'];

/**
 * OpenSSL's PEM reader refuses a block with a blank line in its body, and a certificate with RFC 1421 headers is
 * read as encrypted (openssl asks for a pass phrase): neither loads (probed on 3.0.22).
 */
function pemLoads(block: PemBlock): boolean {
  return !/\n\n/.test(block.text) && Object.keys(block.headers).length === 0;
}

/** A key block in `-CAfile` that OpenSSL cannot decode makes it refuse the whole file. */
function infoKeyLoads(block: PemBlock): boolean {
  if (block.headers['Proc-Type'] !== undefined) return true;
  try {
    createPrivateKey({ key: block.text, format: 'pem' });
    return true;
  } catch {
    return false;
  }
}

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

function unreadableInBundle(block: PemBlock, where: string): CoreError {
  let why = 'openssl verify refuses the file too';
  if (!pemLoads(block)) why = 'a blank line or RFC 1421 headers in the block; openssl verify refuses the file too';
  else if (decodesAsBer(block.der))
    why = 'it is in BER (indefinite lengths), which OpenSSL loads but this tool does not read';
  return new CoreError(
    'malformed-certificate',
    `${where}: the certificate at line ${block.line} is unreadable (${why})`,
    {
      line: block.line,
    },
  );
}

/** Node (OpenSSL's d2i) loads some BER that our DER reader refuses: say so instead of blaming openssl. */
function decodesAsBer(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
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
    if (role === 'trusted' && INFO_KEY_LABELS.includes(block.label) && !infoKeyLoads(block))
      throw new CoreError(
        'malformed-key',
        `${where}: the ${block.label} block at line ${block.line} is unreadable, and openssl verify refuses a CA file with an unreadable block`,
        { line: block.line },
      );
    if (!CERTIFICATE_LABELS.includes(block.label)) continue;
    const certificate = pemLoads(block) ? load(block.der) : undefined;
    if (!certificate) {
      if (role === 'trusted') throw unreadableInBundle(block, where);
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
