// Runs the integration tests (test/integration/**/*.test.ts, compiled to out/) inside real VS Code extension
// hosts, offline: the VS Code server from the npm package `code-server`, its workbench opened in headless
// Chromium. See "How the tests run" in the README for why and how, and `--help` for the options.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CHROMIUM } from './runInBrowser';
import { runTarget, seconds, type TargetResult } from './runTarget';
import { sampleMemory } from './sampleMemory';
import { selectTargets } from './targets';
import { tailOfFile } from './tailOfFile';

const USAGE = `usage: node out/test/host/runOffline.js [--only VERSION[,VERSION]] [--timeout SECONDS] [--update-screenshot]

  --only VERSION        run only this VS Code (or code-server) version; repeatable; env MTLS_HOST_TARGETS
  --timeout SECONDS     limit per target for server start and tests (default 480); env MTLS_HOST_TIMEOUT
  --update-screenshot   copy the VS Code 1.100.3 screenshot to media/screenshots/inventory.png
  env MTLS_HOST_CHROMIUM  Chromium binary (default ${DEFAULT_CHROMIUM})
  env MTLS_TEST_GREP      run only the tests whose title matches (mocha --grep)`;

interface Options {
  only: string[];
  timeoutMs: number;
  updateScreenshot: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    only: [],
    timeoutMs: Number(process.env.MTLS_HOST_TIMEOUT || 480) * 1000,
    updateScreenshot: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--only') options.only.push(value());
    else if (flag === '--timeout') options.timeoutMs = Number(value()) * 1000;
    else if (flag === '--update-screenshot') options.updateScreenshot = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (!(options.timeoutMs > 0)) throw new Error('--timeout must be a positive number of seconds');
  return options;
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const targets = selectTargets(options.only, process.env.MTLS_HOST_TARGETS);
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const cacheRoot = path.join(repoRoot, '.vscode-test');
  const chromium = process.env.MTLS_HOST_CHROMIUM || DEFAULT_CHROMIUM;

  const preflight = checkPreflight(repoRoot, chromium);
  if (preflight.errors.length > 0) {
    for (const e of preflight.errors) console.error(`error: ${e}`);
    console.log(`integration: 0 passed, ${targets.length} failed`);
    return 1;
  }
  for (const w of preflight.warnings) console.warn(`warning: ${w}`);

  // Ctrl-C (or SIGTERM) ends the current target cleanly: browser and server are killed, no further target runs.
  // A second one exits at once (exit handlers still kill the server's process group).
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) process.exit(130);
    console.error(`\n${signal}: stopping`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const memory = sampleMemory();
  const results: TargetResult[] = [];
  // Each VS Code runs the suite in a trusted workspace, then the Restricted Mode suite in an untrusted one.
  const runs = targets.flatMap((target) => (['trusted', 'restricted'] as const).map((trust) => ({ target, trust })));
  for (const { target, trust } of runs) {
    if (interrupt.signal.aborted) break;
    console.log(
      `\n=== VS Code ${target.vscode} (code-server ${target.codeServer})${trust === 'restricted' ? ', Restricted Mode' : ''} ===`,
    );
    results.push(
      await runTarget(target, {
        repoRoot,
        cacheRoot,
        chromium,
        timeoutMs: options.timeoutMs,
        signal: interrupt.signal,
        print: (line) => console.log(line),
        trust,
        testsEntry:
          trust === 'restricted'
            ? path.join(repoRoot, 'out', 'test', 'integration', 'restricted', 'index.js')
            : undefined,
      }),
    );
  }
  const peak = memory.stop();

  console.log('\n=== summary ===');
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += r.passing;
    // A target that ends without mocha's failure count (timeout, crash, install failure) counts as one failure.
    failed += r.ok ? r.failing : Math.max(r.failing, 1);
    const counts = `${r.passing} passing, ${r.failing} failing` + (r.pending ? `, ${r.pending} pending` : '');
    console.log(
      `VS Code ${r.target.vscode}${r.trust === 'restricted' ? ' (Restricted Mode)' : ''}: ${r.ok ? 'ok' : 'FAILED'} — host reported ${r.reportedVersion ?? '(nothing)'}, ` +
        `Node ${r.nodeVersion ?? '?'}, ${counts}; install ${seconds(r.installMs)}${r.installCached ? ' (cached)' : ''}, ` +
        `run ${seconds(r.runMs)}` +
        (r.screenshot ? `, screenshot ${path.relative(repoRoot, r.screenshot)}` : ''),
    );
    for (const p of r.problems) console.log(`  - ${p}`);
    if (!r.ok && !r.interrupted && fs.existsSync(r.serverLog)) {
      // When tests merely failed, their output above says it all; otherwise the server's log may tell why.
      const testsOnly = r.exitCode !== undefined && r.failing > 0 && r.reportedVersion !== undefined;
      if (testsOnly) console.log(`  server log ${r.serverLog}`);
      else {
        console.log(`  server log ${r.serverLog}, last 40 lines:`);
        console.log(indent(tailOfFile(r.serverLog, 40), '    | '));
      }
    }
  }
  const skipped = runs.length - results.length;
  if (skipped > 0) console.log(`${skipped} target(s) not run (interrupted)`);

  if (options.updateScreenshot) updateScreenshot(repoRoot, results);

  console.log(
    `total ${seconds(Date.now() - started)}` +
      (peak > 0 ? `, peak memory ${(peak / 2 ** 30).toFixed(2)} GiB (PSS of this process tree)` : ''),
  );
  console.log(`integration: ${passed} passed, ${failed} failed`);
  const allOk = results.length === runs.length && results.every((r) => r.ok);
  return interrupt.signal.aborted ? 130 : allOk ? 0 : 1;
}

function checkPreflight(repoRoot: string, chromium: string): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const entry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(entry)) errors.push(`${entry} is missing: run \`npx tsc -p tsconfig.test.json\` first`);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main?: string };
  const main = path.resolve(repoRoot, pkg.main ?? 'dist/extension.js');
  if (!fs.existsSync(main)) errors.push(`${main} (package.json "main") is missing: run \`npm run build\` first`);
  else {
    const newest = newestMtime(path.join(repoRoot, 'src'));
    if (newest > fs.statSync(main).mtimeMs)
      warnings.push(
        `${path.relative(repoRoot, main)} is older than src/: the tests run the old build (\`npm run build\`)`,
      );
  }
  if (!fs.existsSync(chromium))
    errors.push(`no Chromium at ${chromium} (Debian: apt-get install chromium; or set MTLS_HOST_CHROMIUM)`);
  return { errors, warnings };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function updateScreenshot(repoRoot: string, results: TargetResult[]): void {
  const r = results.find((x) => x.target.vscode === '1.100.3' && x.trust !== 'restricted');
  if (!r?.ok || !r.screenshot) {
    const why = r ? 'did not pass with a screenshot' : 'was not run';
    console.log(`--update-screenshot: VS Code 1.100.3 ${why}; media/screenshots/inventory.png left as is`);
    return;
  }
  const target = path.join(repoRoot, 'media', 'screenshots', 'inventory.png');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(r.screenshot, target);
  console.log(`--update-screenshot: ${path.relative(repoRoot, target)} updated`);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
