// How long validating a large request config takes (the editor re-validates on every pause in typing, so the
// budget is 10 ms for 2,000 lines), against two baselines measured in the same run: a bare split-and-regex pass
// over the same text (the least any line-based checker costs) and openssl itself reading the file and making the
// CSR in a child process.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseOpensslConfig } from '../src/core/opensslConfig/parseOpensslConfig';
import { validateOpensslConfig } from '../src/core/opensslConfig/validateOpensslConfig';

export interface BenchResult {
  name: string;
  ms: number;
  baselineMs?: number;
  ratio?: number;
}

/** A request config of `lineCount` lines shaped like real ones: comments, variables, prompts, SAN sections. */
export function buildLargeConfig(lineCount = 2000): string {
  const lines = [
    '# Request configs for the card-issuing programs, one section set per program.',
    'HOME            = .',
    'org             = Example Payments Ltd',
    'oid_section     = program_oids',
    '[ program_oids ]',
    'programId = 1.3.6.1.4.1.55555.1',
    '[ req ]',
    'default_bits       = 2048',
    'default_md         = sha256',
    'prompt             = no',
    'utf8               = yes',
    'string_mask        = utf8only',
    'distinguished_name = dn',
    'req_extensions     = ext',
    '[ dn ]',
    'C  = GB',
    'O  = $org',
    '0.OU = Card Issuing',
    '1.OU = "Program A # primary"',
    'CN = program-a.client.example.com',
    'programId = A-17',
    '[ ext ]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage         = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = clientAuth',
    'subjectAltName   = @alt_names',
    '[ alt_names ]',
  ];
  let i = 0;
  while (lines.length < lineCount - 40) {
    lines.push(`# host ${i}`);
    lines.push(`DNS.${i} = host-${i}.program-a.example.com`);
    lines.push(`IP.${i}  = 10.${(i >> 8) & 255}.${i & 255}.${(i % 250) + 1}`);
    i++;
  }
  lines.push('[ program_b_dn ]');
  while (lines.length < lineCount - 2) {
    const n = lines.length;
    lines.push(`${n}.OU = Unit ${n} \\`, `  continued`);
  }
  while (lines.length < lineCount) lines.push('');
  return lines.join('\n');
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(task: () => void, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    task();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** The cheapest line-based pass: split, and match every line against a name = value pattern. */
function splitAndRegex(text: string): number {
  const pattern = /^\s*([A-Za-z0-9_.$]+)\s*=\s*(.*?)\s*(#.*)?$/;
  let matches = 0;
  for (const line of text.split('\n')) if (pattern.test(line)) matches++;
  return matches;
}

export async function runConfigValidationBench(): Promise<BenchResult[]> {
  const text = buildLargeConfig(2000);
  const findings = validateOpensslConfig(text);
  if (findings.some((f) => f.severity === 'error'))
    throw new Error(`the bench config has errors: ${findings[0].message}`);
  const baselineMs = time(() => splitAndRegex(text), 51, 20);
  const parseMs = time(() => parseOpensslConfig(text), 51, 20);
  const validateMs = time(() => validateOpensslConfig(text), 51, 20);
  const results: BenchResult[] = [
    { name: 'parse a 2,000-line config (vs split + regex)', ms: parseMs, baselineMs, ratio: parseMs / baselineMs },
    {
      name: 'validate a 2,000-line config (vs split + regex)',
      ms: validateMs,
      baselineMs,
      ratio: validateMs / baselineMs,
    },
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-bench-'));
  try {
    const config = path.join(dir, 'large.cnf');
    const key = path.join(dir, 'key.pem');
    fs.writeFileSync(config, text);
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', key], {
      stdio: 'ignore',
    });
    const opensslMs = time(
      () => {
        execFileSync('openssl', ['req', '-new', '-batch', '-config', config, '-key', key, '-noout'], {
          stdio: 'ignore',
        });
      },
      7,
      1,
    );
    results.push({
      name: 'validate a 2,000-line config (vs openssl req -new in a child process)',
      ms: validateMs,
      baselineMs: opensslMs,
      ratio: validateMs / opensslMs,
    });
  } catch {
    // No openssl on PATH: the in-process numbers stand on their own.
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  runConfigValidationBench().then(
    (results) => {
      for (const r of results) {
        const base =
          r.baselineMs !== undefined ? `  baseline ${r.baselineMs.toFixed(2)} ms  ratio ${r.ratio?.toFixed(2)}` : '';
        console.log(`${r.name}: ${r.ms.toFixed(2)} ms (median)${base}`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
