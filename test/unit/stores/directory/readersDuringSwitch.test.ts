import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { openDirectoryStore } from '../../../../src/core/stores/directory/openDirectoryStore';
import { tempDir } from '../../../support/openssl';
import { makePairs } from './directoryFixtures';

const READER = path.join(__dirname, 'liveReader.js');
const READERS = 3;
const SWITCHES = 300;

interface ReaderReport {
  reads: number;
  failures: string[];
  failureCount: number;
  straddled: number;
  seen: string[];
}

function startReader(root: string): { child: ChildProcess; ready: Promise<void>; report: Promise<ReaderReport> } {
  const child = spawn(process.execPath, [READER, root], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const report = new Promise<ReaderReport>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`reader ended (${code}): ${out}`));
      resolve(JSON.parse(last) as ReaderReport);
    });
  });
  return { child, ready, report };
}

describe('directory store: readers during promote and rollback', function () {
  let dir: string;
  let readers: ReturnType<typeof startReader>[] = [];

  afterEach(() => {
    for (const reader of readers) if (reader.child.exitCode === null) reader.child.kill('SIGKILL');
    readers = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`never see a missing or mismatched pair over ${SWITCHES} switches`, async () => {
    dir = tempDir('mtls-dirreaders-');
    const pairs = makePairs(path.join(dir, 'fixtures'), 2);
    const store = openDirectoryStore({ kind: 'directory', directory: dir, name: 'api' });
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const root = path.join(dir, 'api');

    readers = Array.from({ length: READERS }, () => startReader(root));
    await Promise.all(readers.map((r) => r.ready));
    for (let i = 0; i < SWITCHES / 2; i++) {
      assert.strictEqual((await store.promote()).current, pairs[1].fingerprint);
      assert.strictEqual((await store.rollback()).current, pairs[0].fingerprint);
    }
    for (const reader of readers) reader.child.stdin!.end();
    const reports = await Promise.all(readers.map((r) => r.report));

    assert.deepStrictEqual(
      reports.map((r) => r.failures),
      reports.map(() => []),
    );
    for (const report of reports) assert.ok(report.reads > 20);
    // The readers really ran during the switches: between them they read both certificates as live.
    const seen = new Set(reports.flatMap((r) => r.seen));
    assert.deepStrictEqual([...seen].sort(), [pairs[0].fingerprint, pairs[1].fingerprint].sort());
    const total = reports.reduce((n, r) => n + r.reads, 0);
    const straddled = reports.reduce((n, r) => n + r.straddled, 0);
    console.log(`      ${total} reads, 0 failures; ${straddled} link-by-link reads straddled a switch`);
  });
});
