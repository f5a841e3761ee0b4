import { CoreError } from '../errors';
import { children, contents, decodeOid, DerNode, isContext, isUniversal, readNode, Tag } from './der';
import { OID } from './oids';

export interface PemBlock {
  label: string;
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`) of legacy encrypted keys; empty otherwise. */
  headers: Record<string, string>;
  der: Buffer;
  /** 1-based line of the BEGIN line. */
  line: number;
  endLine: number;
  /** The block's text from BEGIN to END, lines joined with `\n`. */
  text: string;
}

export interface PemSplit {
  blocks: PemBlock[];
  /** Broken blocks (`truncated-pem`, `bad-base64`); the blocks around them are still returned. */
  problems: CoreError[];
}

const BEGIN = /^-----BEGIN ([^-]+(?:-[^-]+)*)-----\s*$/;
const END = /^-----END ([^-]+(?:-[^-]+)*)-----\s*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function looksLikePem(bytes: Buffer): boolean {
  return bytes.includes('-----BEGIN ');
}

interface OpenBlock {
  label: string;
  /** 1-based line of the BEGIN line, and where that line starts and ends (before its `\n`) in the text. */
  line: number;
  beginStart: number;
  beginEnd: number;
  /** The BEGIN line has no `\r` and no surrounding blanks. */
  clean: boolean;
}

/**
 * A body of plain base64 lines: A-Z a-z 0-9 + /, at most two `=` at the very end, line breaks (LF, or CRLF
 * in the second form). Sticky: matched from the body's start; it must reach the END line.
 */
const PLAIN_BODY_LF = /[A-Za-z0-9+/\n]*={0,2}\n*/y;
const PLAIN_BODY_CRLF = /(?:[A-Za-z0-9+/]*\r?\n)*[A-Za-z0-9+/]*(?:==?)?(?:\r?\n)*/y;

/**
 * Splits PEM text into its blocks; text outside blocks (comments, `openssl -text` output) is ignored.
 * Lines are looked at in place: only those that may be BEGIN or END lines become strings of their own.
 */
export function splitPem(text: string): PemSplit {
  const blocks: PemBlock[] = [];
  const problems: CoreError[] = [];
  let open: OpenBlock | undefined;
  const length = text.length;
  let start = 0;
  for (let i = 0; ; i++) {
    let end = text.indexOf('\n', start);
    const last = end < 0;
    if (last) end = length;
    const first = start < end ? text.charCodeAt(start) : -1;
    // Lines that start with something other than a blank, `-` or a non-ASCII character cannot be BEGIN or
    // END lines; inside a block they are body lines, which closeBlock reads from the text.
    if (first <= 0x20 || first === 0x2d || first >= 0x7f) {
      let line = text.slice(start, end);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      const trimmed = line.trim();
      if (trimmed.startsWith('-----BEGIN ')) {
        const match = BEGIN.exec(trimmed);
        if (match) {
          if (open) problems.push(truncated(open.label, open.line));
          open = {
            label: match[1],
            line: i + 1,
            beginStart: start,
            beginEnd: end,
            clean: trimmed.length === end - start,
          };
        }
      } else if (open && trimmed.startsWith('-----END ')) {
        const match = END.exec(trimmed);
        if (match && match[1] === open.label) {
          const block = closeBlock(text, open, i + 1, start, end, trimmed.length === end - start);
          if (block instanceof CoreError) problems.push(block);
          else blocks.push(block);
        } else {
          problems.push(
            new CoreError(
              'truncated-pem',
              `truncated PEM: BEGIN ${open.label} at line ${open.line} ends with a mismatched END line at line ${i + 1}`,
              { line: open.line },
            ),
          );
        }
        open = undefined;
      }
    }
    if (last) break;
    start = end + 1;
  }
  if (open) problems.push(truncated(open.label, open.line));
  return { blocks, problems };
}

/**
 * The block between a BEGIN line and its END line. A body of plain base64 lines (A-Z a-z 0-9 + / and at
 * most two `=` at the very end, a multiple of 4 in all) is decoded in one call from the text itself: Node's
 * base64 decoder skips the line breaks, and the bytes are those of the lines joined. Anything else (headers,
 * blanks, characters outside base64) is read line by line, with its exact error.
 */
function closeBlock(
  text: string,
  open: OpenBlock,
  endLine: number,
  endStart: number,
  endEnd: number,
  endClean: boolean,
): PemBlock | CoreError {
  const bodyStart = open.beginEnd + 1;
  PLAIN_BODY_LF.lastIndex = bodyStart;
  let plain = PLAIN_BODY_LF.test(text) && PLAIN_BODY_LF.lastIndex === endStart;
  let cr = false;
  if (!plain) {
    PLAIN_BODY_CRLF.lastIndex = bodyStart;
    plain = PLAIN_BODY_CRLF.test(text) && PLAIN_BODY_CRLF.lastIndex === endStart;
    cr = plain;
  }
  let chars = 0;
  if (plain) {
    // Every body line ends with a line break, the only characters besides base64 ones.
    let breaks = 0;
    for (let k = text.indexOf('\n', bodyStart); k !== -1 && k < endStart; k = text.indexOf('\n', k + 1)) {
      breaks += cr && text.charCodeAt(k - 1) === 13 ? 2 : 1;
    }
    chars = endStart - bodyStart - breaks;
  }
  const span = text.slice(open.beginStart, endEnd);
  let der: Buffer;
  let headers: Record<string, string> = {};
  if (plain && chars > 0 && chars % 4 === 0) {
    der = Buffer.from(text.slice(bodyStart, endStart), 'base64');
  } else {
    // Every line between BEGIN and END is a body line, except BEGIN-like lines that did not parse as one.
    const body: string[] = [];
    const lines = span.split('\n');
    for (let k = 1; k < lines.length - 1; k++) {
      const line = lines[k].endsWith('\r') ? lines[k].slice(0, -1) : lines[k];
      const trimmed = line.trim();
      if (!trimmed.startsWith('-----BEGIN ')) body.push(trimmed);
    }
    const result = decodeBody(open.label, open.line, body);
    if (result instanceof CoreError) return result;
    der = result.der;
    headers = result.headers;
  }
  const blockText =
    plain && !cr && open.clean && endClean
      ? span + '\n'
      : span
          .split('\n')
          .map((l) => l.replace(/\r$/, '').trim())
          .join('\n') + '\n';
  return { label: open.label, headers, der, line: open.line, endLine, text: blockText };
}

function truncated(label: string, line: number): CoreError {
  return new CoreError('truncated-pem', `truncated PEM: BEGIN ${label} at line ${line} has no END line`, { line });
}

function decodeBody(
  label: string,
  beginLine: number,
  body: string[],
): { der: Buffer; headers: Record<string, string> } | CoreError {
  const headers: Record<string, string> = {};
  let i = 0;
  // RFC 1421 headers come first and end with a blank line; only legacy encrypted keys carry them.
  if (body.length > 0 && /^[A-Za-z-]+:/.test(body[0])) {
    for (; i < body.length && body[i] !== ''; i++) {
      const colon = body[i].indexOf(':');
      if (colon > 0) headers[body[i].slice(0, colon).trim()] = body[i].slice(colon + 1).trim();
    }
  }
  let base64 = '';
  for (; i < body.length; i++) {
    const line = body[i].replace(/\s+/g, '');
    if (!BASE64.test(line)) {
      return new CoreError('bad-base64', `bad base64 in PEM ${label} at line ${beginLine + 1 + i}`, {
        line: beginLine + 1 + i,
      });
    }
    base64 += line;
  }
  if (base64.length === 0) {
    return new CoreError('bad-base64', `empty PEM ${label} block at line ${beginLine}`, { line: beginLine });
  }
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) {
    return new CoreError(
      'bad-base64',
      `bad base64 in PEM ${label} block at line ${beginLine}: wrong length or padding`,
      { line: beginLine },
    );
  }
  return { der: Buffer.from(base64, 'base64'), headers };
}

export function toPem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export type DerKind = 'certificate' | 'csr' | 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1' | 'dsa' | 'pkcs12';

/** What a DER (or, for PKCS#12, BER) structure is, judged by its shape; undefined when it is none of them. */
export function sniffDer(der: Buffer): DerKind | undefined {
  if (der.length < 2 || der[0] !== 0x30) return undefined;
  // Indefinite lengths are BER, which Windows writes for PFX files and nothing else we read.
  if (der[1] === 0x80) return 'pkcs12';
  let top: DerNode;
  let kids: DerNode[];
  try {
    top = readNode(der);
    kids = children(top);
  } catch {
    return undefined;
  }
  const [a, b, c] = kids;
  if (!a || !b) return undefined;
  if (
    kids.length === 3 &&
    isUniversal(a, Tag.SEQUENCE) &&
    isUniversal(b, Tag.SEQUENCE) &&
    isUniversal(c, Tag.BIT_STRING)
  ) {
    try {
      const tbs = children(a);
      if (tbs.length === 4 && isUniversal(tbs[0], Tag.INTEGER) && isContext(tbs[3], 0)) return 'csr';
      if (tbs.length >= 6) return 'certificate';
    } catch {
      return undefined;
    }
    return undefined;
  }
  if (isUniversal(a, Tag.INTEGER)) {
    const version = contents(a);
    const v = version.length === 1 ? version[0] : -1;
    if (v === 3 && isUniversal(b, Tag.SEQUENCE)) {
      try {
        const info = children(b);
        if (info[0] && isUniversal(info[0], Tag.OID) && decodeOid(info[0]).startsWith('1.2.840.113549.1.7.'))
          return 'pkcs12';
      } catch {
        return undefined;
      }
    }
    if ((v === 0 || v === 1) && isUniversal(b, Tag.SEQUENCE) && c && isUniversal(c, Tag.OCTET_STRING)) return 'pkcs8';
    if (v === 0 && kids.length >= 9 && kids.every((k) => isUniversal(k, Tag.INTEGER))) return 'pkcs1';
    if (v === 1 && isUniversal(b, Tag.OCTET_STRING)) return 'sec1';
    // OpenSSL's traditional DSA key: version, p, q, g, public and private value.
    if (v === 0 && kids.length === 6 && kids.every((k) => isUniversal(k, Tag.INTEGER))) return 'dsa';
    return undefined;
  }
  if (kids.length === 2 && isUniversal(a, Tag.SEQUENCE) && isUniversal(b, Tag.OCTET_STRING)) {
    try {
      const alg = children(a);
      if (alg[0] && isUniversal(alg[0], Tag.OID) && decodeOid(alg[0]) !== OID.pkcs7Data) return 'encrypted-pkcs8';
    } catch {
      return undefined;
    }
  }
  return undefined;
}
