// The request config for renewing a certificate: `openssl req -new -config` on it yields a CSR with the old
// certificate's subject (same attributes, same order, same multi-valued RDNs) and every SAN, as the rotation
// guide asks. Values are written in the config syntax so that openssl reads back exactly the characters the
// certificate holds: double quotes keep #, $, quotes of the other kinds, commas and outer blanks literal, a
// backslash escapes " and \ inside them, and line breaks (which no quoted string can hold) become \n and \r
// escapes between quoted pieces.
import * as path from 'path';
import { children, decodeOid, decodeString, DerNode, readNode, Tag } from '../x509/der';
import { formatName } from '../x509/formatName';
import { CertificateInfo } from '../model';
import { opensslEquivalent } from './opensslEquivalent';
import { B_UTF8, encodeNameString } from '../opensslConfig/encodeNameString';
import { objectByOid } from '../x509/opensslObjects';
import { splitPem } from '../x509/pem';
import { shellQuote } from '../text/shellQuote';

export interface NewRequestConfigOptions {
  /** default_bits; 2048 by default (the provider's size). */
  bits?: number;
  /** The new key's file name in the header's commands; `NAME-new.key` by default. */
  keyFileName?: string;
  /** The new CSR's file name in the header's commands; the key's name with `.csr` by default. */
  csrFileName?: string;
  /** This config's own file name in the header's commands; requestConfigFileName of the certificate by default. */
  configFileName?: string;
}

interface SubjectValue {
  oid: string;
  value: string;
  /** Not a character string (OpenSSL prints such values as #hex): a config cannot reproduce it. */
  notText: boolean;
}

const STRING_TAGS: ReadonlySet<number> = new Set([
  Tag.UTF8_STRING,
  Tag.PRINTABLE_STRING,
  Tag.IA5_STRING,
  Tag.NUMERIC_STRING,
  Tag.VISIBLE_STRING,
  Tag.T61_STRING,
  Tag.VIDEOTEX_STRING,
  Tag.GRAPHIC_STRING,
  Tag.GENERAL_STRING,
  Tag.BMP_STRING,
  Tag.UNIVERSAL_STRING,
]);

function stem(file: string): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `certs/program-a.crt` -> `certs/program-a-openssl.cnf`, the name the rotation guide uses. */
export function requestConfigFileName(certificatePath: string): string {
  const dir = path.dirname(certificatePath);
  const name = `${stem(certificatePath)}-openssl.cnf`;
  return dir === '.' ? name : path.join(dir, name);
}

/** The subject as RDNs, from the certificate's DER: CertificateInfo flattens multi-valued RDNs. */
function subjectRdns(certificate: CertificateInfo): SubjectValue[][] {
  try {
    const der = splitPem(certificate.pem).blocks[0].der;
    const [tbs] = children(readNode(der));
    const fields = children(tbs);
    const offset = fields[0].tagClass === 2 && fields[0].tag === 0 ? 1 : 0;
    const subject: DerNode = fields[offset + 4];
    return children(subject).map((rdn) =>
      children(rdn).map((atv) => {
        const [type, value] = children(atv);
        const notText = !(value.tagClass === 0 && STRING_TAGS.has(value.tag));
        return { oid: decodeOid(type), value: decodeString(value), notText };
      }),
    );
  } catch {
    return certificate.subject.map((a) => [{ oid: a.type, value: a.value, notText: false }]);
  }
}

/** The config field name OpenSSL knows the attribute by, or the dotted OID (which then needs a prefix). */
function fieldName(oid: string): { name: string; dotted: boolean } {
  const sn = objectByOid(oid)?.sn;
  if (sn && /^[A-Za-z][A-Za-z0-9_-]*$/.test(sn)) return { name: sn, dotted: false };
  if (/^\d+(\.\d+)+$/.test(oid)) return { name: oid, dotted: true };
  // CertificateInfo's subject (the fallback) carries OpenSSL short names rather than OIDs.
  return { name: oid, dotted: false };
}

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** Text the config reader takes as it is: no quote, escape, comment or variable character, no outer blanks. */
function isPlainValue(value: string): boolean {
  if (value === '' || /\s/.test(value[0]) || /\s/.test(value[value.length - 1])) return false;
  for (let i = 0; i < value.length; i++) {
    if (isControl(value.charCodeAt(i)) || `"'\`\\#$`.includes(value[i])) return false;
  }
  return true;
}

/** A config value that openssl reads back as exactly `value`. */
export function configValue(value: string): string {
  if (isPlainValue(value)) return value;
  const pieces = value.split(/([\n\r])/);
  let out = '';
  for (const piece of pieces) {
    if (piece === '\n') out += '\\n';
    else if (piece === '\r') out += '\\r';
    else if (piece !== '' || pieces.length === 1) out += `"${piece.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return out;
}

/** Control characters shown as escapes, so a value cannot break out of a comment line. */
function commentText(text: string): string {
  return Array.from(text, (c) =>
    isControl(c.charCodeAt(0)) ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c,
  ).join('');
}

function alignedEntries(entries: Array<[string, string]>): string[] {
  const width = Math.max(0, ...entries.map(([name]) => name.length));
  return entries.map(([name, value]) => `${name.padEnd(width)} = ${value}`);
}

export function newRequestConfig(certificate: CertificateInfo, options: NewRequestConfigOptions = {}): string {
  const bits = options.bits ?? 2048;
  const keyFileName = options.keyFileName ?? `${stem(certificate.path || 'certificate')}-new.key`;
  const csrFileName = options.csrFileName ?? `${keyFileName.replace(/\.(key|pem)$/i, '')}.csr`;
  const configFileName =
    options.configFileName ?? path.basename(requestConfigFileName(certificate.path || 'certificate'));
  const warnings: string[] = [];

  const rdns = subjectRdns(certificate);
  const counts = new Map<string, number>();
  for (const rdn of rdns) for (const a of rdn) counts.set(a.oid, (counts.get(a.oid) ?? 0) + 1);
  const seen = new Map<string, number>();
  const dnEntries: Array<[string, string]> = [];
  for (const rdn of rdns) {
    rdn.forEach((attribute, member) => {
      const { name, dotted } = fieldName(attribute.oid);
      const index = seen.get(attribute.oid) ?? 0;
      seen.set(attribute.oid, index + 1);
      if (attribute.notText || attribute.value.includes('\0')) {
        warnings.push(
          `the subject's ${name} (${commentText(attribute.value)}) is not text a config can carry; it is left out`,
        );
        return;
      }
      // OpenSSL's field names end the prefix at the first dot, so a dotted OID always takes one.
      const prefix = dotted || (counts.get(attribute.oid) ?? 0) > 1 ? `${index}.` : '';
      dnEntries.push([`${prefix}${member > 0 ? '+' : ''}${name}`, configValue(attribute.value)]);
      const encoded = encodeNameString(attribute.value, dotted ? undefined : name, true, B_UTF8);
      if (!encoded.ok) {
        const limit = encoded.limit !== undefined ? ` (limit ${encoded.limit})` : '';
        warnings.push(
          `openssl req will refuse ${name} = ${commentText(attribute.value)}: ${encoded.reason.replace('-', ' ')}${limit}`,
        );
      }
    });
  }
  if (dnEntries.length === 0)
    warnings.push('the certificate has no subject; openssl req needs at least one field in [ dn ]');

  const sanEntries: Array<[string, string]> = [];
  const sanCounts = new Map<string, number>();
  for (const san of certificate.subjectAltNames) {
    if (san.type === 'dirName' || san.type === 'otherName') {
      warnings.push(
        `the SAN ${san.type}:${commentText(san.value)} is not carried over; add it to [ alt_names ] by hand`,
      );
      continue;
    }
    if (san.type === 'email' && (san.value === 'copy' || san.value === 'move')) {
      warnings.push(`the SAN email:${san.value} cannot be written: openssl reads that value as a command`);
      continue;
    }
    if (san.type !== 'IP' && san.type !== 'RID' && /[^\x20-\x7e]/.test(san.value)) {
      warnings.push(`the SAN ${san.type}:${commentText(san.value)} is not printable ASCII; check it in the CSR`);
    }
    const n = (sanCounts.get(san.type) ?? 0) + 1;
    sanCounts.set(san.type, n);
    sanEntries.push([`${san.type}.${n}`, configValue(san.value)]);
  }

  const subjectLine = certificate.subject.length > 0 ? formatName(certificate.subject) : '(empty)';
  const commands = opensslEquivalent({ keyPath: keyFileName, csrPath: csrFileName, configPath: configFileName, bits });
  const q = (file: string): string => shellQuote(file, { path: true });
  const lines = [
    '# OpenSSL request config for renewing this certificate with a NEW key (the same subject and SANs):',
    `#   subject: ${commentText(subjectLine)}`,
    `#   serial:  ${certificate.serialNumber}`,
    `#   expires: ${certificate.notAfter}`,
    '# Make the key and CSR, then check the CSR before submitting it:',
    // Every line of a command stays a comment, even a quoted file name's line break.
    ...commands
      .trimEnd()
      .split('\n')
      .map((c) => `#   ${c}`),
    ...`# or: mtls-rotation generate --config ${q(configFileName)} --key-out ${q(keyFileName)} --csr-out ${q(csrFileName)}`
      .split('\n')
      .map((c, i) => (i === 0 ? c : `#   ${c}`)),
    ...warnings.map((w) => `# WARNING: ${w}`),
    '',
    '[ req ]',
    ...alignedEntries([
      ['prompt', 'no'],
      ['default_bits', String(bits)],
      ['default_md', 'sha256'],
      ['utf8', 'yes'],
      ['string_mask', 'utf8only'],
      ['distinguished_name', 'dn'],
      ['req_extensions', 'req_ext'],
    ]),
    '',
    '[ dn ]',
    ...alignedEntries(dnEntries),
    '',
    '[ req_ext ]',
  ];
  if (sanEntries.length > 0) {
    lines.push('subjectAltName = @alt_names', '', '[ alt_names ]', ...alignedEntries(sanEntries));
  } else {
    lines.push('# The certificate has no subjectAltName.');
  }
  return `${lines.join('\n')}\n`;
}
