// Elapsed time and peak memory of every CLI command given a FIFO, a directory, /dev/zero or a file over the
// size limit where it expects a file (issue 10: each must answer within a second, in under 300 MB).
// `npm run build && npm run compile-tests && node out/bench/hostileInputsBench.js`; runs one at a time, so
// that the times are the command's own.
import { HOSTILE_MESSAGES, hostileCases, hostileFiles, runMeasured } from '../test/support/hostileInputs';

async function run(): Promise<void> {
  const cases = hostileCases(hostileFiles());
  console.log(
    `${'command'.padEnd(24)}${'case'.padEnd(11)}exit  one line  ${'ms'.padStart(6)}  ${'peak RSS'.padStart(9)}  stderr`,
  );
  // What starting Node and loading the bundle cost on this machine, for scale: a refusal should cost no more.
  const help = await runMeasured(['--help']);
  console.log(
    `${'(baseline: --help)'.padEnd(35)}${String(help.code).padEnd(16)}${help.elapsedMs.toFixed(0).padStart(6)}  ${`${((help.peakRssKb ?? NaN) / 1024).toFixed(1)} MB`.padStart(9)}`,
  );
  let worstMs = 0;
  let worstKb = 0;
  for (const c of cases) {
    const r = await runMeasured(c.args);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    const ok = r.code === 2 && lines.length === 1 && HOSTILE_MESSAGES[c.kind].test(lines[0]);
    worstMs = Math.max(worstMs, r.elapsedMs);
    worstKb = Math.max(worstKb, r.peakRssKb ?? Infinity);
    console.log(
      `${c.name.padEnd(24)}${c.kind.padEnd(11)}${String(r.code ?? r.signal).padEnd(6)}${(ok ? 'yes' : 'NO').padEnd(10)}${r.elapsedMs.toFixed(0).padStart(6)}  ${`${((r.peakRssKb ?? NaN) / 1024).toFixed(1)} MB`.padStart(9)}  ${lines[0] ?? ''}`,
    );
  }
  console.log(
    `\n${cases.length} runs; slowest ${worstMs.toFixed(0)} ms, largest peak RSS ${(worstKb / 1024).toFixed(1)} MB (node ${process.version})`,
  );
}

run().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
