// Fixture factory: every key, CSR and certificate in the tests is made by the openssl command line,
// so that OpenSSL stays the oracle. Synchronous on purpose: fixtures are built before hosts start.
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export function openssl(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): string {
  return execFileSync('openssl', args, {
    input: options.input,
    cwd: options.cwd,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function tempDir(prefix = 'mtls-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type KeySpec = { type: 'rsa'; bits?: number } | { type: 'ec'; curve?: string } | { type: 'ed25519' };

export function makeKey(outPath: string, spec: KeySpec = { type: 'rsa', bits: 2048 }): string {
  const args =
    spec.type === 'rsa'
      ? ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.bits ?? 2048}`]
      : spec.type === 'ec'
        ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${spec.curve ?? 'prime256v1'}`]
        : ['genpkey', '-algorithm', 'ED25519'];
  openssl([...args, '-out', outPath]);
  fs.chmodSync(outPath, 0o600);
  return outPath;
}

/**
 * A self-signed certificate at `certPath` (its key beside it, `.key`), made by `openssl req -x509`: `subject` in
 * openssl's `/O=x/CN=z` form, `args` any further options of req (`-utf8`, `-addext ...`).
 */
export function makeSelfSigned(
  certPath: string,
  subject: string,
  options: { key?: KeySpec; days?: number; args?: string[] } = {},
): string {
  const keyPath = makeKey(certPath.replace(/\.[^./]*$/, '') + '.key', options.key ?? { type: 'ec' });
  openssl([
    'req',
    '-x509',
    '-key',
    keyPath,
    '-out',
    certPath,
    '-days',
    String(options.days ?? 30),
    ...(options.args ?? []),
    '-subj',
    subject,
  ]);
  return certPath;
}

/** `subject` in openssl's `/O=x/OU=y/CN=z` form; `sans` like `['DNS:a.example', 'IP:10.0.0.1']`. */
export function makeCsr(keyPath: string, outPath: string, subject: string, sans: string[] = []): string {
  const args = ['req', '-new', '-key', keyPath, '-out', outPath, '-subj', subject];
  if (sans.length > 0) args.push('-addext', `subjectAltName=${sans.join(',')}`);
  openssl(args);
  return outPath;
}

export interface Ca {
  dir: string;
  certPath: string;
  keyPath: string;
}

/** A self-signed CA valid from `notBefore` to `notAfter` (defaults: a year either side of now). */
export function makeCa(
  dir: string,
  name: string,
  options: { notBefore?: Date; notAfter?: Date; key?: KeySpec } = {},
): Ca {
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = makeKey(path.join(dir, `${name}.key`), options.key ?? { type: 'rsa', bits: 2048 });
  const csrPath = makeCsr(keyPath, path.join(dir, `${name}.csr`), `/O=Test/CN=${name}`);
  const certPath = path.join(dir, `${name}.crt`);
  const ca: Ca = { dir, certPath, keyPath };
  signCsr(ca, csrPath, certPath, {
    notBefore: options.notBefore ?? new Date(Date.now() - 365 * 86400_000),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * 86400_000),
    selfSign: true,
  });
  fs.rmSync(csrPath);
  return ca;
}

function opensslTime(date: Date): string {
  // openssl ca takes YYYYMMDDHHMMSSZ (GeneralizedTime) for -startdate/-enddate.
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Signs a CSR with exact dates through `openssl ca`, copying the CSR's SANs. */
export function signCsr(
  ca: Ca,
  csrPath: string,
  outPath: string,
  options: { notBefore: Date; notAfter: Date; selfSign?: boolean; serial?: string },
): string {
  const work = fs.mkdtempSync(path.join(ca.dir, '.ca-'));
  fs.writeFileSync(path.join(work, 'index.txt'), '');
  const serial =
    options.serial ??
    BigInt('0x' + randomBytes(8).toString('hex'))
      .toString(16)
      .toUpperCase();
  fs.writeFileSync(path.join(work, 'serial'), serial.length % 2 === 0 ? serial : '0' + serial);
  const config = [
    '[ ca ]',
    'default_ca = test_ca',
    '[ test_ca ]',
    `dir = ${work}`,
    'database = $dir/index.txt',
    'serial = $dir/serial',
    'new_certs_dir = $dir',
    'default_md = sha256',
    'policy = policy_any',
    'copy_extensions = copy',
    'unique_subject = no',
    'email_in_dn = no',
    options.selfSign ? 'x509_extensions = ca_ext' : 'x509_extensions = leaf_ext',
    '[ policy_any ]',
    'commonName = supplied',
    'organizationName = optional',
    'organizationalUnitName = optional',
    'countryName = optional',
    'stateOrProvinceName = optional',
    'localityName = optional',
    '[ ca_ext ]',
    'basicConstraints = critical,CA:true',
    'keyUsage = critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier = hash',
    '[ leaf_ext ]',
    'basicConstraints = CA:false',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = clientAuth,serverAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n');
  const configPath = path.join(work, 'ca.cnf');
  fs.writeFileSync(configPath, config);
  const args = [
    'ca',
    '-batch',
    '-notext',
    '-config',
    configPath,
    '-in',
    csrPath,
    '-out',
    outPath,
    '-startdate',
    opensslTime(options.notBefore),
    '-enddate',
    opensslTime(options.notAfter),
    '-keyfile',
    ca.keyPath,
  ];
  args.push('-preserveDN');
  if (options.selfSign) args.push('-selfsign');
  else args.push('-cert', ca.certPath);
  openssl(args);
  fs.rmSync(work, { recursive: true, force: true });
  return outPath;
}

/** Key, CSR and certificate signed by `ca`, valid from notBefore to notAfter. */
export function makeLeaf(
  ca: Ca,
  dir: string,
  name: string,
  options: { subject?: string; sans?: string[]; notBefore?: Date; notAfter: Date; key?: KeySpec; serial?: string },
): { keyPath: string; csrPath: string; certPath: string } {
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = makeKey(path.join(dir, `${name}.key`), options.key ?? { type: 'rsa', bits: 2048 });
  const csrPath = makeCsr(
    keyPath,
    path.join(dir, `${name}.csr`),
    options.subject ?? `/O=Test/OU=Payments/CN=${name}`,
    options.sans ?? [],
  );
  const certPath = signCsr(ca, csrPath, path.join(dir, `${name}.crt`), {
    notBefore: options.notBefore ?? new Date(Date.now() - 30 * 86400_000),
    notAfter: options.notAfter,
    serial: options.serial,
  });
  return { keyPath, csrPath, certPath };
}

export const DAY_MS = 86_400_000;

export function daysFromNow(days: number, now = Date.now()): Date {
  return new Date(now + days * DAY_MS);
}
