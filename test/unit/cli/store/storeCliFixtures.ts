// Shared by the store CLI tests: certificates made by openssl (the oracle for their facts), a runner for the built
// CLI, and the checks every run must pass.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CliRun, runCli } from '../../../support/buildCli';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../../../support/openssl';

export interface Pair {
  certPath: string;
  keyPath: string;
  /** As `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
  /** As `openssl x509 -subject` prints it. */
  subject: string;
  notAfter: Date;
}

export interface Fixtures {
  dir: string;
  chainPath: string;
  /** Valid for months, in the order a rotation uses them. */
  a: Pair;
  b: Pair;
  c: Pair;
  /** Expires in 10 days: what `check --within 30` must catch. */
  soon: Pair;
  /** Expired yesterday. */
  expired: Pair;
}

export function certificateFacts(pem: string): { fingerprint: string; subject: string; notAfter: Date } {
  const out = openssl(['x509', '-noout', '-fingerprint', '-sha256', '-subject', '-enddate', '-dateopt', 'iso_8601'], {
    input: pem,
  });
  const field = (name: string) => {
    const line = out.split('\n').find((l) => l.startsWith(`${name}=`));
    assert.ok(line, `${name} in ${out}`);
    return line.slice(name.length + 1).trim();
  };
  return {
    fingerprint: field('sha256 Fingerprint'),
    subject: field('subject'),
    notAfter: new Date(field('notAfter').replace(' ', 'T')),
  };
}

/** The public key of a private key and of a certificate, as openssl writes them: equal when they match. */
export function keyMatches(keyPem: string, certificatePem: string): boolean {
  const fromKey = openssl(['pkey', '-pubout'], { input: keyPem });
  const fromCert = openssl(['x509', '-noout', '-pubkey'], { input: certificatePem });
  return fromKey === fromCert;
}

function pair(ca: ReturnType<typeof makeCa>, dir: string, name: string, notAfter: Date, notBefore?: Date): Pair {
  const leaf = makeLeaf(ca, dir, name, { notAfter, notBefore, subject: `/O=Test/OU=Payments/CN=${name}` });
  return {
    certPath: leaf.certPath,
    keyPath: leaf.keyPath,
    ...certificateFacts(fs.readFileSync(leaf.certPath, 'utf8')),
  };
}

let made: Fixtures | undefined;

export function storeFixtures(): Fixtures {
  if (made) return made;
  const dir = tempDir('mtls-store-cli-');
  const ca = makeCa(path.join(dir, 'ca'), 'Store Test CA');
  made = {
    dir,
    chainPath: ca.certPath,
    a: pair(ca, dir, 'api-a', daysFromNow(200)),
    b: pair(ca, dir, 'api-b', daysFromNow(400)),
    c: pair(ca, dir, 'api-c', daysFromNow(300)),
    soon: pair(ca, dir, 'api-soon', daysFromNow(10)),
    expired: pair(ca, dir, 'api-expired', daysFromNow(-1), daysFromNow(-60)),
  };
  return made;
}

/** Runs the CLI; every run gets exactly the environment given plus PATH, so nothing leaks in from the shell. */
export function run(args: string[], env: Record<string, string | undefined>): CliRun {
  return runCli(args, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    ...env,
  });
}

/** Exit 0, nothing on stderr (no SDK warning either), and the JSON document on stdout. */
export function ok<T = Record<string, unknown>>(result: CliRun, what: string): T {
  assert.strictEqual(result.code, 0, `${what}: exit ${result.code}: ${result.stderr}`);
  assert.strictEqual(result.stderr, '', what);
  return JSON.parse(result.stdout) as T;
}

/** Refused or failed: the exit code, nothing on stdout, one line on stderr ending with the error code. */
export function refused(result: CliRun, code: 1 | 2, errorCode: string | RegExp, what: string): string {
  assert.strictEqual(result.code, code, `${what}: exit ${result.code}: ${result.stderr}${result.stdout}`);
  assert.strictEqual(result.stdout, '', what);
  assert.strictEqual(result.stderr.split('\n').length, 2, `${what}: ${result.stderr}`);
  if (typeof errorCode === 'string') assert.ok(result.stderr.endsWith(`(${errorCode})\n`), `${what}: ${result.stderr}`);
  else assert.match(result.stderr, errorCode, what);
  return result.stderr;
}

export function deployArgs(store: string, p: Pair, ...more: string[]): string[] {
  return ['store', 'deploy', '--store', store, '--cert', p.certPath, '--key', p.keyPath, ...more];
}

export { refusedPort as closedPort } from '../../../support/mtlsServers';

export const PAIR_STATE_KEYS = ['ok', 'current', 'pending'];
export const ENTRY_KEYS = ['id', 'stage', 'versionId', 'fingerprintSha256', 'notAfter', 'subject'];
