// scanInventory against the least a scan must do (read each file, parse it with X509Certificate) and
// against one openssl process per file, on 10,000 certificate files in nested folders.
import { spawnSync } from 'child_process';
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scanInventory } from '../src/core/inventory/scanInventory';
import { readCryptoFile } from '../src/core/x509/readCryptoFile';
import { makeCertificateTree, makeDistinctCertificates } from './certificateTree';
import { median, ms, printTable } from './stats';

export interface InventoryBenchOptions {
  files?: number;
  distinct?: number;
  rounds?: number;
  opensslSample?: number;
}

/** The same parse as the scan, without the walk and with synchronous reads: separates parsing from I/O. */
function syncParseLoop(files: string[]): number {
  let items = 0;
  for (const file of files) items += readCryptoFile(file, fs.readFileSync(file)).items.length;
  return items;
}

/** Peak RSS and heap while `run` runs (sampled every 5 ms), and how busy the event loop was meanwhile. */
async function watched<T>(
  run: () => Promise<T>,
): Promise<{ value: T; ms: number; rss: number; heap: number; busy: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 5);
  const loop = performance.eventLoopUtilization();
  const start = performance.now();
  try {
    const value = await run();
    const elapsed = performance.now() - start;
    sample();
    return { value, ms: elapsed, rss, heap, busy: performance.eventLoopUtilization(loop).utilization };
  } finally {
    clearInterval(timer);
  }
}

const MIB = 1024 * 1024;
/** The goal (issue 15): the scan at or below the plain loop. */
const GOAL_RATIO = 1.0;

async function plainLoop(files: string[]): Promise<number> {
  let parsed = 0;
  for (const file of files) {
    const cert = new X509Certificate(fs.readFileSync(file));
    if (cert.serialNumber) parsed++;
  }
  return parsed;
}

export async function inventoryBench(options: InventoryBenchOptions = {}): Promise<Record<string, number>> {
  const total = options.files ?? 10_000;
  const rounds = options.rounds ?? 5;
  const sample = options.opensslSample ?? 200;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-bench-'));
  try {
    const setupStart = performance.now();
    const pems = makeDistinctCertificates(root, options.distinct ?? 50);
    const files = makeCertificateTree(path.join(root, 'tree'), pems, total);
    console.log(
      `setup: ${pems.length} distinct certificates, ${files.length} files in ${ms(performance.now() - setupStart)} ms`,
    );

    const scanTimes: number[] = [];
    const scanBusy: number[] = [];
    let peakRss = 0;
    let peakHeap = 0;
    const plainTimes: number[] = [];
    const syncTimes: number[] = [];
    let items = 0;
    // Warm-up, then alternate so that cache and JIT state favour neither side.
    await scanInventory([path.join(root, 'tree')]);
    await plainLoop(files);
    for (let round = 0; round < rounds; round++) {
      const scanned = await watched(() => scanInventory([path.join(root, 'tree')]));
      scanTimes.push(scanned.ms);
      scanBusy.push(scanned.busy);
      peakRss = Math.max(peakRss, scanned.rss);
      peakHeap = Math.max(peakHeap, scanned.heap);
      const result = scanned.value;
      items = result.items.length;
      if (result.errors.length > 0) throw new Error(`bench scan had errors: ${result.errors[0].message}`);
      let start = performance.now();
      await plainLoop(files);
      plainTimes.push(performance.now() - start);
      start = performance.now();
      syncParseLoop(files);
      syncTimes.push(performance.now() - start);
    }

    const sampleFiles = files.slice(0, sample);
    const opensslStart = performance.now();
    for (const file of sampleFiles) {
      const run = spawnSync(
        'openssl',
        ['x509', '-in', file, '-noout', '-subject', '-enddate', '-serial', '-fingerprint', '-sha256'],
        { encoding: 'utf8' },
      );
      if (run.status !== 0) throw new Error(`openssl failed on ${file}`);
    }
    const opensslPerFile = (performance.now() - opensslStart) / sampleFiles.length;

    const scan = median(scanTimes);
    const plain = median(plainTimes);
    const sync = median(syncTimes);
    const rssBefore = process.memoryUsage().rss;
    printTable(
      `inventory: ${files.length} files (${items} certificates), median of ${rounds} rounds, Node ${process.version}, ${os.cpus().length} CPUs`,
      ['method', 'total ms', 'per file µs', 'vs plain'],
      [
        [
          'scanInventory (walk + read + full parse)',
          ms(scan),
          ms((scan / files.length) * 1000),
          `${(scan / plain).toFixed(2)}x`,
        ],
        [
          'readFileSync + readCryptoFile (same parse, no walk, sync I/O)',
          ms(sync),
          ms((sync / files.length) * 1000),
          `${(sync / plain).toFixed(2)}x`,
        ],
        ['plain loop: readFileSync + new X509Certificate', ms(plain), ms((plain / files.length) * 1000), '1.00x'],
        [
          `openssl x509 per file (${sampleFiles.length} sampled, scaled)`,
          ms(opensslPerFile * files.length),
          ms(opensslPerFile * 1000),
          `${((opensslPerFile * files.length) / plain).toFixed(1)}x`,
        ],
      ],
    );
    const ratio = scan / plain;
    console.log(
      `goal (scan <= ${GOAL_RATIO}x plain loop): ${ratio <= GOAL_RATIO ? 'MET' : 'NOT MET'} at ${ratio.toFixed(2)}x`,
    );
    console.log(
      `during the scans: peak RSS ${ms(peakRss / MIB)} MiB (${ms(rssBefore / MIB)} MiB after the rounds, results released), peak main-thread heap ${ms(peakHeap / MIB)} MiB; ` +
        `event loop busy ${(median(scanBusy) * 100).toFixed(0)}% of the scan (the rest is waiting for I/O)`,
    );
    return {
      files: files.length,
      items,
      scanMs: scan,
      peakRssMiB: peakRss / MIB,
      peakHeapMiB: peakHeap / MIB,
      syncParseMs: sync,
      plainMs: plain,
      ratio,
      opensslPerFileMs: opensslPerFile,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
