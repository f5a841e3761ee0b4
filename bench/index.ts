// Runs every benchmark: `npm run bench` (or `node out/bench/index.js [--files N] [--rounds N]`).
import { chainVerifyBench } from './chainVerifyBench';
import { runConfigValidationBench } from './configValidationBench';
import { csrParseBench } from './csrParseBench';
import { runGenerateBench } from './generateBench';
import { hostInventoryBench } from './hostInventoryBench';
import { inventoryBench } from './inventoryBench';
import { inventoryTreeBench } from './inventoryTreeBench';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

async function run(): Promise<void> {
  console.log('\n== OpenSSL config validation (goal: <= 10 ms for 2,000 lines)');
  for (const r of await runConfigValidationBench()) {
    const base =
      r.baselineMs !== undefined ? `; baseline ${r.baselineMs.toFixed(2)} ms, ratio ${r.ratio?.toFixed(2)}` : '';
    console.log(`${r.name}: ${r.ms.toFixed(2)} ms median${base}`);
  }
  await csrParseBench();
  await chainVerifyBench();
  await inventoryBench({ files: flag('files'), rounds: flag('rounds') });
  await inventoryTreeBench({ files: flag('files') });
  await runGenerateBench(flag('generate-rounds'));
  console.log('\n== The Certificates view in a real VS Code extension host (code-server 1.100.3), 10,000 files');
  for (const row of await hostInventoryBench(flag('host-files') ?? 10_000)) {
    console.log(
      `${row.name}: ${row.ms} ${typeof row.unit === 'string' ? row.unit : 'ms'}${row.ratio !== undefined ? ` (${row.ratio}x the plain loop)` : ''}`,
    );
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
