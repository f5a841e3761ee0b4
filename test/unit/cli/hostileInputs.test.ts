// Issue 10: a cloned repository cannot turn the CLI against its user. Every file a command reads on the user's
// word may be a FIFO, a directory, /dev/zero or a huge file; each gets exit 2 and one line on stderr. The time
// limit is a runaway bound (the answer is expected within a second; `node out/bench/hostileInputsBench.js`
// prints the figures), the memory bound is the requirement itself: peak RSS is deterministic enough to assert.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../support/buildCli';
import { cryptoFixtures } from '../../support/cryptoFixtures';
import {
  HOSTILE_MESSAGES,
  hostileCases,
  hostileFiles,
  HostileFiles,
  inBatches,
  MeasuredRun,
  runMeasured,
} from '../../support/hostileInputs';

const RUNAWAY_MS = 10_000;
const PEAK_RSS_LIMIT_KB = 300 * 1024;

function assertRefused(run: MeasuredRun, label: string, message: RegExp): void {
  assert.strictEqual(run.signal, null, `${label}: killed after ${RUNAWAY_MS} ms (hung?)`);
  assert.strictEqual(run.code, 2, `${label}: exit ${run.code}; stderr ${JSON.stringify(run.stderr)}`);
  assert.strictEqual(run.stdout, '', `${label}: stdout ${JSON.stringify(run.stdout)}`);
  const lines = run.stderr.split('\n');
  assert.strictEqual(lines.length, 2, `${label}: not one line: ${JSON.stringify(run.stderr)}`);
  assert.strictEqual(lines[1], '', label);
  assert.match(lines[0], message, label);
  assert.ok(run.peakRssKb !== undefined && run.peakRssKb < PEAK_RSS_LIMIT_KB, `${label}: peak RSS ${run.peakRssKb} KB`);
}

describe('CLI: hostile files named on the command line', function () {
  this.timeout(120_000);
  let files: HostileFiles;
  before(() => {
    buildCli();
    files = hostileFiles();
  });

  it('answers a FIFO, a directory, /dev/zero and an oversize file with exit 2 and one line, for every command that reads one', async () => {
    const cases = hostileCases(files);
    // Every file-reading option of the brief's list, and each of the four kinds for all but inventory/check.
    assert.strictEqual(new Set(cases.map((c) => c.name)).size, 16);
    const runs = await inBatches(
      cases.map((c) => () => runMeasured(c.args, RUNAWAY_MS)),
      4,
    );
    cases.forEach((c, i) => assertRefused(runs[i], `${c.name} ${c.kind}`, HOSTILE_MESSAGES[c.kind]));
    assert.deepStrictEqual(fs.readdirSync(path.join(files.dir, 'out')), [], 'generate wrote nothing');
  });

  it('inventory and check still read a directory, and list a file over the limit as an error entry', async () => {
    const run = await runMeasured(['inventory', files.paths.oversize, '--json'], RUNAWAY_MS);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(
      (JSON.parse(run.stdout) as { errors: Array<{ code: string }> }).errors.map((e) => e.code),
      ['too-large'],
    );
    assert.ok(run.peakRssKb! < PEAK_RSS_LIMIT_KB, `peak RSS ${run.peakRssKb} KB`);
    const folder = await runMeasured(['check', files.paths.directory, '--within', '30'], RUNAWAY_MS);
    assert.strictEqual(folder.code, 0, folder.stderr);
  });

  it("reads a config's .include of a FIFO, /dev/zero or a huge file as a missing include, without blocking", async () => {
    const f = cryptoFixtures();
    const config = path.join(files.dir, 'includes.cnf');
    fs.writeFileSync(
      config,
      [
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        `.include ${files.paths.fifo}`,
        '.include /dev/zero',
        `.include ${files.paths.oversize}`,
        '[ dn ]',
        'O = Test Org',
        'OU = Payments',
        'CN = rsa-client',
        '',
      ].join('\n'),
    );
    const out = path.join(files.dir, 'out-include');
    fs.mkdirSync(out);
    const runs = await Promise.all([
      runMeasured(['config-subject', config, '--json'], RUNAWAY_MS),
      runMeasured(['compare', f.rsa.certPath, config, '--json'], RUNAWAY_MS),
      runMeasured(
        ['generate', '--config', config, '--key-out', path.join(out, 'k.key'), '--csr-out', path.join(out, 'c.csr')],
        RUNAWAY_MS,
      ),
    ]);
    for (const run of runs) {
      assert.strictEqual(run.signal, null, 'hung on an include');
      assert.ok(run.peakRssKb! < PEAK_RSS_LIMIT_KB, `peak RSS ${run.peakRssKb} KB`);
    }
    const [subject, compare, generate] = runs;
    assert.strictEqual(subject.code, 0, subject.stderr);
    const diagnostics = (JSON.parse(subject.stdout) as { diagnostics: Array<{ code: string; line: number }> })
      .diagnostics;
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.code === 'include-not-found').map((d) => d.line),
      [4, 5, 6],
    );
    assert.notStrictEqual(compare.code, 2, compare.stderr);
    assert.strictEqual(generate.code, 0, generate.stderr);
    assert.deepStrictEqual(fs.readdirSync(out).sort(), ['c.csr', 'k.key']);
  });
});
