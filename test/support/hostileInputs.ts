// What a cloned repository can put where a CLI command expects a file: a FIFO that never gets a writer, a
// directory, /dev/zero (endless), and a file over the 5120 KB limit. Every command that reads a file the user
// names must answer each with exit 2 and one line on stderr, at once and in little memory. Shared by the unit
// test (which asserts) and bench/hostileInputsBench.ts (which prints the timings and memory).
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/core/files/readUserFile';
import { buildCli, ROOT } from './buildCli';
import { cryptoFixtures, scratchDir } from './cryptoFixtures';

export type HostileKind = 'fifo' | 'directory' | 'dev-zero' | 'oversize';

export const HOSTILE_KINDS: readonly HostileKind[] = ['fifo', 'directory', 'dev-zero', 'oversize'];

/** What the one line on stderr must say about each kind. */
export const HOSTILE_MESSAGES: Record<HostileKind, RegExp> = {
  fifo: /: a FIFO \(named pipe\), not a regular file/,
  directory: /: a directory, not a regular file/,
  'dev-zero': /\/dev\/zero: a character device, not a regular file/,
  oversize: /: \d+ bytes, \d+ over the limit of \d+ bytes/,
};

export interface HostileCase {
  /** e.g. `verify --ca`. */
  name: string;
  kind: HostileKind;
  args: string[];
}

export interface HostileFiles {
  dir: string;
  paths: Record<HostileKind, string>;
}

export function hostileFiles(): HostileFiles {
  const dir = scratchDir('hostile-');
  const fifo = path.join(dir, 'pipe.pem');
  fs.mkdirSync(path.join(dir, 'folder.pem'));
  // A sparse file: over the limit on disk for the cost of a truncate.
  const oversize = path.join(dir, 'huge.pem');
  fs.writeFileSync(oversize, '-----BEGIN CERTIFICATE-----\n');
  fs.truncateSync(oversize, DEFAULT_MAX_FILE_BYTES + 1024 * 1024);
  execFileSync('mkfifo', [fifo]);
  return { dir, paths: { fifo, directory: path.join(dir, 'folder.pem'), 'dev-zero': '/dev/zero', oversize } };
}

/** Every command line that reads a file the user names, with that file replaced by each hostile kind. */
export function hostileCases(files: HostileFiles): HostileCase[] {
  const f = cryptoFixtures();
  const out = path.join(files.dir, 'out');
  fs.mkdirSync(out, { recursive: true });
  const url = 'https://127.0.0.1:9/never-called';
  const places: Array<[string, (file: string) => string[], readonly HostileKind[]]> = [
    ['compare OLD', (x) => ['compare', x, f.renewalCsr], HOSTILE_KINDS],
    ['compare NEW', (x) => ['compare', f.rsa.certPath, x], HOSTILE_KINDS],
    ['verify --cert', (x) => ['verify', '--cert', x, '--key', f.rsa.keyPath, '--ca', f.ca.certPath], HOSTILE_KINDS],
    ['verify --key', (x) => ['verify', '--cert', f.rsa.certPath, '--key', x, '--ca', f.ca.certPath], HOSTILE_KINDS],
    ['verify --ca', (x) => ['verify', '--cert', f.rsa.certPath, '--key', f.rsa.keyPath, '--ca', x], HOSTILE_KINDS],
    [
      'verify --csr',
      (x) => ['verify', '--cert', f.rsa.certPath, '--key', f.rsa.keyPath, '--ca', f.ca.certPath, '--csr', x],
      HOSTILE_KINDS,
    ],
    [
      'verify --old',
      (x) => ['verify', '--cert', f.rsa.certPath, '--key', f.rsa.keyPath, '--ca', f.ca.certPath, '--old', x],
      HOSTILE_KINDS,
    ],
    ['new-config --from-cert', (x) => ['new-config', '--from-cert', x], HOSTILE_KINDS],
    ['test-call --cert', (x) => ['test-call', '--url', url, '--cert', x, '--key', f.rsa.keyPath], HOSTILE_KINDS],
    ['test-call --key', (x) => ['test-call', '--url', url, '--cert', f.rsa.certPath, '--key', x], HOSTILE_KINDS],
    [
      'test-call --ca',
      (x) => ['test-call', '--url', url, '--cert', f.rsa.certPath, '--key', f.rsa.keyPath, '--ca', x],
      HOSTILE_KINDS,
    ],
    ['test-call --pkcs12', (x) => ['test-call', '--url', url, '--pkcs12', x], HOSTILE_KINDS],
    ['config-subject', (x) => ['config-subject', x], HOSTILE_KINDS],
    [
      'generate --config',
      (x) => [
        'generate',
        '--config',
        x,
        '--key-out',
        path.join(out, 'never.key'),
        '--csr-out',
        path.join(out, 'never.csr'),
      ],
      HOSTILE_KINDS,
    ],
    // A directory is what inventory and check are for, and a file over the limit is one of their error
    // entries (exit 0): only what is neither a file nor a directory is refused outright.
    ['inventory', (x) => ['inventory', x], ['fifo', 'dev-zero']],
    ['check', (x) => ['check', x, '--within', '30'], ['fifo', 'dev-zero']],
  ];
  return places.flatMap(([name, args, kinds]) => kinds.map((kind) => ({ name, kind, args: args(files.paths[kind]) })));
}

export interface MeasuredRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** The CLI process's own peak resident set size (process.resourceUsage().maxRSS), in kilobytes. */
  peakRssKb?: number;
}

let runs = 0;

/** One CLI run with its wall-clock time and peak memory; killed after `limitMs` (a runaway bound, not a goal). */
export function runMeasured(args: string[], limitMs = 10_000): Promise<MeasuredRun> {
  const rssFile = path.join(cryptoFixtures().dir, `peak-rss-${process.pid}-${runs++}.txt`);
  const preload = path.join(ROOT, 'out', 'test', 'support', 'reportPeakRss.js');
  const env: NodeJS.ProcessEnv = { ...process.env, MTLS_PEAK_RSS_FILE: rssFile };
  delete env.MTLS_API_KEY;
  const cli = buildCli();
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', preload, cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      let peakRssKb: number | undefined;
      try {
        peakRssKb = Number(fs.readFileSync(rssFile, 'utf8'));
        fs.rmSync(rssFile);
      } catch {
        // killed before its exit handler ran
      }
      resolve({ code, signal, stdout, stderr, elapsedMs, peakRssKb });
    });
  });
}

/** Runs `tasks` with at most `limit` at a time, keeping their order. */
export async function inBatches<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
