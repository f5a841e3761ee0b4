import { describeExpiry, expiryStatus } from '../../core/expiry';
import { commonName } from '../../core/x509/formatName';
import { CertificateInfo, InventoryItem } from '../../core/model';
import { Command, EXIT } from '../command';
import { formatTable } from '../formatTable';
import { errorToJson, formatErrors, itemToJson } from '../inventoryJson';
import { parseNow, parseThresholds, stringOption } from '../parseArgs';
import { scanOptions } from '../scanPaths';
import {
  formatStoreErrors,
  scanPathsAndStores,
  storeErrorJson,
  storeItemJson,
  storeItemLocation,
  storesOption,
} from '../storeItems';

export const inventoryCommand: Command = {
  name: 'inventory',
  summary: 'list every certificate, key, CSR and PKCS#12 file under the paths, with expiry',
  synopsis: 'inventory PATH... [--store SPEC...] [--json] [--now T] [--thresholds 30,15,5]',
  options: {
    json: { type: 'boolean', description: 'print one JSON document: {"items":[...],"errors":[...]}' },
    now: { type: 'string', value: 'T', description: 'the current time, ISO 8601 (default: the clock)' },
    thresholds: {
      type: 'string',
      value: 'DAYS,...',
      description: 'reminder thresholds for the status column (default 30,15,5)',
    },
    store: storesOption,
    ...scanOptions,
  },
  async run(args, io) {
    const now = parseNow(stringOption(args, 'now'));
    const thresholds = parseThresholds(stringOption(args, 'thresholds'));
    const { files: result, stores, storeErrors } = await scanPathsAndStores(args, io);
    if (args.options.json) {
      const items = [
        ...result.items.map((i) => itemToJson(i, now, thresholds)),
        ...stores.map((i) => storeItemJson(i, now, thresholds)),
      ];
      const errors = [...result.errors.map(errorToJson), ...storeErrors.map(storeErrorJson)];
      io.stdout(JSON.stringify({ items, errors }, null, 2) + '\n');
      return EXIT.ok;
    }
    const rows = [
      ...result.items.flatMap((item) => rowsFor(item, now, thresholds)),
      ...stores.map((i) => certificateRow(i.entry.certificate, now, thresholds, 'certificate', storeItemLocation(i))),
    ];
    if (rows.length > 0)
      io.stdout(formatTable(['KIND', 'STATUS', 'EXPIRES', 'NOT AFTER', 'NAME', 'KEY', 'FILE'], rows));
    else io.stdout('No certificates, keys, CSRs or PKCS#12 files found.\n');
    if (result.errors.length > 0)
      io.stdout(`\n${result.errors.length} file problem(s):\n${formatErrors(result.errors)}`);
    if (storeErrors.length > 0)
      io.stdout(`\n${storeErrors.length} store problem(s):\n${formatStoreErrors(storeErrors)}`);
    return EXIT.ok;
  },
};

function location(item: { path: string; line: number }): string {
  return `${item.path}:${item.line}`;
}

function keyText(item: { keyType?: string; keyBits?: number; curve?: string }): string {
  if (!item.keyType) return '-';
  return [item.keyType, item.curve ?? item.keyBits].filter((x) => x !== undefined).join(' ');
}

export function certificateRow(
  c: CertificateInfo,
  now: Date,
  thresholds: number[] | undefined,
  kind = 'certificate',
  where = location(c),
): string[] {
  const expiry = expiryStatus(c.notAfter, now, thresholds);
  return [
    kind,
    expiry.status,
    describeExpiry(expiry),
    c.notAfter.replace('.000Z', 'Z'),
    commonName(c.subject) ?? '-',
    keyText(c),
    where,
  ];
}

export function rowsFor(item: InventoryItem, now: Date, thresholds?: number[]): string[][] {
  switch (item.kind) {
    case 'certificate':
      return [certificateRow(item, now, thresholds)];
    case 'key':
      return [['key', item.encrypted ? 'encrypted' : '-', '-', '-', item.format, keyText(item), location(item)]];
    case 'csr':
      return [
        [
          'csr',
          item.signatureValid ? '-' : 'bad-signature',
          '-',
          '-',
          commonName(item.subject) ?? '-',
          keyText(item),
          location(item),
        ],
      ];
    case 'pkcs12':
      return [
        [
          'pkcs12',
          item.encrypted && item.certificates.length === 0 ? 'encrypted' : '-',
          '-',
          '-',
          `${item.certificates.length} cert(s), ${item.keyCount} key(s)`,
          '-',
          location(item),
        ],
        ...item.certificates.map((c) => certificateRow(c, now, thresholds, '  certificate')),
      ];
  }
}
