// The Certificates view on 10,000 certificate files in a real VS Code extension host (the offline harness's
// code-server 1.100.3), against a plain X509Certificate loop in the same process.
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

export async function hostInventoryBench(files = 10_000): Promise<HostBenchRow[]> {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const cacheRoot = path.join(repoRoot, '.vscode-test');
  const target = TARGETS[0];
  const rows: HostBenchRow[] = [];
  const controller = new AbortController();
  const result = await runTarget(target, {
    repoRoot,
    cacheRoot,
    chromium: process.env.MTLS_HOST_CHROMIUM ?? '/usr/lib/chromium/chromium',
    timeoutMs: 10 * 60_000,
    signal: controller.signal,
    print: () => undefined,
    testsEntry: path.join(repoRoot, 'out', 'bench', 'host', 'inventoryInHost.js'),
    mocha: false,
    prepareWorkspace(dir) {
      fs.rmSync(dir, { recursive: true, force: true });
      const pems = makeDistinctCertificates(path.join(dir, '.distinct'), 50);
      fs.rmSync(path.join(dir, '.distinct'), { recursive: true, force: true });
      makeCertificateTree(dir, pems, files);
      return dir;
    },
    onOutput(line) {
      const at = line.indexOf('BENCH ');
      if (at >= 0) rows.push(JSON.parse(line.slice(at + 'BENCH '.length)) as HostBenchRow);
    },
  });
  if (!result.ok) throw new Error(`host benchmark failed: ${result.problems.join('; ')} (log ${result.serverLog})`);
  return rows;
}

if (require.main === module) {
  hostInventoryBench(Number(process.argv[2] ?? 10_000)).then(
    (rows) => {
      for (const row of rows)
        console.log(
          `${row.name}: ${row.ms} ${typeof row.unit === 'string' ? row.unit : 'ms'}${row.ratio !== undefined ? ` (ratio ${row.ratio})` : ''}`,
        );
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
