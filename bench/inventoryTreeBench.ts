// The Certificates view's rebuild (pairing, badges, sections) at 10,000 certificates, in plain Node: what runs
// after every batch of a scan and every saved file. Against the least a rebuild must do (each certificate's
// expiry status, then a sort by expiry), measured alternately in the same run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expiryStatus, normalizeThresholds } from '../src/core/expiry';
import { buildInventoryModel, InventoryModel } from '../src/core/inventory/buildInventoryModel';
import { groupInventory } from '../src/core/inventory/groupInventory';
import { InventoryError, InventoryItem } from '../src/core/model';
import { readCryptoFile } from '../src/core/x509/readCryptoFile';
import { makeCertificateTree, makeDistinctCertificates } from './certificateTree';
import { median, ms, printTable } from './stats';

export interface InventoryTreeBenchOptions {
  files?: number;
  rounds?: number;
}

const THRESHOLDS = [30, 15, 5];
const MIB = 1024 * 1024;

function floor(items: readonly InventoryItem[], now: Date): number {
  const days = normalizeThresholds(THRESHOLDS);
  const rows: Array<{ end: number; status: string }> = [];
  for (const item of items)
    if (item.kind === 'certificate')
      rows.push({ end: Date.parse(item.notAfter), status: expiryStatus(item.notAfter, now, days).status });
  rows.sort((a, b) => a.end - b.end);
  return rows.length;
}

function rebuild(items: InventoryItem[], errors: InventoryError[], now: Date, root: string): InventoryModel {
  const model = buildInventoryModel(items, errors, now, THRESHOLDS);
  return groupInventory(model, { groupBy: 'auto', thresholds: THRESHOLDS, folders: [root] });
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function inventoryTreeBench(options: InventoryTreeBenchOptions = {}): Promise<Record<string, number>> {
  const total = options.files ?? 10_000;
  const rounds = options.rounds ?? 15;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-tree-bench-'));
  try {
    // Client certificates expiring from tomorrow on, and a few CA certificates: both lists grow.
    const pems = [
      ...makeDistinctCertificates(dir, 50, { ecOnly: true, firstDays: 1, stepDays: 8, name: 'leaf' }),
      ...makeDistinctCertificates(dir, 10, { ca: true }),
    ];
    const root = path.join(dir, 'tree');
    const files = makeCertificateTree(root, pems, total);
    const items: InventoryItem[] = [];
    const errors: InventoryError[] = [];
    for (const file of files) {
      const result = readCryptoFile(file, fs.readFileSync(file));
      items.push(...result.items);
      errors.push(...result.errors);
    }
    // Two months on, some have expired and some are due: every section of the view is there.
    const now = new Date(Date.now() + 60 * 86_400_000);

    // The first rebuild after a scan meets every record for the first time; later ones meet the same records.
    const first = time(() => rebuild(items, errors, now, root));
    const floors: number[] = [];
    const rebuilds: number[] = [];
    const models: number[] = [];
    for (let round = 0; round < rounds; round++) {
      floors.push(time(() => floor(items, now)));
      rebuilds.push(time(() => rebuild(items, errors, now, root)));
      models.push(time(() => buildInventoryModel(items, errors, now, THRESHOLDS)));
    }
    const base = median(floors);
    const model = rebuild(items, errors, now, root);

    // What one model holds beyond the records: measured only when the run can collect garbage (--expose-gc).
    const gc = (globalThis as { gc?: () => void }).gc;
    let retained: number | undefined;
    if (gc) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 5 }, () => rebuild(items, errors, now, root));
      gc();
      retained = (process.memoryUsage().heapUsed - before) / kept.length;
    }

    const ratio = (value: number) => `${(value / base).toFixed(2)}x`;
    printTable(
      `The Certificates view's model at ${items.length} certificates (${files.length} files), median of ${rounds}`,
      ['', 'ms', 'ratio'],
      [
        ['floor: expiry status of each certificate + sort', ms(base), '1.00x'],
        ['buildInventoryModel (pairing, badges)', ms(median(models)), ratio(median(models))],
        ['rebuild: model + sections (groupBy auto)', ms(median(rebuilds)), ratio(median(rebuilds))],
        ['first rebuild (records not seen before)', ms(first), ratio(first)],
      ],
    );
    const sections = model.roots.flatMap((n) => (n.type === 'bucket' ? [`${n.label} ${n.count}`] : []));
    console.log(
      `root items: ${model.roots.length}${sections.length > 0 ? ` (sections: ${sections.join(', ')})` : ''}` +
        (retained === undefined ? '' : `; one model retains ${(retained / MIB).toFixed(2)} MiB beyond the records`),
    );
    return {
      floorMs: base,
      modelMs: median(models),
      rebuildMs: median(rebuilds),
      firstMs: first,
      rebuildRatio: median(rebuilds) / base,
      roots: model.roots.length,
      ...(retained === undefined ? {} : { retainedMiB: retained / MIB }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const flag = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  inventoryTreeBench({ files: flag('files'), rounds: flag('rounds') }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
