// What openssl itself says about keys, CSRs and certificates the generate tests make: the oracle's readings
// as text, so that the comparisons are openssl's output against openssl's output.
import { spawnSync } from 'child_process';

export interface OpensslRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOpenssl(args: string[], cwd?: string): OpensslRun {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: string[], cwd?: string): string {
  const run = runOpenssl(args, cwd);
  if (run.code !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** `req` for CSRs, `x509` for certificates. */
export type Kind = 'req' | 'x509';

/** The subject as one RFC 2253 line and as openssl's multi-line UTF-8 listing. */
export function subjectReadings(kind: Kind, file: string): { rfc2253: string; multiline: string } {
  return {
    rfc2253: ok([kind, '-in', file, '-noout', '-subject', '-nameopt', 'RFC2253']).trim(),
    multiline: ok([kind, '-in', file, '-noout', '-subject', '-nameopt', 'sep_multiline,utf8']).trim(),
  };
}

/** The subjectAltName lines of `-text` (empty when there is none), and whether it is critical. */
export function subjectAltNameText(kind: Kind, file: string): string {
  const lines = ok([kind, '-in', file, '-noout', '-text']).split('\n');
  const at = lines.findIndex((l) => /X509v3 Subject Alternative Name:/.test(l));
  return at < 0 ? '' : `${lines[at].trim()} ${lines[at + 1].trim()}`;
}

/** The string types and values of the ASN.1 structure as `openssl asn1parse` lists them, in order. */
export function stringTypes(file: string): string[] {
  const listing = ok(['asn1parse', '-in', file]);
  return listing
    .split('\n')
    .map((l) =>
      /prim: (UTF8STRING|PRINTABLESTRING|T61STRING|IA5STRING|BMPSTRING|NUMERICSTRING|UNIVERSALSTRING)\s*:?(.*)$/.exec(
        l,
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}:${m[2]}`);
}

/** OpenSSL 3.0's `req -verify` exits 0 even when the signature is bad: its message is what counts. */
export function csrVerifies(file: string): boolean {
  const run = runOpenssl(['req', '-in', file, '-noout', '-verify']);
  return (
    run.code === 0 && /verify OK/.test(run.stdout + run.stderr) && !/verify failure/i.test(run.stdout + run.stderr)
  );
}

/** `openssl rsa -check` passes and the modulus has `bits` bits. */
export function rsaKeyChecks(file: string): { ok: boolean; bits: number } {
  const check = runOpenssl(['rsa', '-in', file, '-check', '-noout']);
  const text = ok(['rsa', '-in', file, '-noout', '-text']);
  const bits = Number(/Private-Key: \((\d+) bit/.exec(text)?.[1] ?? 0);
  return { ok: check.code === 0 && /RSA key ok/.test(check.stdout + check.stderr), bits };
}
