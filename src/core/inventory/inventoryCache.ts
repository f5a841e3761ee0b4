import { randomBytes } from 'crypto';
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'fs';
import * as nodePath from 'path';
import { StringDecoder } from 'string_decoder';
import { InventoryError, InventoryItem, InventoryResult, NameAttribute } from '../model';
import { joinsPreviousRdn, printedValue, restoreNamePrinting } from '../x509/distinguishedName';

/** Bumped whenever the records change shape; a cache of another version is ignored, not migrated. */
export const INVENTORY_CACHE_VERSION = 4;
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
 * after the records it is neither escaped into JSON nor parsed. The restore takes each certificate's `pem` in
 * turn, by its length.
 */
interface PemSource {
  /** The next `length` characters, or undefined past the end. */
  take(length: number): string | undefined;
  /** Whether every character has been taken. */
  atEnd(): boolean;
}

/** The section as a string, each `pem` a slice of it. */
class PemText implements PemSource {
  private offset = 0;
  constructor(private readonly text: string) {}

  take(length: number): string | undefined {
    const end = this.offset + length;
    if (end > this.text.length) return undefined;
    const pem = this.text.slice(this.offset, end);
    this.offset = end;
    return pem;
  }

  atEnd(): boolean {
    return this.offset === this.text.length;
  }
}

const CHUNK_BYTES = 1 << 20;

/**
 * The section read from the file a chunk at a time into one buffer, each `pem` made straight from it: the
 * restore then touches a megabyte of new memory besides the strings it keeps, not the whole file twice (its
 * bytes and a string of them), and in a freshly started extension host new memory is most of the cost.
 */
class PemFile implements PemSource {
  /** `buffer` holds the file's bytes from `position - (end - start)` on, between `start` and `end`. */
  constructor(
    private readonly fd: number,
    private position: number,
    private readonly size: number,
    private buffer: Buffer,
    private start: number,
    private end: number,
  ) {}

  take(length: number): string | undefined {
    if (this.end - this.start < length) {
      // A length the file cannot hold is refused before any buffer is grown for it (a corrupt cache could ask
      // for gigabytes, and a failed allocation is not an error that says the file is no cache).
      if (length > this.end - this.start + this.size - this.position) return undefined;
      if (length > this.buffer.length) {
        const larger = Buffer.allocUnsafe(length);
        this.buffer.copy(larger, 0, this.start, this.end);
        this.buffer = larger;
      } else this.buffer.copy(this.buffer, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      while (this.end < length) {
        const read = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, this.position);
        if (read === 0) return undefined;
        this.position += read;
        this.end += read;
      }
    }
    const pem = this.buffer.toString('latin1', this.start, this.start + length);
    this.start += length;
    return pem;
  }

  atEnd(): boolean {
    return this.start === this.end && this.position === this.size;
  }
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----\n';
const PEM_END = '\n-----END CERTIFICATE-----\n';
const PEM_TEXT = /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]*-----END CERTIFICATE-----\n$/;

/** What the writer collects besides the records: the distinct name lists, and the PEM text in record order. */
class Tables {
  readonly names: unknown[][] = [];
  readonly pems: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  /** A name list's place in the table, the same for every record that holds an equal list (issuers mostly). */
  nameRef(list: NameAttribute[]): number {
    const encoded = list.map(encodeAttribute);
    const key = JSON.stringify(encoded);
    let index = this.nameIndex.get(key);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(encoded);
      this.nameIndex.set(key, index);
    }
    return index;
  }
}

/**
 * An attribute as `[type, value]`, and for the few that openssl prints otherwise than their value escaped (or
 * that continue a multi-valued RDN), `[type, value, printed or null, joined]`: that lives beside the model's
 * objects, not in them, and a reopened workspace must print names exactly as a scanned one.
 */
function encodeAttribute(attribute: NameAttribute): unknown[] {
  checkType(attribute.type, 's');
  checkType(attribute.value, 's');
  const printedAs = printedValue(attribute);
  const joined = joinsPreviousRdn(attribute);
  return printedAs === undefined && !joined
    ? [attribute.type, attribute.value]
    : [attribute.type, attribute.value, printedAs ?? null, joined];
}

/** The name lists as the model's arrays, each built once and shared by every record that refers to it. */
function decodeNames(table: unknown): NameAttribute[][] {
  check(Array.isArray(table));
  return (table as unknown[]).map((list) => {
    check(Array.isArray(list));
    return (list as unknown[]).map((attribute) => {
      check(Array.isArray(attribute));
      const [type, value, printed, joined] = attribute as unknown[];
      check(typeof type === 'string' && typeof value === 'string');
      const out: NameAttribute = { type: type as string, value: value as string };
      const length = (attribute as unknown[]).length;
      if (length === 2) return out;
      check(length === 4 && (printed === null || typeof printed === 'string') && typeof joined === 'boolean');
      restoreNamePrinting(out, (printed as string | null) ?? undefined, joined as boolean);
      return out;
    });
  });
}

/**
 * `source`'s fields that `spec` names, as a list of values in the spec's order: null for an absent optional
 * field, a name list as its place in the names table, a certificate's `pem` as its length. Only these values
 * are written, so that a field added to the model later is not cached without someone deciding it may be.
 */
function encodeFields(source: Record<string, unknown>, spec: Spec, tables: Tables): unknown[] {
  const out: unknown[] = [];
  for (const [name, field] of spec) {
    const value = source[name];
    if (value === undefined && field.endsWith('?')) {
      out.push(null);
      continue;
    }
    checkType(value, field);
    if (field === 'names') out.push(tables.nameRef(value as NameAttribute[]));
    else if (field === 'certificates')
      out.push(
        (value as Record<string, unknown>[]).map((certificate) => encodeFields(certificate, CERTIFICATE, tables)),
      );
    else if (field === 'pem') {
      // Only what the PEM writer makes goes into the section, which is read back as one-byte text.
      check(PEM_TEXT.test(value as string));
      tables.pems.push(value as string);
      out.push((value as string).length);
    } else out.push(value);
  }
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

interface DecodeTables {
  names: NameAttribute[][];
  pems: PemSource;
}

/**
 * The model's object for a list of values in `spec`'s order, after `skip` leading ones (an item's kind), each
 * checked for its type: `out` comes with its `kind` and `path`, absent optional fields stay absent, name lists
 * are the table's shared arrays, each `pem` is cut from the section.
 */
function decodeFields(
  values: unknown,
  skip: number,
  spec: CompiledSpec,
  out: Record<string, unknown>,
  tables: DecodeTables,
): Record<string, unknown> {
  check(Array.isArray(values));
  const list = values as unknown[];
  const { names, fields, optional } = spec;
  check(list.length === skip + names.length);
  for (let i = 0; i < names.length; i++) {
    const value = list[skip + i];
    if (value === null && optional[i]) continue;
    const field = fields[i];
    switch (field) {
      case 'pem': {
        // A length: the next that many characters of the PEM section, which must be one certificate's PEM.
        check(typeof value === 'number' && Number.isInteger(value) && value > 0);
        const pem = tables.pems.take(value as number);
        check(pem !== undefined && pem.startsWith(PEM_BEGIN) && pem.endsWith(PEM_END));
        out[names[i]] = pem;
        break;
      }
      case 'names': {
        check(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < tables.names.length);
        out[names[i]] = tables.names[value as number];
        break;
      }
      case 'certificates':
        check(Array.isArray(value));
        out[names[i]] = (value as unknown[]).map((certificate) =>
          decodeFields(certificate, 0, COMPILED_CERTIFICATE, { kind: 'certificate', path: out.path }, tables),
        );
        break;
      default:
        checkType(value, field);
        out[names[i]] = value;
    }
  }
  return out;
}

function encodeItem(item: InventoryItem, tables: Tables): unknown[] {
  check(Object.prototype.hasOwnProperty.call(SPECS, item.kind));
  return [item.kind, ...encodeFields(item as unknown as Record<string, unknown>, SPECS[item.kind], tables)];
}

function decodeItem(values: unknown, path: string, tables: DecodeTables): InventoryItem {
  check(Array.isArray(values));
  const kind = (values as unknown[])[0];
  check(typeof kind === 'string' && Object.prototype.hasOwnProperty.call(COMPILED, kind));
  const spec = COMPILED[kind as InventoryItem['kind']];
  return decodeFields(values, 1, spec, { kind, path }, tables) as unknown as InventoryItem;
}

/**
 * The cache as text: one line of JSON, a header (format, version, and `context`, which says under what the
 * results hold: the extension's version and the settings that change what a file yields), the table of
 * distinct name lists, and one record per file, `[path, size, mtimeMs, items, errors]`. An item is
 * `[kind, ...values]` and an error `[...values]`, in the order of the fields the specs name: no key is repeated
 * 10,000 times, equal names (a CA's, as every certificate it issued names it) are written and restored once,
 * and JSON.parse makes a list per record instead of an object per field. After the line, the certificates'
 * PEM text, one after the other in the records' order: it is neither escaped nor parsed.
 */
export function encodeInventoryCache(context: string, files: Iterable<CachedFile>): string {
  const records: unknown[] = [];
  const tables = new Tables();
  for (const file of files) {
    // Items and errors of other paths (a walk's error about a folder) have no size and mtime to check.
    const items = file.result.items.filter((item) => item.path === file.path);
    const errors = file.result.errors.filter((error) => error.path === file.path);
    records.push([
      file.path,
      file.size,
      file.mtimeMs,
      items.map((item) => encodeItem(item, tables)),
      errors.map((error) => encodeFields(error as unknown as Record<string, unknown>, ERROR, tables)),
    ]);
  }
  const header = JSON.stringify({
    format: FORMAT,
    version: INVENTORY_CACHE_VERSION,
    context,
    names: tables.names,
    files: records,
  });
  return `${header}\n${tables.pems.join('')}`;
}

/** The records of a cache written for `context`; undefined for anything else (corrupt, foreign, older, other settings). */
export function decodeInventoryCache(text: string, context: string): CachedFile[] | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  return decodeParts(text.slice(0, newline), new PemText(text.slice(newline + 1)), context);
}

/** As decodeInventoryCache, from the file's bytes: the PEM section is ASCII and read as such, not as UTF-8. */
function decodeBytes(bytes: Buffer, context: string): CachedFile[] | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  return decodeParts(bytes.toString('utf8', 0, newline), new PemText(bytes.toString('latin1', newline + 1)), context);
}

function decodeParts(header: string, pems: PemSource, context: string): CachedFile[] | undefined {
  try {
    const parsed = JSON.parse(header) as Record<string, unknown>;
    check(typeof parsed === 'object' && parsed !== null);
    if (parsed.format !== FORMAT || parsed.version !== INVENTORY_CACHE_VERSION || parsed.context !== context)
      return undefined;
    check(Array.isArray(parsed.files));
    const tables: DecodeTables = { names: decodeNames(parsed.names), pems };
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
          items: (items as unknown[]).map((item) => decodeItem(item, path as string, tables)),
          errors: (errors as unknown[]).map(
            (error) => decodeFields(error, 0, COMPILED_ERROR, { path }, tables) as unknown as InventoryError,
          ),
        },
      };
    });
    // Every character of the section belongs to a certificate: anything else is not a cache this code wrote.
    check(pems.atEnd());
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

/**
 * As readInventoryCache, at once: for an activation that shows the cached tree before anything else runs. The
 * file is read a chunk at a time through one buffer (see PemFile).
 */
export function readInventoryCacheSync(file: string, context: string): CachedFile[] | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    const header: string[] = [];
    for (let position = 0; ;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return undefined;
      position += read;
      const newline = chunk.indexOf(0x0a);
      if (newline >= 0 && newline < read) {
        header.push(decoder.end(chunk.subarray(0, newline)));
        return decodeParts(header.join(''), new PemFile(fd, position, size, chunk, newline + 1, read), context);
      }
      header.push(decoder.write(chunk.subarray(0, read)));
    }
  } catch (error) {
    // A file that cannot be read is no cache; a bug in the decoder is still a bug.
    if ((error as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw error;
  } finally {
    closeSync(fd);
  }
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
