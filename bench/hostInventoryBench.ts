// The Certificates view on 10,000 certificate files in a real VS Code extension host (the offline harness's
// code-server 1.100.3), against a plain X509Certificate loop in the same process: a first launch without a cache,
// then a second on the same workspace and user data, which reopens from the cache the first one wrote.
import * as fs from 'fs';
import * as path from 'path';
import { runTarget } from '../test/host/runTarget';
import { TARGETS } from '../test/host/targets';
import { makeCertificateTree, makeDistinctCertificates } from './certificateTree';

export interface HostBenchRow {
  name: string;
  ms: number;
  ratio?: number;
  [key: string]: unknown;
}

/** The issue's goals, by row name: ratios to the host's plain loop, and RSS after the load. */
const GOALS: { name: string; max: number; unit: 'ratio' | 'MiB' }[] = [
  { name: 'full load after activation (first scan, no cache)', max: 1.5, unit: 'ratio' },
  { name: 'refresh with nothing changed (median)', max: 0.3, unit: 'ratio' },
  { name: 'reopen from the cache: activation to the whole tree', max: 0.2, unit: 'ratio' },
  { name: 'extension host memory after the full load', max: 300, unit: 'MiB' },
];

export async function hostInventoryBench(files = 10_000): Promise<HostBenchRow[]> {
  const rows: HostBenchRow[] = [];
  // First launch: a new workspace and new user data, so no cache. Second: the same workspace (not regenerated)
  // and the same user data, so the same workspace storage and the cache the first launch wrote.
  await launch('first', files, rows);
  await launch('reopen', files, rows);
  for (const goal of GOALS) {
    const row = rows.find((r) => r.name === goal.name);
    if (!row) continue;
    const value = goal.unit === 'ratio' ? row.ratio : row.ms;
    const met = value !== undefined && value <= goal.max;
    row.name += ` [goal <= ${goal.max}${goal.unit === 'ratio' ? 'x' : ' MiB'}: ${met ? 'MET' : 'NOT MET'}]`;
  }
  return rows;
}

async function launch(phase: 'first' | 'reopen', files: number, rows: HostBenchRow[]): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const cacheRoot = path.join(repoRoot, '.vscode-test');
  const target = TARGETS[0];
  const controller = new AbortController();
  // The extension host inherits the server's environment, which inherits ours.
  process.env.MTLS_BENCH_PHASE = phase;
  try {
    const result = await runTarget(target, {
      repoRoot,
      cacheRoot,
      chromium: process.env.MTLS_HOST_CHROMIUM ?? '/usr/lib/chromium/chromium',
      timeoutMs: 10 * 60_000,
      signal: controller.signal,
      print: () => undefined,
      testsEntry: path.join(repoRoot, 'out', 'bench', 'host', 'inventoryInHost.js'),
      mocha: false,
      keepState: phase === 'reopen',
      prepareWorkspace(dir) {
        if (phase === 'reopen') return dir;
        fs.rmSync(dir, { recursive: true, force: true });
        const pems = makeDistinctCertificates(path.join(dir, '.distinct'), 50);
        fs.rmSync(path.join(dir, '.distinct'), { recursive: true, force: true });
        makeCertificateTree(dir, pems, files);
        return dir;
      },
      onOutput(line) {
        if (line.includes('Inventory:') || line.includes('HEAP ')) console.log(`[${phase}] ${line.trim()}`);
        const at = line.indexOf('BENCH ');
        if (at >= 0) rows.push(JSON.parse(line.slice(at + 'BENCH '.length)) as HostBenchRow);
      },
    });
    if (!result.ok)
      throw new Error(`host benchmark (${phase}) failed: ${result.problems.join('; ')} (log ${result.serverLog})`);
  } finally {
    delete process.env.MTLS_BENCH_PHASE;
  }
}

function extras(row: HostBenchRow): string {
  const rest = Object.entries(row).filter(([key]) => !['name', 'ms', 'ratio', 'unit'].includes(key));
  return rest.length > 0 ? ` {${rest.map(([key, value]) => `${key}: ${String(value)}`).join(', ')}}` : '';
}

if (require.main === module) {
  hostInventoryBench(Number(process.argv[2] ?? 10_000)).then(
    (rows) => {
      for (const row of rows)
        console.log(
          `${row.name}: ${row.ms} ${typeof row.unit === 'string' ? row.unit : 'ms'}${row.ratio !== undefined ? ` (ratio ${row.ratio})` : ''}${extras(row)}`,
        );
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
