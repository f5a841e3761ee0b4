import { readCertificate } from './certificate';
import { readCsr } from './csr';
import { CoreError } from '../errors';
import { InventoryError, InventoryItem, InventoryResult, PrivateKeyInfo } from '../model';
import { looksLikePem, PemBlock, sniffDer, splitPem } from './pem';
import { readPkcs12 } from './pkcs12';
import { PRIVATE_KEY_LABELS, readPrivateKey } from './privateKey';

export interface ReadOptions {
  /** Tried on encrypted keys and PKCS#12 files. */
  passphrase?: string;
}

const CERTIFICATE_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'];
const CSR_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'];
/** Blocks that travel with keys (`openssl ecparam -genkey` writes one) and are not worth an error. */
const IGNORED_LABELS = ['EC PARAMETERS'];

/**
 * Everything one file holds: one item per PEM block (or one for a DER file), and one error per thing that
 * could not be read. Never throws, so that one bad file cannot stop a scan.
 */
export function readCryptoFile(path: string, bytes: Buffer, options: ReadOptions = {}): InventoryResult {
  const items: InventoryItem[] = [];
  const errors: InventoryError[] = [];
  const fail = (error: unknown, line?: number) => errors.push(toInventoryError(path, error, line));

  if (bytes.length === 0 || isBlank(bytes)) {
    fail(new CoreError('empty-file', 'empty file'));
    return { items, errors };
  }
  try {
    if (looksLikePem(bytes)) {
      const { blocks, problems } = splitPem(bytes.toString('latin1'));
      for (const problem of problems) fail(problem);
      for (const block of blocks) readBlock(path, block, items.length, options, items, fail);
      if (blocks.length === 0 && problems.length === 0) {
        fail(new CoreError('not-pem-or-der', 'no complete PEM block found'));
      }
    } else {
      readDer(path, bytes, options, items, fail);
    }
  } catch (error) {
    fail(error);
  }
  return { items, errors };
}

function readBlock(
  path: string,
  block: PemBlock,
  index: number,
  options: ReadOptions,
  items: InventoryItem[],
  fail: (e: unknown, line?: number) => void,
): void {
  const location = { path, index, line: block.line };
  try {
    if (CERTIFICATE_LABELS.includes(block.label)) items.push(readCertificate(block, location));
    else if (CSR_LABELS.includes(block.label)) items.push(readCsr(block, location));
    else if (PRIVATE_KEY_LABELS.includes(block.label))
      readKey(
        () => readPrivateKey(block, { ...location, passphrase: options.passphrase }),
        items,
        fail,
        block.label,
        location,
      );
    else if (block.label === 'PKCS12') readP12(block.der, { ...location, passphrase: options.passphrase }, items, fail);
    else if (!IGNORED_LABELS.includes(block.label)) {
      fail(
        new CoreError('unsupported-pem-label', `unsupported PEM block ${block.label} at line ${block.line}`, {
          line: block.line,
        }),
      );
    }
  } catch (error) {
    fail(error, block.line);
  }
}

function readDer(
  path: string,
  bytes: Buffer,
  options: ReadOptions,
  items: InventoryItem[],
  fail: (e: unknown) => void,
): void {
  const location = { path, index: 0, line: 1 };
  switch (sniffDer(bytes)) {
    case 'certificate':
      items.push(readCertificate(bytes, location));
      return;
    case 'csr':
      items.push(readCsr(bytes, location));
      return;
    case 'pkcs8':
    case 'pkcs1':
    case 'sec1':
    case 'dsa':
    case 'encrypted-pkcs8':
      readKey(
        () => readPrivateKey(bytes, { ...location, passphrase: options.passphrase }),
        items,
        fail,
        'DER',
        location,
      );
      return;
    case 'pkcs12':
      readP12(bytes, { ...location, passphrase: options.passphrase }, items, fail);
      return;
    default:
      fail(new CoreError('not-pem-or-der', 'neither PEM nor a DER certificate, request, key or PKCS#12 file'));
  }
}

/** A key that the passphrase does not open is still listed (as encrypted), next to the error. */
function readKey(
  read: () => PrivateKeyInfo,
  items: InventoryItem[],
  fail: (e: unknown) => void,
  label: string,
  location: { path: string; index: number; line: number },
): void {
  try {
    items.push(read());
  } catch (error) {
    if (error instanceof CoreError && error.code === 'key-wrong-passphrase') {
      const format =
        label === 'DER'
          ? 'der'
          : label === 'ENCRYPTED PRIVATE KEY'
            ? 'encrypted-pkcs8'
            : label === 'EC PRIVATE KEY'
              ? 'sec1'
              : label === 'RSA PRIVATE KEY'
                ? 'pkcs1'
                : label === 'DSA PRIVATE KEY'
                  ? 'dsa'
                  : 'pkcs8';
      items.push({ kind: 'key', ...location, format, encrypted: true });
    }
    fail(error);
  }
}

function readP12(
  der: Buffer,
  options: { path: string; index: number; line: number; passphrase?: string },
  items: InventoryItem[],
  fail: (e: unknown) => void,
): void {
  try {
    items.push(readPkcs12(der, options));
  } catch (error) {
    if (error instanceof CoreError && error.code === 'pkcs12-wrong-passphrase') {
      items.push({
        kind: 'pkcs12',
        path: options.path,
        index: options.index,
        line: options.line,
        encrypted: true,
        certificates: [],
        keyCount: 0,
      });
    }
    fail(error);
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

export function toInventoryError(path: string, error: unknown, line?: number): InventoryError {
  if (error instanceof CoreError) {
    const at = error.line ?? line;
    return at === undefined
      ? { path, code: error.code, message: error.message }
      : { path, code: error.code, message: error.message, line: at };
  }
  const message = error instanceof Error ? error.message : String(error);
  return line === undefined ? { path, code: 'unreadable', message } : { path, code: 'unreadable', message, line };
}
