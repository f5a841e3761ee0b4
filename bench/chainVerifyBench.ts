// The chain-verification decision: our validator against pkijs's CertificateChainValidationEngine, judged on
// openssl verify's verdicts (the differential corpus) and on the time per chain, openssl's own time being the
// baseline. openssl's time is a process verifying N chains minus one verifying 1, over N - 1: its start-up
// and the loading of -CAfile and -untrusted are not counted, reading and verifying each certificate is.
// @peculiar/x509 is not measured: its X509ChainBuilder only links issuers by name, key identifier and signature,
// with no trust anchors, basicConstraints, path length, name constraints or critical extensions to check.
import { execFileSync } from 'child_process';
import { webcrypto } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pkijs from 'pkijs';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { verifyChain, VerifyChainInput } from '../src/core/verify/chain/verifyChain';
import { splitPem } from '../src/core/x509/pem';
import { buildVerifyCorpus } from '../test/unit/verify/differential/verifyCorpus';
import { opensslVerdict } from '../test/unit/verify/differential/opensslVerdict';
import { OpensslVerdict, VerifyCase } from '../test/unit/verify/differential/verifyCase';
import { median, printTable } from './stats';

function opensslRun(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

type KeyKind = 'rsa' | 'ec';

function makeKey(dir: string, name: string, kind: KeyKind): string {
  const file = `${name}.key`;
  const spec =
    kind === 'rsa'
      ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
      : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  opensslRun(['genpkey', ...spec, '-out', file], dir);
  return file;
}

const CA_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
];
const LEAF_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature',
  'extendedKeyUsage = clientAuth',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
  'subjectAltName = DNS:program-a.client.example.com',
];

/** A certificate signed by `issuer`, as `<name>.pem` in `dir`. */
function makeCertificate(dir: string, name: string, kind: KeyKind, extensions: string[], issuer: string): void {
  const key = makeKey(dir, name, kind);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  opensslRun(['req', '-new', '-key', key, '-subj', `/O=Bench/CN=${name}`, '-out', `${name}.csr`], dir);
  const serial = String(1000 + fs.readdirSync(dir).length);
  const signer = ['-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-set_serial', serial, '-days', '365'];
  opensslRun(['x509', '-req', '-in', `${name}.csr`, ...signer, '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
}

interface Chain {
  dir: string;
  /** PEM files relative to dir. */
  root: string;
  intermediates: string;
  leaf: string;
  input: VerifyChainInput;
}

/** Root, `depth - 2` intermediates and a leaf; the intermediates go to -untrusted, leaf first. */
function makeChain(dir: string, depth: number, caKind: KeyKind, leafKind: KeyKind): Chain {
  fs.mkdirSync(dir, { recursive: true });
  const rootKey = makeKey(dir, 'root', caKind);
  fs.writeFileSync(
    path.join(dir, 'root.cnf'),
    ['[req]', 'distinguished_name = dn', '[dn]', '[v3]', ...CA_EXTENSIONS.slice(0, 3), ''].join('\n'),
  );
  opensslRun(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      rootKey,
      '-subj',
      '/O=Bench/CN=root',
      '-days',
      '3650',
      '-config',
      'root.cnf',
    ].concat(['-extensions', 'v3', '-out', 'root.pem']),
    dir,
  );
  let issuer = 'root';
  const intermediates: string[] = [];
  for (let i = 1; i <= depth - 2; i++) {
    makeCertificate(dir, `ca${i}`, caKind, CA_EXTENSIONS, issuer);
    issuer = `ca${i}`;
    intermediates.unshift(`${issuer}.pem`);
  }
  makeCertificate(dir, 'leaf', leafKind, LEAF_EXTENSIONS, issuer);
  fs.writeFileSync(
    path.join(dir, 'untrusted.pem'),
    intermediates.map((file) => fs.readFileSync(path.join(dir, file), 'latin1')).join(''),
  );
  const chain: Chain = {
    dir,
    root: 'root.pem',
    intermediates: 'untrusted.pem',
    leaf: 'leaf.pem',
    input: {
      target: readCertificates(path.join(dir, 'leaf.pem'))[0],
      trusted: readCertificates(path.join(dir, 'root.pem')),
      untrusted: readCertificates(path.join(dir, 'untrusted.pem')),
    },
  };
  // The fixture must be one openssl accepts, or the timings compare failures.
  opensslRun(['verify', '-no_check_time', '-CAfile', chain.root, '-untrusted', chain.intermediates, chain.leaf], dir);
  return chain;
}

/** The certificates of a PEM file as openssl's loaders take them; a file without PEM blocks is read as DER. */
function readCertificates(file: string): Buffer[] {
  const bytes = fs.readFileSync(file);
  if (!bytes.includes('-----BEGIN ')) return [bytes];
  return splitPem(bytes.toString('latin1'))
    .blocks.filter((block) => /^(X509 |TRUSTED )?CERTIFICATE$/.test(block.label))
    .map((block) => block.der);
}

let pkijsReady = false;

function usePkijs(): void {
  if (pkijsReady) return;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));
  pkijsReady = true;
}

function notBefore(cert: pkijs.Certificate): number {
  return cert.notBefore.value.getTime();
}

function notAfter(cert: pkijs.Certificate): number {
  return cert.notAfter.value.getTime();
}

/**
 * pkijs as close to `openssl verify -CAfile -untrusted` as it goes: the anchors are trustedCerts, the untrusted
 * certificates and then the target are certs (the engine takes the last one as the target, so a copy of the
 * target among the untrusted ones is dropped), its own name-constraint checks run as they are. It always checks
 * dates: at -attime when given, otherwise (for -no_check_time) at a moment every certificate is valid when
 * there is one, else at the latest notBefore.
 */
interface PkijsVerdict {
  ok: boolean;
  code: number;
  message: string;
  /** No verdict: the engine was stopped (corpus runs only). */
  timedOut?: boolean;
}

async function pkijsVerdict(input: VerifyChainInput): Promise<PkijsVerdict> {
  usePkijs();
  try {
    const target = pkijs.Certificate.fromBER(input.target);
    const trustedCerts = input.trusted.map((der) => pkijs.Certificate.fromBER(der));
    const certs = (input.untrusted ?? [])
      .filter((der) => !der.equals(input.target))
      .map((der) => pkijs.Certificate.fromBER(der));
    certs.push(target);
    let checkDate = input.at;
    if (checkDate === undefined) {
      const all = [...trustedCerts, ...certs];
      checkDate = new Date(Math.max(...all.map(notBefore)));
      const earliestEnd = Math.min(...all.map(notAfter));
      if (checkDate.getTime() > earliestEnd) checkDate = new Date(notBefore(target));
    }
    const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts, certs, checkDate });
    const result = await engine.verify();
    return { ok: result.result, code: result.resultCode, message: result.resultMessage };
  } catch (error) {
    return { ok: false, code: -2, message: error instanceof Error ? error.message : String(error) };
  }
}

const WORKER_ROLE = 'pkijs-corpus-verdicts';

/**
 * pkijs on the corpus runs in a worker that is ended after `timeoutMs`: its path search follows every issuer
 * whose key identifier matches, whatever the name, so a bundle of CAs sharing a few keys makes it search for
 * ever, and an async loop cannot be stopped from outside.
 */
class PkijsWorker {
  private worker: Worker | undefined;

  constructor(private readonly timeoutMs: number) {}

  run(input: VerifyChainInput): Promise<PkijsVerdict> {
    const worker = (this.worker ??= new Worker(__filename, { workerData: { role: WORKER_ROLE } }));
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (verdict: PkijsVerdict) => {
        settle();
        resolve(verdict);
      };
      const onError = (error: Error) => {
        settle();
        this.worker = undefined;
        reject(error);
      };
      const timer = setTimeout(() => {
        settle();
        this.stop();
        resolve({ ok: false, code: -3, message: `no verdict within ${this.timeoutMs / 1000} s`, timedOut: true });
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(input);
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

function fromWire(input: VerifyChainInput): VerifyChainInput {
  const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    target: buffer(input.target),
    trusted: input.trusted.map(buffer),
    untrusted: input.untrusted?.map(buffer),
    at: input.at,
  };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  parentPort?.on('message', (input: VerifyChainInput) => {
    void pkijsVerdict(fromWire(input)).then((verdict) => parentPort?.postMessage(verdict));
  });
}

function oursVerdict(input: VerifyChainInput): ReturnType<typeof verifyChain> | { thrown: string } {
  try {
    return verifyChain(input);
  } catch (error) {
    return { thrown: error instanceof Error ? error.message : String(error) };
  }
}

function timeOurs(input: VerifyChainInput, iterations: number, rounds: number): number | undefined {
  if ('thrown' in oursVerdict(input)) return undefined;
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) verifyChain(input);
    times.push((performance.now() - start) / iterations);
  }
  return median(times);
}

async function timePkijs(input: VerifyChainInput, iterations: number, rounds: number): Promise<number> {
  const check = await pkijsVerdict(input);
  if (!check.ok) throw new Error(`pkijs refuses the bench chain: ${check.code} ${check.message}`);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await pkijsVerdict(input);
    times.push((performance.now() - start) / iterations);
  }
  return median(times);
}

/** openssl's own time per chain: (one process verifying n chains - one verifying 1) / (n - 1), medians. */
function timeOpenssl(chain: Chain, n: number, rounds: number): number {
  const run = (count: number) => {
    const args = ['verify', '-no_check_time', '-CAfile', chain.root, '-untrusted', chain.intermediates];
    const start = performance.now();
    const out = opensslRun(args.concat(Array<string>(count).fill(chain.leaf)), chain.dir);
    const ms = performance.now() - start;
    const oks = out.split('\n').filter((line) => line.endsWith(': OK')).length;
    if (oks !== count) throw new Error(`openssl verified ${oks} of ${count} chains`);
    return ms;
  };
  run(n);
  const many: number[] = [];
  const one: number[] = [];
  for (let round = 0; round < rounds; round++) {
    one.push(run(1));
    many.push(run(n));
  }
  return (median(many) - median(one)) / (n - 1);
}

/** What `openssl verify` is given for one case, as our validator and pkijs take it. */
function caseInput(c: VerifyCase, dir: string): VerifyChainInput {
  const [target] = readCertificates(path.resolve(dir, c.target));
  return {
    target,
    trusted: readCertificates(path.resolve(dir, c.trusted)),
    untrusted: c.untrusted === undefined ? undefined : readCertificates(path.resolve(dir, c.untrusted)),
    at: c.attime === undefined ? undefined : new Date(c.attime * 1000),
  };
}

function sameErrors(ours: ReturnType<typeof verifyChain>, openssl: OpensslVerdict): boolean {
  return (
    ours.errors.length === openssl.errors.length &&
    ours.errors.every((e, i) => e.error.code === openssl.errors[i].code && e.depth === openssl.errors[i].depth)
  );
}

export interface FamilyAgreement {
  family: string;
  cases: number;
  oursVerdicts: number;
  oursErrors: number;
  pkijsVerdicts: number;
}

export interface Agreement {
  cases: number;
  oursVerdicts: number;
  /** Same verdict and the same errors, by number and depth, in the same order. */
  oursErrors: number;
  pkijsVerdicts: number;
  /** Cases pkijs gave no verdict on in the time allowed (counted as disagreements). */
  pkijsTimeouts: number;
  families: FamilyAgreement[];
  /** `case: what differs`, for the report. */
  oursDifferences: string[];
  pkijsDifferences: string[];
}

function describe(verdict: OpensslVerdict): string {
  return verdict.ok ? 'OK' : verdict.errors.map((e) => `${e.code}@${e.depth}`).join(',');
}

async function agreement(cases: VerifyCase[], dir: string, pkijsTimeoutMs: number): Promise<Agreement> {
  const result: Agreement = {
    cases: 0,
    oursVerdicts: 0,
    oursErrors: 0,
    pkijsVerdicts: 0,
    pkijsTimeouts: 0,
    families: [],
    oursDifferences: [],
    pkijsDifferences: [],
  };
  const families = new Map<string, FamilyAgreement>();
  const pkijsWorker = new PkijsWorker(pkijsTimeoutMs);
  try {
    for (const c of cases) {
      const expected = opensslVerdict(c);
      const input = caseInput(c, dir);
      const ours = oursVerdict(input);
      const theirs = await pkijsWorker.run(input);
      let family = families.get(c.family);
      if (!family) {
        family = { family: c.family, cases: 0, oursVerdicts: 0, oursErrors: 0, pkijsVerdicts: 0 };
        families.set(c.family, family);
      }
      result.cases++;
      family.cases++;
      const oursOk = !('thrown' in ours) && ours.ok === expected.ok;
      const oursExact = oursOk && !('thrown' in ours) && sameErrors(ours, expected);
      const pkijsOk = !theirs.timedOut && theirs.ok === expected.ok;
      result.oursVerdicts += Number(oursOk);
      family.oursVerdicts += Number(oursOk);
      result.oursErrors += Number(oursExact);
      family.oursErrors += Number(oursExact);
      result.pkijsVerdicts += Number(pkijsOk);
      family.pkijsVerdicts += Number(pkijsOk);
      result.pkijsTimeouts += Number(theirs.timedOut === true);
      if (!oursExact) {
        const got =
          'thrown' in ours
            ? `threw ${ours.thrown}`
            : ours.ok
              ? 'OK'
              : ours.errors.map((e) => `${e.error.code}@${e.depth}`).join(',');
        result.oursDifferences.push(`${c.name}: openssl ${describe(expected)}, ours ${got}`);
      }
      if (!pkijsOk) {
        const got = theirs.ok ? 'OK' : `${theirs.code} ${theirs.message}`;
        result.pkijsDifferences.push(`${c.name}: openssl ${describe(expected)}, pkijs ${got}`);
      }
    }
  } finally {
    pkijsWorker.stop();
  }
  result.families = [...families.values()];
  return result;
}

function printAgreement(a: Agreement): void {
  printTable(
    'Agreement with openssl verify, per family of the differential corpus (cases whose verdict is the same)',
    ['family', 'cases', 'ours', 'ours, errors too', 'pkijs'],
    a.families.map((f) => [
      f.family,
      String(f.cases),
      String(f.oursVerdicts),
      String(f.oursErrors),
      String(f.pkijsVerdicts),
    ]),
  );
  console.log(
    `agreement with openssl on ${a.cases} corpus cases: ours ${a.oursVerdicts}/${a.cases}` +
      ` (errors too: ${a.oursErrors}/${a.cases}), pkijs ${a.pkijsVerdicts}/${a.cases}` +
      (a.pkijsTimeouts > 0 ? ` (${a.pkijsTimeouts} without a verdict within the time allowed)` : ''),
  );
  for (const line of a.oursDifferences) console.log(`  ours differs: ${line}`);
  for (const line of a.pkijsDifferences) console.log(`  pkijs differs: ${line}`);
}

export interface ChainSpeed {
  name: string;
  oursMs?: number;
  pkijsMs: number;
  opensslMs: number;
}

async function speed(name: string, chain: Chain, iterations: number, rounds: number): Promise<ChainSpeed> {
  const pkijsIterations = Math.max(20, Math.floor(iterations / 10));
  timeOurs(chain.input, Math.floor(iterations / 4), 1);
  await timePkijs(chain.input, Math.floor(pkijsIterations / 4), 1);
  return {
    name,
    oursMs: timeOurs(chain.input, iterations, rounds),
    pkijsMs: await timePkijs(chain.input, pkijsIterations, rounds),
    opensslMs: timeOpenssl(chain, iterations, rounds),
  };
}

function ms(value: number): string {
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

function printSpeed(row: ChainSpeed): void {
  const ours = row.oursMs === undefined ? 'not built' : `${ms(row.oursMs)} ms`;
  const ratios = [row.oursMs, row.pkijsMs].map((v) => (v === undefined ? '-' : `${(v / row.opensslMs).toFixed(1)}x`));
  console.log(
    `chain verify (${row.name}): ours ${ours}, pkijs ${ms(row.pkijsMs)} ms, openssl ${ms(row.opensslMs)} ms per chain;` +
      ` ratios vs openssl ${ratios.join(' / ')}`,
  );
}

export interface ChainVerifyBenchResult {
  agreement: Agreement;
  speeds: ChainSpeed[];
}

export async function chainVerifyBench(
  options: { iterations?: number; rounds?: number; pkijsTimeoutMs?: number } = {},
): Promise<ChainVerifyBenchResult> {
  const iterations = options.iterations ?? 400;
  const rounds = options.rounds ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-chain-bench-'));
  try {
    console.log('\n== Chain verification: ours and pkijs against openssl verify (verdicts, then time per chain)');
    const corpusDir = path.join(dir, 'corpus');
    const corpus = await agreement(buildVerifyCorpus(corpusDir), corpusDir, options.pkijsTimeoutMs ?? 5000);
    printAgreement(corpus);
    const short = makeChain(path.join(dir, 'short'), 3, 'rsa', 'ec');
    const deep = makeChain(path.join(dir, 'deep'), 20, 'ec', 'ec');
    const speeds = [
      await speed('3 certs: RSA-2048 root and intermediate, P-256 leaf', short, iterations, rounds),
      await speed('20 certs, P-256', deep, Math.floor(iterations / 2), rounds),
    ];
    speeds.forEach(printSpeed);
    return { agreement: corpus, speeds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `node out/bench/chainVerifyBench.js` runs this bench alone (the worker loads this file too: not in it).
if (require.main === module && isMainThread) {
  chainVerifyBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
