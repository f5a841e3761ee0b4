import { DAY_MS } from '../../core/expiry';
import { CertificateInfo } from '../../core/model';
import { Command, EXIT } from '../command';
import { formatTable } from '../formatTable';
import { errorToJson, formatErrors, itemToJson } from '../inventoryJson';
import { parseDays, parseNow, parseThresholds, stringOption, UsageError } from '../parseArgs';
import { scanOptions } from '../scanPaths';
import { formatReplaced, loadReplaced, replacedOptions, replacedToJson, splitReplaced } from '../loadReplaced';
import {
  countsInCheck,
  failsCheck,
  formatStoreErrors,
  scanPathsAndStores,
  storeErrorJson,
  StoreItem,
  storeItemJson,
  storeItemLocation,
  storesOption,
} from '../storeItems';
import { certificateRow, rowsFor } from './inventory';

export const checkCommand: Command = {
  name: 'check',
  summary: 'exit 1 when a certificate under the paths expires within DAYS days (a CI gate)',
  synopsis: 'check PATH... --within DAYS [--store SPEC...] [--record FILE] [--register FILE] [--now T] [--json]',
  options: {
    within: {
      type: 'string',
      value: 'DAYS',
      description: 'fail when notAfter <= now + DAYS days (expired certificates included); required',
    },
    json: {
      type: 'boolean',
      description:
        'print one JSON document: {"now","withinDays","checked","expiring":[...],"replaced":[...],"errors":[...]}',
    },
    now: { type: 'string', value: 'T', description: 'the current time, ISO 8601 (default: the clock)' },
    thresholds: {
      type: 'string',
      value: 'DAYS,...',
      description: 'reminder thresholds for the status column (default 30,15,5)',
    },
    store: {
      ...storesOption,
      description: `${storesOption.description}; its current and pending certificates count like files`,
    },
    ...scanOptions,
    ...replacedOptions,
  },
  async run(args, io) {
    const within = stringOption(args, 'within');
    if (within === undefined) throw new UsageError('--within DAYS is required');
    const withinDays = parseDays('--within', within);
    const now = parseNow(stringOption(args, 'now'));
    const thresholds = parseThresholds(stringOption(args, 'thresholds'));
    const { files: result, stores, storeErrors } = await scanPathsAndStores(args, io);
    const replacedSet = await loadReplaced(args);

    // Certificates inside readable PKCS#12 files count too: they are deployed as much as PEM files are.
    const found: CertificateInfo[] = result.items.flatMap((item) =>
      item.kind === 'certificate' ? [item] : item.kind === 'pkcs12' ? item.certificates : [],
    );
    const inStore = new Map<CertificateInfo, StoreItem>(
      stores.filter(countsInCheck).map((item) => [item.entry.certificate, item]),
    );
    // A certificate a completed rotation replaced is history: listed apart, never counted.
    const { counted: certificates, replaced } = splitReplaced(found, replacedSet);
    // A store's current or pending certificate counts even when a record calls it replaced: the store is what
    // services read, and it says they still read it (switched-away ones are left out by countsInCheck already).
    certificates.push(...inStore.keys());
    const limit = now.getTime() + withinDays * DAY_MS;
    const expiring = certificates.filter((c) => Date.parse(c.notAfter) <= limit);
    expiring.sort(
      (a, b) =>
        Date.parse(a.notAfter) - Date.parse(b.notAfter) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : a.index - b.index),
    );

    if (args.options.json) {
      io.stdout(
        JSON.stringify(
          {
            now: now.toISOString(),
            withinDays,
            checked: certificates.length,
            expiring: expiring.map((c) =>
              inStore.has(c) ? storeItemJson(inStore.get(c)!, now, thresholds) : itemToJson(c, now, thresholds),
            ),
            replaced: replacedToJson(replaced, now, thresholds),
            errors: [...result.errors.map(errorToJson), ...storeErrors.map(storeErrorJson)],
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      if (expiring.length > 0) {
        io.stdout(`${expiring.length} of ${certificates.length} certificate(s) expire within ${within} day(s):\n`);
        io.stdout(
          formatTable(
            ['KIND', 'STATUS', 'EXPIRES', 'NOT AFTER', 'NAME', 'KEY', 'FILE'],
            expiring.flatMap((c) =>
              inStore.has(c)
                ? [certificateRow(c, now, thresholds, 'certificate', storeItemLocation(inStore.get(c)!))]
                : rowsFor(c, now, thresholds),
            ),
          ),
        );
      } else {
        io.stdout(`No certificate expires within ${within} day(s) (${certificates.length} checked).\n`);
      }
      if (replaced.length > 0) io.stdout(`\n${formatReplaced(replaced)}`);
      if (result.errors.length > 0)
        io.stdout(`\n${result.errors.length} file problem(s):\n${formatErrors(result.errors)}`);
      if (storeErrors.length > 0)
        io.stdout(`\n${storeErrors.length} store problem(s):\n${formatStoreErrors(storeErrors)}`);
    }
    return expiring.length > 0 || storeErrors.some(failsCheck) ? EXIT.problems : EXIT.ok;
  },
};
