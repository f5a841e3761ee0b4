// Budget, seeds and checks shared by the fuzz tests (test/unit/fuzz).
//
// - FUZZ_SEED (default below) is the base seed; each property runs with its own seed derived from it and the
//   property's name, so adding a property changes no other property's inputs. A failure prints everything needed
//   to replay it: FUZZ_SEED, the property's seed and fast-check's path, and the shrunk input (also written to a
//   file when it is large).
// - FUZZ_RUNS (default 200: the fuzz folder takes about 7 s) scales every property's number of runs; `npm run fuzz` sets 20000.
// - FUZZ_CALL_MS (default 10000): one call of a parser that takes longer fails the property. Normal calls take
//   microseconds; the bound catches exponential blowups without failing on a busy machine.
// - FUZZ_HANG_MS (default 20000): a call that has not returned by then is a hang. Mocha's timeout cannot
//   interrupt synchronous code, so a watchdog thread prints the input and kills the process instead.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { CoreError, isCoreError } from '../../src/core/errors';

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, not ${JSON.stringify(raw)}`);
  return value;
}

export const FUZZ_SEED = envInt('FUZZ_SEED') ?? 0x6d746c73; // "mtls"
export const FUZZ_RUNS = envInt('FUZZ_RUNS') ?? 200;
export const CALL_LIMIT_MS = envInt('FUZZ_CALL_MS') ?? 10_000;
export const HANG_LIMIT_MS = envInt('FUZZ_HANG_MS') ?? 20_000;

/** Mocha timeout for a fuzz suite: generous for the default budget, none for long runs (the watchdog catches hangs). */
export const SUITE_TIMEOUT_MS = FUZZ_RUNS > 1000 ? 0 : 120_000;

/** Runs of one property: FUZZ_RUNS scaled by the property's cost (a PKCS#12 parse costs far more than a PEM split). */
export function runsFor(weight: number): number {
  return Math.max(1, Math.round(FUZZ_RUNS * weight));
}

/** FNV-1a of the property name mixed into the base seed. */
export function seedFor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ FUZZ_SEED) | 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Watchdog: a worker thread that sees, through shared memory, when the current call started and what its input is.

const PREVIEW_BYTES = 256 * 1024;
let watchdog: { clock: BigInt64Array; length: Int32Array; text: Uint8Array; label: Uint8Array } | undefined;
let context = '';
let noted: { input: unknown; context: string } = { input: undefined, context: '' };
let notedLabel = '';
const LABEL_BYTES = 256;

function startWatchdog(): NonNullable<typeof watchdog> {
  if (watchdog) return watchdog;
  const clockBuffer = new SharedArrayBuffer(8);
  const lengthBuffer = new SharedArrayBuffer(4);
  const textBuffer = new SharedArrayBuffer(PREVIEW_BYTES);
  const labelBuffer = new SharedArrayBuffer(LABEL_BYTES);
  const source = `
const { workerData } = require('worker_threads');
const fs = require('fs');
const clock = new BigInt64Array(workerData.clock);
const length = new Int32Array(workerData.length);
const text = new Uint8Array(workerData.text);
const label = new Uint8Array(workerData.label);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  Atomics.wait(sleeper, 0, 0, 250);
  const started = Atomics.load(clock, 0);
  if (started !== 0n && BigInt(Date.now()) - started > BigInt(workerData.limit)) {
    const n = Atomics.load(length, 0);
    const what = 'call: ' + Buffer.from(label).toString('utf8').replace(/\\0+$/, '') + '\\n' + Buffer.from(text.slice(0, n)).toString('utf8');
    fs.writeSync(2, '\\n\\nFUZZ WATCHDOG: one call has run for more than ' + workerData.limit + ' ms: a hang.\\n' + what + '\\n\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}`;
  const worker = new Worker(source, {
    eval: true,
    workerData: {
      clock: clockBuffer,
      length: lengthBuffer,
      text: textBuffer,
      label: labelBuffer,
      limit: HANG_LIMIT_MS,
    },
  });
  worker.unref();
  watchdog = {
    clock: new BigInt64Array(clockBuffer),
    length: new Int32Array(lengthBuffer),
    text: new Uint8Array(textBuffer),
    label: new Uint8Array(labelBuffer),
  };
  return watchdog;
}

/** A printable form of a fuzz input: text as JSON, bytes as base64 (both cut at `max` characters). */
export function describeInput(input: unknown, max = 2000): string {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s);
  if (Buffer.isBuffer(input) || input instanceof Uint8Array)
    return `base64:${cut(Buffer.from(input).toString('base64'))}`;
  if (typeof input === 'string') return cut(JSON.stringify(input));
  if (Array.isArray(input)) return cut(`[${input.map((item) => describeInput(item, max)).join(', ')}]`);
  try {
    return cut(JSON.stringify(input, (_k, v: unknown) => (Buffer.isBuffer(v) ? `base64:${v.toString('base64')}` : v)));
  } catch {
    return String(input);
  }
}

/** A call that returned, but too slowly: super-linear work on some input. */
export class TimeLimitError extends Error {
  override readonly name = 'TimeLimitError';
}

/**
 * Runs `call` under the time limits: the watchdog kills the process past HANG_LIMIT_MS (printing `input`), and a
 * call that returns but took longer than `limitMs` fails.
 */
export function timed<T>(label: string, input: unknown, call: () => T, limitMs = CALL_LIMIT_MS): T {
  const dog = startWatchdog();
  if (input !== noted.input || context !== noted.context) {
    // Written once per input (a walk over one DER makes hundreds of calls on the same bytes).
    const note = Buffer.from(`${context}\ninput: ${describeInput(input, PREVIEW_BYTES / 2 - 1024)}`, 'utf8');
    const n = Math.min(note.length, PREVIEW_BYTES);
    dog.text.set(note.subarray(0, n));
    Atomics.store(dog.length, 0, n);
    noted = { input, context };
  }
  if (label !== notedLabel) {
    const bytes = Buffer.from(label.slice(0, 200), 'utf8');
    dog.label.fill(0);
    dog.label.set(bytes.subarray(0, LABEL_BYTES));
    notedLabel = label;
  }
  const started = performance.now();
  Atomics.store(dog.clock, 0, BigInt(Date.now()));
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: call() };
  } catch (error) {
    outcome = { error };
  }
  Atomics.store(dog.clock, 0, 0n);
  const ms = performance.now() - started;
  if (ms > limitMs)
    throw new TimeLimitError(`${label} took ${ms.toFixed(0)} ms (limit ${limitMs} ms) on ${describeInput(input, 300)}`);
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** The async form of `timed` for calls that do I/O (the watchdog only catches a blocked thread). */
export async function timedAsync<T>(
  label: string,
  input: unknown,
  call: () => Promise<T>,
  limitMs = CALL_LIMIT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new TimeLimitError(`${label} did not finish within ${limitMs} ms on ${describeInput(input, 300)}`)),
      limitMs,
    );
  });
  try {
    return await Promise.race([call(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The property every parser must have.

export interface TypedOutcome<T> {
  value?: T;
  error?: CoreError;
}

/**
 * Calls a parser: it returns, or throws a CoreError whose code is one of `codes` (when given) and whose message
 * is a non-empty line. Anything else (a TypeError, a RangeError, a forge error, a string) fails the property.
 */
export function expectTyped<T>(
  label: string,
  input: unknown,
  call: () => T,
  codes?: readonly string[],
  limitMs?: number,
): TypedOutcome<T> {
  try {
    return { value: timed(label, input, call, limitMs) };
  } catch (error) {
    if (!isCoreError(error)) {
      if (error instanceof TimeLimitError) throw error;
      const kind =
        error instanceof Error
          ? `${error.constructor.name}: ${error.message}\n${error.stack ?? ''}`
          : `${typeof error} ${String(error)}`;
      assert.fail(`${label} threw something other than a CoreError: ${kind}`);
    }
    assert.strictEqual(typeof error.code, 'string');
    if (codes && !codes.includes(error.code))
      assert.fail(`${label} threw CoreError ${error.code} (${error.message}), expected one of ${codes.join(', ')}`);
    assert.ok(
      typeof error.message === 'string' && error.message.trim().length > 0,
      `${label}: ${error.code} without a message`,
    );
    return { error };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running a property with the seed, the budget and a replayable report.

const failureDir = path.join(os.tmpdir(), 'mtls-fuzz-failures');

function report(name: string, seed: number, numRuns: number, details: fc.RunDetails<unknown>): string {
  const counterexample = details.counterexample as unknown;
  let saved = '';
  try {
    fs.mkdirSync(failureDir, { recursive: true });
    const file = path.join(failureDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}-${seed}.json`);
    fs.writeFileSync(file, describeInput(counterexample, Number.MAX_SAFE_INTEGER));
    saved = `\nfull input: ${file}`;
  } catch {
    // the message has a preview anyway
  }
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `fuzz property "${name}" failed after ${details.numRuns} run(s) of ${numRuns}, shrunk ${details.numShrinks} time(s)`,
    `replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (property seed ${seed}, path "${details.counterexamplePath ?? ''}")`,
    `input: ${describeInput(counterexample, 4000)}${saved}`,
    `error: ${error}`,
  ].join('\n');
}

export interface FuzzOptions {
  /** Multiplies FUZZ_RUNS for this property (default 1). */
  weight?: number;
  /** Inputs always tried first (fast-check's `examples`). */
  examples?: unknown[][];
}

/** Runs a synchronous property with its seed and budget; throws a replayable report on failure. */
export function fuzz<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  options: FuzzOptions = {},
): void {
  const seed = seedFor(name);
  const numRuns = runsFor(options.weight ?? 1);
  context = `property: ${name}\nreplay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (property seed ${seed})`;
  const property = fc.property(
    ...(arbitraries as unknown as [fc.Arbitrary<unknown>]),
    predicate as (...a: unknown[]) => void,
  );
  const details = fc.check(property, {
    seed,
    numRuns,
    examples: options.examples as [unknown][] | undefined,
  }) as fc.RunDetails<unknown>;
  if (details.failed) throw new Error(report(name, seed, numRuns, details));
}

/** The async form of `fuzz`, for properties that touch the file system. */
export async function fuzzAsync<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
  options: FuzzOptions = {},
): Promise<void> {
  const seed = seedFor(name);
  const numRuns = runsFor(options.weight ?? 1);
  context = `property: ${name}\nreplay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (property seed ${seed})`;
  const property = fc.asyncProperty(
    ...(arbitraries as unknown as [fc.Arbitrary<unknown>]),
    predicate as (...a: unknown[]) => Promise<void>,
  );
  const details = (await fc.check(property, {
    seed,
    numRuns,
    examples: options.examples as [unknown][] | undefined,
  })) as fc.RunDetails<unknown>;
  if (details.failed) throw new Error(report(name, seed, numRuns, details));
}
