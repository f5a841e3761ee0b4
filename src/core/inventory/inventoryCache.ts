import { randomBytes } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
import * as nodePath from 'path';
import { InventoryError, InventoryItem, InventoryResult, NameAttribute } from '../model';
import { joinsPreviousRdn, printedValue, restoreNamePrinting } from '../x509/distinguishedName';

/** Bumped whenever the records change shape; a cache of another version is ignored, not migrated. */
export const INVENTORY_CACHE_VERSION = 3;
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

/**
 * `source`'s fields that `spec` names, in its order, as an object that JSON.parse gives back in the model's
 * shape: the restore checks it and keeps it instead of building another. `path` is a placeholder (the record's
 * path is written once per file), absent optional fields are left out, a certificate's `pem` is its length.
 */
function encodeFields(
  source: Record<string, unknown>,
  head: Record<string, unknown>,
  spec: Spec,
  pems: PemSection,
): Record<string, unknown> {
  const out = head;
  for (const [name, field] of spec) {
    const value = source[name];
    if (value === undefined && field.endsWith('?')) continue;
    checkType(value, field);
    if (field === 'names') out[name] = (value as NameAttribute[]).map(encodeName);
    else if (field === 'certificates')
      out[name] = (value as Record<string, unknown>[]).map((certificate) =>
        encodeFields(certificate, { kind: 'certificate', path: 0 }, CERTIFICATE, pems),
      );
    else if (field === 'pem') {
      // Only what the PEM writer makes goes into the section, which is read back as one-byte text.
      check(PEM_TEXT.test(value as string));
      pems.parts.push(value as string);
      out[name] = (value as string).length;
    } else out[name] = value;
  }
  return out;
}

/**
 * An attribute as `{type, value}`, and for the few that openssl prints otherwise than their value escaped (or
 * that continue a multi-valued RDN), how it prints: that lives beside the model's objects, not in them, and a
 * reopened workspace must print names exactly as a scanned one.
 */
function encodeName(attribute: NameAttribute): Record<string, unknown> {
  const out: Record<string, unknown> = { type: attribute.type, value: attribute.value };
  const printedAs = printedValue(attribute);
  if (printedAs !== undefined) out.printed = printedAs;
  if (joinsPreviousRdn(attribute)) out.joined = true;
  return out;
}

/** A spec as parallel lists, so that the restore's loop over 10,000 records does no destructuring or string tests. */
interface CompiledSpec {
  names: string[];
  fields: Field[];
  optional: boolean[];
}

function compile(spec: Spec): CompiledSpec {
  return {
    names: spec.map(([name]) => name),
    fields: spec.map(([, field]) => field),
    optional: spec.map(([, field]) => field.endsWith('?')),
  };
}

const COMPILED_CERTIFICATE = compile(CERTIFICATE);
const COMPILED_ERROR = compile(ERROR);
const COMPILED: Readonly<Record<InventoryItem['kind'], CompiledSpec>> = {
  certificate: COMPILED_CERTIFICATE,
  key: compile(SPECS.key),
  csr: compile(SPECS.csr),
  pkcs12: compile(SPECS.pkcs12),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own keys, counted without building a list (JSON.parse makes plain objects: no inherited enumerable keys). */
function keyCount(value: Record<string, unknown>): number {
  let count = 0;
  for (const key in value) if (key !== undefined) count++;
  return count;
}

function checkNames(value: unknown): void {
  check(Array.isArray(value));
  for (const name of value as unknown[]) {
    check(isRecord(name));
    const record = name as Record<string, unknown>;
    const { type, value: text } = record;
    check(typeof type === 'string' && typeof text === 'string');
    const count = keyCount(record);
    if (count === 2) continue;
    // Rare: how openssl prints it, given back beside the attribute and taken out of it (the model has two fields).
    const { printed, joined } = record;
    check(printed === undefined || typeof printed === 'string');
    check(joined === undefined || joined === true);
    check(count === 2 + (printed === undefined ? 0 : 1) + (joined === undefined ? 0 : 1));
    delete record.printed;
    delete record.joined;
    restoreNamePrinting(record as unknown as NameAttribute, printed as string | undefined, joined === true);
  }
}

/**
 * Checks that `record` holds `spec`'s fields, of their types, and nothing else besides `kind` and `path`
 * (`extra` of them), then makes it the model's object: the file's path in, each `pem` cut from the section.
 */
function decodeFields(
  record: unknown,
  spec: CompiledSpec,
  path: string,
  extra: number,
  pems: PemSource,
): Record<string, unknown> {
  check(isRecord(record));
  const out = record as Record<string, unknown>;
  const { names, fields, optional } = spec;
  let present = extra;
  for (let i = 0; i < names.length; i++) {
    const field = fields[i];
    const value = out[names[i]];
    if (value === undefined && optional[i]) continue;
    present++;
    switch (field) {
      case 'pem': {
        // A length: the next that many characters of the PEM section, which must be one certificate's PEM.
        check(typeof value === 'number' && Number.isInteger(value) && value > 0);
        const begin = pems.offset;
        const end = begin + (value as number);
        check(end <= pems.text.length && pems.text.startsWith(PEM_BEGIN, begin));
        check(pems.text.startsWith(PEM_END, end - PEM_END.length));
        out[names[i]] = pems.text.slice(begin, end);
        pems.offset = end;
        break;
      }
      case 'names':
        checkNames(value);
        break;
      case 'certificates':
        check(Array.isArray(value));
        for (const certificate of value as unknown[]) {
          check(isRecord(certificate) && (certificate as Record<string, unknown>).kind === 'certificate');
          decodeFields(certificate, COMPILED_CERTIFICATE, path, 2, pems);
        }
        break;
      default:
        checkType(value, field);
    }
  }
  check(out.path === 0 && keyCount(out) === present);
  out.path = path;
  return out;
}

function encodeItem(item: InventoryItem, pems: PemSection): Record<string, unknown> {
  check(Object.prototype.hasOwnProperty.call(SPECS, item.kind));
  const head = { kind: item.kind, path: 0 };
  return encodeFields(item as unknown as Record<string, unknown>, head, SPECS[item.kind], pems);
}

function decodeItem(record: unknown, path: string, pems: PemSource): InventoryItem {
  check(isRecord(record));
  const kind = (record as Record<string, unknown>).kind;
  check(typeof kind === 'string' && Object.prototype.hasOwnProperty.call(COMPILED, kind));
  return decodeFields(record, COMPILED[kind as InventoryItem['kind']], path, 2, pems) as unknown as InventoryItem;
}

/**
 * The cache as text: one line of JSON, a header (format, version, and `context`, which says under what the
 * results hold: the extension's version and the settings that change what a file yields) and one record per
 * file, `[path, size, mtimeMs, items, errors]`; items and errors are objects in the model's shape, with only
 * the fields the specs name (the path written once per file, a certificate's `pem` as its length), which
 * JSON.parse gives back ready to keep. After the line, the certificates' PEM text, one after the other in the
 * records' order: the part to parse is a third of the file, and no PEM is escaped or copied character by character.
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
      errors.map((error) => encodeFields(error as unknown as Record<string, unknown>, { path: 0 }, ERROR, pems)),
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
            (error) => decodeFields(error, COMPILED_ERROR, path as string, 1, pems) as unknown as InventoryError,
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
