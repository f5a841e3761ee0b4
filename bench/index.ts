// Runs every benchmark: `npm run bench` (or `node out/bench/index.js [--files N] [--rounds N]`).
import { csrParseBench } from './csrParseBench';
import { inventoryBench } from './inventoryBench';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

async function run(): Promise<void> {
  await csrParseBench();
  await inventoryBench({ files: flag('files'), rounds: flag('rounds') });
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
