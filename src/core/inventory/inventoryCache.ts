import { randomBytes } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
import * as nodePath from 'path';
import { InventoryError, InventoryItem, InventoryResult } from '../model';

/** Bumped whenever the records change shape; a cache of another version is ignored, not migrated. */
export const INVENTORY_CACHE_VERSION = 1;
const FORMAT = 'mtls-rotation.inventory-cache';

/** What one file held when it had this size and mtime. */
export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  result: InventoryResult;
}

type Field = 's' | 'n' | 'b' | 's?' | 'n?' | 'b?' | 'names' | 'sans' | 'certificates';
type Spec = Readonly<Record<string, Field>>;

const PUBLIC_KEY: Spec = { publicKeySha256: 's', keyType: 's', keyBits: 'n?', curve: 's?' };
const CERTIFICATE: Spec = {
  ...PUBLIC_KEY,
  index: 'n',
  subject: 'names',
  issuer: 'names',
  subjectAltNames: 'sans',
  notBefore: 's',
  notAfter: 's',
  serialNumber: 's',
  fingerprintSha256: 's',
  selfSigned: 'b',
  isCA: 'b',
  line: 'n',
  pem: 's',
  signatureAlgorithm: 's?',
};
/**
 * What is kept of each kind, field by field: a record carries these and nothing else, so that a field added to
 * the model later is not cached without someone deciding it may be. Keys are public facts only (format,
 * whether encrypted, the public key's hash and type), never key material.
 */
const SPECS: Readonly<Record<InventoryItem['kind'], Spec>> = {
  certificate: CERTIFICATE,
  key: {
    index: 'n',
    format: 's',
    encrypted: 'b',
    line: 'n',
    publicKeySha256: 's?',
    keyType: 's?',
    keyBits: 'n?',
    curve: 's?',
  },
  csr: {
    ...PUBLIC_KEY,
    index: 'n',
    subject: 'names',
    subjectAltNames: 'sans',
    signatureValid: 'b',
    signatureAlgorithm: 's',
    line: 'n',
  },
  pkcs12: { index: 'n', encrypted: 'b', certificates: 'certificates', keyCount: 'n', line: 'n' },
};
const ERROR: Spec = { code: 's', message: 's', line: 'n?' };

class Corrupt extends Error {}

function check(ok: boolean): void {
  if (!ok) throw new Corrupt();
}

/** Copies the fields of `spec` from `source`, checking each one's type; the path is the file's, not stored. */
function pick(source: unknown, spec: Spec, path: string, kind?: string): Record<string, unknown> {
  check(typeof source === 'object' && source !== null && !Array.isArray(source));
  const from = source as Record<string, unknown>;
  const out: Record<string, unknown> = kind ? { kind, path } : { path };
  for (const [name, field] of Object.entries(spec)) {
    const value = from[name];
    if (field.endsWith('?')) {
      if (value === undefined || value === null) continue;
    }
    switch (field) {
      case 's':
      case 's?':
        check(typeof value === 'string');
        break;
      case 'n':
      case 'n?':
        check(typeof value === 'number' && Number.isFinite(value));
        break;
      case 'b':
      case 'b?':
        check(typeof value === 'boolean');
        break;
      case 'names':
      case 'sans':
        check(Array.isArray(value));
        out[name] = (value as unknown[]).map((entry) => {
          check(typeof entry === 'object' && entry !== null);
          const { type, value: text } = entry as Record<string, unknown>;
          check(typeof type === 'string' && typeof text === 'string');
          return { type, value: text };
        });
        continue;
      case 'certificates':
        check(Array.isArray(value));
        out[name] = (value as unknown[]).map((certificate) => pick(certificate, CERTIFICATE, path, 'certificate'));
        continue;
    }
    out[name] = value;
  }
  return out;
}

function pickItem(item: unknown, path: string): InventoryItem {
  check(typeof item === 'object' && item !== null);
  const kind = (item as { kind?: unknown }).kind;
  check(typeof kind === 'string' && Object.prototype.hasOwnProperty.call(SPECS, kind));
  return pick(item, SPECS[kind as InventoryItem['kind']], path, kind as string) as unknown as InventoryItem;
}

function pickError(error: unknown, path: string): InventoryError {
  return pick(error, ERROR, path) as unknown as InventoryError;
}

function withoutPath(record: Record<string, unknown>): Record<string, unknown> {
  const { path: _path, ...rest } = record;
  void _path;
  if (Array.isArray(rest.certificates))
    rest.certificates = (rest.certificates as Record<string, unknown>[]).map(withoutPath);
  return rest;
}

/**
 * The cache as text: a header (format, version, and `context`, which says under what the results hold: the
 * extension's version and the settings that change what a file yields) and one record per file,
 * `[path, size, mtimeMs, items, errors]`, with the path written once per file rather than in every item.
 */
export function encodeInventoryCache(context: string, files: Iterable<CachedFile>): string {
  const records: unknown[] = [];
  for (const file of files) {
    // Items and errors of other paths (a walk's error about a folder) have no size and mtime to check.
    const items = file.result.items.filter((item) => item.path === file.path);
    const errors = file.result.errors.filter((error) => error.path === file.path);
    records.push([
      file.path,
      file.size,
      file.mtimeMs,
      items.map((item) => withoutPath(pickItem(item, file.path) as unknown as Record<string, unknown>)),
      errors.map((error) => withoutPath(pickError(error, file.path) as unknown as Record<string, unknown>)),
    ]);
  }
  return JSON.stringify({ format: FORMAT, version: INVENTORY_CACHE_VERSION, context, files: records });
}

/** The records of a cache written for `context`; undefined for anything else (corrupt, foreign, older, other settings). */
export function decodeInventoryCache(text: string, context: string): CachedFile[] | undefined {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    check(typeof parsed === 'object' && parsed !== null);
    if (parsed.format !== FORMAT || parsed.version !== INVENTORY_CACHE_VERSION || parsed.context !== context)
      return undefined;
    check(Array.isArray(parsed.files));
    return (parsed.files as unknown[]).map((record) => {
      check(Array.isArray(record) && record.length === 5);
      const [path, size, mtimeMs, items, errors] = record as unknown[];
      check(typeof path === 'string' && nodePath.isAbsolute(path));
      check(typeof size === 'number' && typeof mtimeMs === 'number' && Array.isArray(items) && Array.isArray(errors));
      return {
        path: path as string,
        size: size as number,
        mtimeMs: mtimeMs as number,
        result: {
          items: (items as unknown[]).map((item) => pickItem(item, path as string)),
          errors: (errors as unknown[]).map((error) => pickError(error, path as string)),
        },
      };
    });
  } catch (error) {
    if (error instanceof Corrupt || error instanceof SyntaxError || error instanceof TypeError) return undefined;
    throw error;
  }
}

/** The cache at `file`, or undefined when there is none or it does not hold for `context`. Never throws. */
export async function readInventoryCache(file: string, context: string): Promise<CachedFile[] | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return decodeInventoryCache(text, context);
}

/** As readInventoryCache, at once: for an activation that shows the cached tree before anything else runs. */
export function readInventoryCacheSync(file: string, context: string): CachedFile[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return decodeInventoryCache(text, context);
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
