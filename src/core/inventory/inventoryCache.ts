import { randomBytes } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
import * as nodePath from 'path';
import { InventoryError, InventoryItem, InventoryResult } from '../model';

/** Bumped whenever the records change shape; a cache of another version is ignored, not migrated. */
export const INVENTORY_CACHE_VERSION = 2;
const FORMAT = 'mtls-rotation.inventory-cache';

/** What one file held when it had this size and mtime. */
export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  result: InventoryResult;
}

type Field = 's' | 'n' | 'b' | 's?' | 'n?' | 'b?' | 'names' | 'certificates' | 'pem';
/** Field names and types, in the order a record lists their values. */
type Spec = readonly (readonly [string, Field])[];

const PUBLIC_KEY: Spec = [
  ['publicKeySha256', 's'],
  ['keyType', 's'],
  ['keyBits', 'n?'],
  ['curve', 's?'],
];
const CERTIFICATE: Spec = [
  ...PUBLIC_KEY,
  ['index', 'n'],
  ['line', 'n'],
  ['subject', 'names'],
  ['issuer', 'names'],
  ['subjectAltNames', 'names'],
  ['notBefore', 's'],
  ['notAfter', 's'],
  ['serialNumber', 's'],
  ['fingerprintSha256', 's'],
  ['selfSigned', 'b'],
  ['isCA', 'b'],
  ['signatureAlgorithm', 's?'],
  ['pem', 'pem'],
];
/**
 * What is kept of each kind, field by field: a record carries these and nothing else, so that a field added to
 * the model later is not cached without someone deciding it may be. Keys are public facts only (format,
 * whether encrypted, the public key's hash and type), never key material.
 */
const SPECS: Readonly<Record<InventoryItem['kind'], Spec>> = {
  certificate: CERTIFICATE,
  key: [
    ['index', 'n'],
    ['line', 'n'],
    ['format', 's'],
    ['encrypted', 'b'],
    ['publicKeySha256', 's?'],
    ['keyType', 's?'],
    ['keyBits', 'n?'],
    ['curve', 's?'],
  ],
  csr: [
    ...PUBLIC_KEY,
    ['index', 'n'],
    ['line', 'n'],
    ['subject', 'names'],
    ['subjectAltNames', 'names'],
    ['signatureValid', 'b'],
    ['signatureAlgorithm', 's'],
  ],
  pkcs12: [
    ['index', 'n'],
    ['line', 'n'],
    ['encrypted', 'b'],
    ['keyCount', 'n'],
    ['certificates', 'certificates'],
  ],
};
const ERROR: Spec = [
  ['code', 's'],
  ['message', 's'],
  ['line', 'n?'],
];
/** One letter per kind at the head of each item record. */
const KIND_CODES: Readonly<Record<InventoryItem['kind'], string>> = {
  certificate: 'c',
  key: 'k',
  csr: 'r',
  pkcs12: 'p',
};
const KINDS: Readonly<Record<string, InventoryItem['kind']>> = { c: 'certificate', k: 'key', r: 'csr', p: 'pkcs12' };

class Corrupt extends Error {}

function check(ok: boolean): void {
  if (!ok) throw new Corrupt();
}

function checkType(value: unknown, field: Field): void {
  switch (field) {
    case 's':
    case 's?':
      return check(typeof value === 'string');
    case 'n':
    case 'n?':
      return check(typeof value === 'number' && Number.isFinite(value));
    case 'b':
    case 'b?':
      return check(typeof value === 'boolean');
    case 'pem':
      return check(typeof value === 'string');
    default:
      return check(Array.isArray(value));
  }
}

/**
 * The certificates' PEM text, kept apart from the records: it is most of the cache, and as one ASCII section
 * after the records it is neither escaped into JSON nor parsed, and each certificate's `pem` is a slice of it.
 */
interface PemSection {
  parts: string[];
}
interface PemSource {
  text: string;
  offset: number;
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----\n';
const PEM_END = '\n-----END CERTIFICATE-----\n';
const PEM_TEXT = /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]*-----END CERTIFICATE-----\n$/;

/** The values of `spec`'s fields, in its order: names as flat [type, value, ...] lists, absent optional ones null. */
function encodeFields(source: Record<string, unknown>, spec: Spec, pems: PemSection): unknown[] {
  return spec.map(([name, field]) => {
    const value = source[name];
    if (value === undefined && field.endsWith('?')) return null;
    checkType(value, field);
    if (field === 'names') return (value as { type: string; value: string }[]).flatMap((n) => [n.type, n.value]);
    if (field === 'certificates')
      return (value as Record<string, unknown>[]).map((certificate) => encodeFields(certificate, CERTIFICATE, pems));
    if (field === 'pem') {
      // Only what the PEM writer makes goes into the section, which is read back as one-byte text.
      check(PEM_TEXT.test(value as string));
      pems.parts.push(value as string);
      return (value as string).length;
    }
    return value;
  });
}

/** The object a record's values stand for, each value's type checked; `path` is the file's, not stored. */
function decodeFields(
  values: unknown,
  spec: Spec,
  head: Record<string, unknown>,
  offset: number,
  pems: PemSource,
): Record<string, unknown> {
  check(Array.isArray(values) && values.length === spec.length + offset);
  const list = values as unknown[];
  const out = head;
  for (let i = 0; i < spec.length; i++) {
    const [name, field] = spec[i];
    const value = list[i + offset];
    if (value === null && field.endsWith('?')) continue;
    if (field === 'pem') {
      // A length: the next that many characters of the PEM section, which must be one certificate's PEM.
      check(typeof value === 'number' && Number.isInteger(value) && value > 0);
      const end = pems.offset + (value as number);
      check(end <= pems.text.length && pems.text.startsWith(PEM_BEGIN, pems.offset));
      check(pems.text.startsWith(PEM_END, end - PEM_END.length));
      out[name] = pems.text.slice(pems.offset, end);
      pems.offset = end;
      continue;
    }
    checkType(value, field);
    if (field === 'names') {
      const flat = value as unknown[];
      check(flat.length % 2 === 0);
      const names: { type: string; value: string }[] = [];
      for (let j = 0; j < flat.length; j += 2) {
        check(typeof flat[j] === 'string' && typeof flat[j + 1] === 'string');
        names.push({ type: flat[j] as string, value: flat[j + 1] as string });
      }
      out[name] = names;
    } else if (field === 'certificates') {
      out[name] = (value as unknown[]).map((certificate) =>
        decodeFields(certificate, CERTIFICATE, { kind: 'certificate', path: head.path }, 0, pems),
      );
    } else {
      out[name] = value;
    }
  }
  return out;
}

function encodeItem(item: InventoryItem, pems: PemSection): unknown[] {
  check(Object.prototype.hasOwnProperty.call(SPECS, item.kind));
  return [KIND_CODES[item.kind], ...encodeFields(item as unknown as Record<string, unknown>, SPECS[item.kind], pems)];
}

function decodeItem(record: unknown, path: string, pems: PemSource): InventoryItem {
  check(Array.isArray(record) && record.length > 0);
  const code = (record as unknown[])[0];
  check(typeof code === 'string' && Object.prototype.hasOwnProperty.call(KINDS, code));
  const kind = KINDS[code as string];
  return decodeFields(record, SPECS[kind], { kind, path }, 1, pems) as unknown as InventoryItem;
}

/**
 * The cache as text: one line of JSON, a header (format, version, and `context`, which says under what the
 * results hold: the extension's version and the settings that change what a file yields) and one record per
 * file, `[path, size, mtimeMs, items, errors]`; items and errors are lists of values in a fixed order (no field
 * names, the path written once per file), a certificate's `pem` as its length. After the line, the
 * certificates' PEM text, one after the other in the records' order. This keeps the part to parse small.
 */
export function encodeInventoryCache(context: string, files: Iterable<CachedFile>): string {
  const records: unknown[] = [];
  const pems: PemSection = { parts: [] };
  for (const file of files) {
    // Items and errors of other paths (a walk's error about a folder) have no size and mtime to check.
    const items = file.result.items.filter((item) => item.path === file.path);
    const errors = file.result.errors.filter((error) => error.path === file.path);
    records.push([
      file.path,
      file.size,
      file.mtimeMs,
      items.map((item) => encodeItem(item, pems)),
      errors.map((error) => encodeFields(error as unknown as Record<string, unknown>, ERROR, pems)),
    ]);
  }
  const header = JSON.stringify({ format: FORMAT, version: INVENTORY_CACHE_VERSION, context, files: records });
  return `${header}\n${pems.parts.join('')}`;
}

/** The records of a cache written for `context`; undefined for anything else (corrupt, foreign, older, other settings). */
export function decodeInventoryCache(text: string, context: string): CachedFile[] | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  return decodeParts(text.slice(0, newline), text.slice(newline + 1), context);
}

/** As decodeInventoryCache, from the file's bytes: the PEM section is ASCII and read as such, not as UTF-8. */
function decodeBytes(bytes: Buffer, context: string): CachedFile[] | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  return decodeParts(bytes.toString('utf8', 0, newline), bytes.toString('latin1', newline + 1), context);
}

function decodeParts(header: string, pemText: string, context: string): CachedFile[] | undefined {
  try {
    const parsed = JSON.parse(header) as Record<string, unknown>;
    check(typeof parsed === 'object' && parsed !== null);
    if (parsed.format !== FORMAT || parsed.version !== INVENTORY_CACHE_VERSION || parsed.context !== context)
      return undefined;
    check(Array.isArray(parsed.files));
    const pems: PemSource = { text: pemText, offset: 0 };
    const files = (parsed.files as unknown[]).map((record) => {
      check(Array.isArray(record) && record.length === 5);
      const [path, size, mtimeMs, items, errors] = record as unknown[];
      check(typeof path === 'string' && nodePath.isAbsolute(path));
      check(typeof size === 'number' && typeof mtimeMs === 'number' && Array.isArray(items) && Array.isArray(errors));
      return {
        path: path as string,
        size: size as number,
        mtimeMs: mtimeMs as number,
        result: {
          items: (items as unknown[]).map((item) => decodeItem(item, path as string, pems)),
          errors: (errors as unknown[]).map(
            (error) => decodeFields(error, ERROR, { path }, 0, pems) as unknown as InventoryError,
          ),
        },
      };
    });
    // Every character of the section belongs to a certificate: anything else is not a cache this code wrote.
    check(pems.offset === pemText.length);
    return files;
  } catch (error) {
    if (error instanceof Corrupt || error instanceof SyntaxError || error instanceof TypeError) return undefined;
    throw error;
  }
}

/** The cache at `file`, or undefined when there is none or it does not hold for `context`. Never throws. */
export async function readInventoryCache(file: string, context: string): Promise<CachedFile[] | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return undefined;
  }
  return decodeBytes(bytes, context);
}

/** As readInventoryCache, at once: for an activation that shows the cached tree before anything else runs. */
export function readInventoryCacheSync(file: string, context: string): CachedFile[] | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return decodeBytes(bytes, context);
}

/**
 * Writes the cache under a temporary name and renames it over the old one, so that a reader (another window,
 * the next activation) sees the old cache or the new one, never half of one. Owner-only: it lists the
 * workspace's certificates and keys, even though it holds nothing secret.
 */
export async function writeInventoryCache(file: string, context: string, files: Iterable<CachedFile>): Promise<void> {
  const text = encodeInventoryCache(context, files);
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.writeFile(temp, text, { mode: 0o600 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
