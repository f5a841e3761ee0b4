// The long fuzz run: compiles the tests, then runs only test/unit/fuzz with a large budget.
// `npm run fuzz` uses 20,000 runs per property; override with FUZZ_RUNS, pick a seed with FUZZ_SEED
// (a failure prints the seed and the path that replays it). Extra arguments go to mocha (e.g. --grep PEM).
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS || '20000' };

function run(script, args) {
  const result = spawnSync(process.execPath, [require.resolve(script, { paths: [root] }), ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
}

run('typescript/bin/tsc', ['-p', 'tsconfig.test.json']);
console.log(`fuzz: FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_SEED ? ` FUZZ_SEED=${env.FUZZ_SEED}` : ''}`);
run('mocha/bin/mocha.js', [
  '--timeout',
  '0',
  '--reporter',
  'spec',
  'out/test/unit/fuzz/**/*.test.js',
  ...process.argv.slice(2),
]);
