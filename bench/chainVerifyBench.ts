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
import { verifyChain, VerifyChainInput } from '../src/core/verify/chain/verifyChain';
import { splitPem } from '../src/core/x509/pem';
import { median } from './stats';

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
async function pkijsVerdict(input: VerifyChainInput): Promise<{ ok: boolean; code: number; message: string }> {
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
  speeds: ChainSpeed[];
}

export async function chainVerifyBench(
  options: { iterations?: number; rounds?: number } = {},
): Promise<ChainVerifyBenchResult> {
  const iterations = options.iterations ?? 400;
  const rounds = options.rounds ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-chain-bench-'));
  try {
    console.log('\n== Chain verification: ours and pkijs against openssl verify (verdicts, then time per chain)');
    const short = makeChain(path.join(dir, 'short'), 3, 'rsa', 'ec');
    const deep = makeChain(path.join(dir, 'deep'), 20, 'ec', 'ec');
    const speeds = [
      await speed('3 certs: RSA-2048 root and intermediate, P-256 leaf', short, iterations, rounds),
      await speed('20 certs, P-256', deep, Math.floor(iterations / 2), rounds),
    ];
    speeds.forEach(printSpeed);
    return { speeds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
