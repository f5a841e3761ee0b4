// Fault injection for writing a new key and CSR: a child process runs writeKeyAndCsr on a large key and is killed
// with SIGKILL at points spread over the whole write (before the call, while the temporary files are written and
// synced, between the two links, after). Whatever the moment, the key path holds nothing or the complete key, never
// part of one; the CSR likewise; a CSR never exists without its key; a key or CSR that was there before is never
// touched. What an interrupted run leaves behind are temporary files named `.<name>.<12 hex>.tmp` next to the
// targets, the key's readable by its owner only; a later run writes next to them.
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isCoreError } from '../../../src/core/errors';
import { writeKeyAndCsr } from '../../../src/core/generate/writeNewFiles';
import { scanInventory } from '../../../src/core/inventory/scanInventory';
import { scratchDir } from '../../support/cryptoFixtures';
import { FUZZ_SEED } from '../../support/fuzzing';

const WRITE_NEW_FILES = path.resolve(__dirname, '../../../src/core/generate/writeNewFiles.js');
const TEMPORARY = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** A PEM private key block of about `bytes` bytes (its content need not be a key: only its bytes are compared). */
function largePem(label: string, bytes: number): string {
  const base64 = randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

/** mulberry32: the kill times come from FUZZ_SEED, so a run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHILD = `
const fs = require('fs');
const { writeKeyAndCsr } = require(process.argv[1]);
const [keyPath, csrPath, keySource, csrSource] = process.argv.slice(2);
const key = fs.readFileSync(keySource, 'utf8');
const csr = fs.readFileSync(csrSource, 'utf8');
process.stdout.write('start\\n');
const started = process.hrtime.bigint();
writeKeyAndCsr(keyPath, csrPath, key, csr).then(
  () => process.stdout.write('done ' + (process.hrtime.bigint() - started) + '\\n'),
  (e) => process.stdout.write('error ' + e.code + '\\n'),
);`;

interface Run {
  child: ChildProcess;
  output: Promise<string>;
  started: Promise<void>;
}

function startWriter(keyPath: string, csrPath: string, keySource: string, csrSource: string): Run {
  const child = spawn(process.execPath, ['-e', CHILD, WRITE_NEW_FILES, keyPath, csrPath, keySource, csrSource], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let onStart: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.includes('start\n')) onStart();
  });
  const output = new Promise<string>((resolve) =>
    child.on('close', () => {
      onStart();
      resolve(text);
    }),
  );
  return { child, output, started };
}

describe('faults: a key and CSR write killed at any moment', function () {
  this.timeout(120_000);
  let sources: string;
  let key: string;
  let csr: string;
  let fullWriteMs: number;

  before(async () => {
    sources = scratchDir('kill-sources-');
    key = largePem('PRIVATE KEY', 6 * 1024 * 1024);
    csr = largePem('CERTIFICATE REQUEST', 256 * 1024);
    fs.writeFileSync(path.join(sources, 'key.pem'), key);
    fs.writeFileSync(path.join(sources, 'csr.pem'), csr);
    // How long an uninterrupted write takes here: the kills are spread over it.
    const dir = scratchDir('kill-baseline-');
    const run = startWriter(
      path.join(dir, 'k.key'),
      path.join(dir, 'k.csr'),
      path.join(sources, 'key.pem'),
      path.join(sources, 'csr.pem'),
    );
    const done = /done (\d+)/.exec(await run.output);
    assert.ok(done, 'the uninterrupted write finishes');
    fullWriteMs = Math.max(1, Number(done[1]) / 1e6);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'k.key'), 'utf8'), key);
  });

  it('leaves the key and the CSR whole or absent, never partial, and never a CSR without its key (30 kills)', async () => {
    const next = random(FUZZ_SEED);
    const seen = { neither: 0, keyOnly: 0, both: 0, temporaries: 0, partialTemporaries: 0 };
    for (let i = 0; i < 30; i++) {
      const dir = scratchDir('kill-');
      const keyPath = path.join(dir, 'new.key');
      const csrPath = path.join(dir, 'new.csr');
      const run = startWriter(keyPath, csrPath, path.join(sources, 'key.pem'), path.join(sources, 'csr.pem'));
      // Kill moments: while node starts (i < 3), then spread over 0..1.3x the write, jittered by the seed.
      if (i >= 3) {
        await run.started;
        const delay = ((i - 3) / 26) * 1.3 * fullWriteMs * (0.8 + 0.4 * next());
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      run.child.kill('SIGKILL');
      await run.output;

      const keyThere = fs.existsSync(keyPath);
      const csrThere = fs.existsSync(csrPath);
      const context = `kill ${i}: key ${keyThere}, csr ${csrThere}, files ${fs.readdirSync(dir).join(' ')}`;
      if (keyThere) assert.ok(fs.readFileSync(keyPath, 'utf8') === key, `a partial key at the key path (${context})`);
      if (csrThere) assert.ok(fs.readFileSync(csrPath, 'utf8') === csr, `a partial CSR at the CSR path (${context})`);
      assert.ok(!csrThere || keyThere, `a CSR without its key (${context})`);
      if (keyThere) assert.strictEqual(fs.statSync(keyPath).mode & 0o777, 0o600, context);
      if (keyThere && csrThere) seen.both++;
      else if (keyThere) seen.keyOnly++;
      else seen.neither++;

      // Leftovers are not hidden from the inventory (their PEM content is sniffed): a partial one is a broken-PEM
      // error entry, a whole one a second copy of the key, at the temporary name.
      const scanned = await scanInventory([dir]);
      for (const entry of [...scanned.items, ...scanned.errors]) {
        const name = path.basename(entry.path);
        assert.ok(name === 'new.key' || name === 'new.csr' || TEMPORARY.test(name), `scan entry ${name} (${context})`);
      }
      const leftovers = scanned.errors.filter((e) => TEMPORARY.test(path.basename(e.path)));
      const broken = [
        'truncated-pem',
        'bad-base64',
        'empty-file',
        'not-pem-or-der',
        'too-large',
        'malformed-key',
        'malformed-csr',
      ];
      assert.ok(
        leftovers.every((e) => broken.includes(e.code)),
        JSON.stringify(leftovers),
      );

      for (const name of fs.readdirSync(dir)) {
        if (name === 'new.key' || name === 'new.csr') continue;
        const match = TEMPORARY.exec(name);
        assert.ok(
          match && (match[1] === 'new.key' || match[1] === 'new.csr'),
          `an unexpected file ${name} (${context})`,
        );
        const content = fs.readFileSync(path.join(dir, name), 'utf8');
        const full = match[1] === 'new.key' ? key : csr;
        assert.ok(
          full.startsWith(content),
          `a temporary file holds something else than the start of its content (${context})`,
        );
        if (match[1] === 'new.key')
          assert.strictEqual(
            fs.statSync(path.join(dir, name)).mode & 0o077,
            0,
            `a temporary key readable by others (${context})`,
          );
        seen.temporaries++;
        if (content.length < full.length) seen.partialTemporaries++;
      }
    }
    // The kills landed both before anything was placed and after everything was: the window was covered.
    assert.ok(seen.neither > 0 && seen.both > 0, JSON.stringify(seen));
  });

  it('never touches a key or CSR that is already there, whenever it is killed', async () => {
    for (const [i, taken] of (['key', 'csr', 'both', 'key', 'csr', 'both'] as const).entries()) {
      const dir = scratchDir('kill-existing-');
      const keyPath = path.join(dir, 'old.key');
      const csrPath = path.join(dir, 'old.csr');
      if (taken !== 'csr') fs.writeFileSync(keyPath, 'the old key\n', { mode: 0o600 });
      if (taken !== 'key') fs.writeFileSync(csrPath, 'the old csr\n');
      const before = fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8'), fs.statSync(path.join(dir, f)).mtimeMs]);
      const run = startWriter(keyPath, csrPath, path.join(sources, 'key.pem'), path.join(sources, 'csr.pem'));
      let output: string;
      if (i < 3) {
        output = await run.output; // not killed: it refuses
        assert.match(output, /error file-exists/);
      } else {
        await run.started;
        await new Promise((resolve) => setTimeout(resolve, (i - 3) * fullWriteMs * 0.5));
        run.child.kill('SIGKILL');
        output = await run.output;
      }
      const after = fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8'), fs.statSync(path.join(dir, f)).mtimeMs]);
      assert.deepStrictEqual(after, before, `${taken} taken: ${output}`);
    }
  });

  it('a later write to the same names succeeds next to what a killed one left behind, and leaves no temporary of its own', async function () {
    // Kill during the key's temporary file, then write again to the same names.
    let left: string[] = [];
    let dir = '';
    for (let attempt = 0; attempt < 10 && left.length === 0; attempt++) {
      dir = scratchDir('kill-later-');
      const run = startWriter(
        path.join(dir, 'a.key'),
        path.join(dir, 'a.csr'),
        path.join(sources, 'key.pem'),
        path.join(sources, 'csr.pem'),
      );
      await run.started;
      await new Promise((resolve) => setTimeout(resolve, fullWriteMs * (0.1 + attempt * 0.08)));
      run.child.kill('SIGKILL');
      await run.output;
      left = fs.readdirSync(dir).filter((n) => TEMPORARY.test(n));
      if (fs.existsSync(path.join(dir, 'a.key'))) left = [];
    }
    if (left.length === 0) this.skip(); // every kill landed outside the temporary files' lifetime on this machine
    const small = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n';
    await writeKeyAndCsr(
      path.join(dir, 'a.key'),
      path.join(dir, 'a.csr'),
      small,
      '-----BEGIN CERTIFICATE REQUEST-----\nMA==\n-----END CERTIFICATE REQUEST-----\n',
    );
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.key'), 'utf8'), small);
    const after = fs.readdirSync(dir).filter((n) => TEMPORARY.test(n));
    for (const name of after) assert.ok(left.includes(name), `the later write left its own temporary ${name}`);
    await assert.rejects(
      writeKeyAndCsr(path.join(dir, 'a.key'), path.join(dir, 'b.csr'), small, small),
      (e: unknown) => isCoreError(e) && e.code === 'file-exists',
    );
  });
});
