// Step 1 of the rotation, ours against the guide's two openssl commands: a new RSA-2048 key and its CSR from
// the same config, written to disk. RSA key generation is a random prime search whose time varies several-fold
// from one key to the next, so the two are timed alternately (each leading in turn) over many rounds and
// compared by median. The CSR part alone (fixed key) is timed as well: that comparison is not random.
import { execFile } from 'child_process';
import { createPrivateKey, createPublicKey } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { buildCsr } from '../src/core/generate/buildCsr';
import { generateKeyAndCsr } from '../src/core/generate/generateKeyAndCsr';
import { writeKeyAndCsr } from '../src/core/generate/writeNewFiles';
import { checkOpensslConfig } from '../src/core/opensslConfig/validateOpensslConfig';
import { median } from './stats';

const run = promisify(execFile);

const CONFIG = [
  '[ req ]',
  'default_bits = 2048',
  'default_md = sha256',
  'prompt = no',
  'utf8 = yes',
  'string_mask = utf8only',
  'distinguished_name = dn',
  'req_extensions = ext',
  '[ dn ]',
  'C = GB',
  'O = Example Payments Ltd',
  'OU = Card Issuing Program A',
  'CN = program-a.client.example.com',
  '[ ext ]',
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, keyEncipherment',
  'extendedKeyUsage = clientAuth',
  'subjectAltName = @alt_names',
  '[ alt_names ]',
  'DNS.1 = program-a.client.example.com',
  'DNS.2 = program-a-dr.client.example.com',
  'IP.1 = 203.0.113.10',
  'IP.2 = 2001:db8::10',
  '',
].join('\n');

export interface GenerateBenchResult {
  rounds: number;
  oursMs: number;
  opensslMs: number;
  ratio: number;
  /** CSR from an existing key, written: ours (in process) against `openssl req -new -key`. */
  csrOnlyOursMs: number;
  csrOnlyOpensslMs: number;
}

export async function runGenerateBench(rounds = 9): Promise<GenerateBenchResult> {
  const count = Math.max(1, Math.floor(rounds));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-generate-bench-'));
  try {
    const configPath = path.join(dir, 'program-a-openssl.cnf');
    fs.writeFileSync(configPath, CONFIG);
    let n = 0;
    const out = () => {
      n++;
      return { key: path.join(dir, `k${n}.key`), csr: path.join(dir, `c${n}.csr`) };
    };
    const ours = async () => {
      const { key, csr } = out();
      const start = performance.now();
      const result = await generateKeyAndCsr(CONFIG, { configPath });
      await writeKeyAndCsr(key, csr, result.keyPem, result.csrPem);
      return performance.now() - start;
    };
    const theirs = async () => {
      const { key, csr } = out();
      const start = performance.now();
      await run('openssl', ['genrsa', '-out', key, '2048']);
      await run('openssl', ['req', '-new', '-config', configPath, '-key', key, '-out', csr]);
      return performance.now() - start;
    };
    // Warm-up: module loading, JIT, openssl's first start.
    await ours();
    await theirs();
    const oursTimes: number[] = [];
    const theirTimes: number[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) {
        oursTimes.push(await ours());
        theirTimes.push(await theirs());
      } else {
        theirTimes.push(await theirs());
        oursTimes.push(await ours());
      }
    }

    // The deterministic part: a CSR from a key that already exists.
    const keyPath = path.join(dir, 'k1.key');
    const privateKey = createPrivateKey(fs.readFileSync(keyPath));
    const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const csrOurs: number[] = [];
    const csrTheirs: number[] = [];
    for (let i = 0; i < Math.max(count, 15); i++) {
      let start = performance.now();
      const { config, request } = checkOpensslConfig(CONFIG, { providerRules: false });
      const built = buildCsr({ config, request, privateKey, publicKeyDer });
      await fs.promises.writeFile(out().csr, built.pem, { flag: 'wx' });
      csrOurs.push(performance.now() - start);
      start = performance.now();
      await run('openssl', ['req', '-new', '-config', configPath, '-key', keyPath, '-out', out().csr]);
      csrTheirs.push(performance.now() - start);
    }

    const result: GenerateBenchResult = {
      rounds: count,
      oursMs: median(oursTimes),
      opensslMs: median(theirTimes),
      ratio: median(oursTimes) / median(theirTimes),
      csrOnlyOursMs: median(csrOurs),
      csrOnlyOpensslMs: median(csrTheirs),
    };
    const spread = (t: number[]) => `${Math.min(...t).toFixed(0)}-${Math.max(...t).toFixed(0)}`;
    console.log(`\n== Key + CSR generation, RSA-2048, ${count} alternating rounds (goal: ratio <= 1.2)`);
    console.log(
      `generateKeyAndCsr + writeKeyAndCsr: ${result.oursMs.toFixed(1)} ms median (${spread(oursTimes)}); ` +
        `openssl genrsa 2048 + openssl req -new: ${result.opensslMs.toFixed(1)} ms median (${spread(theirTimes)}); ratio ${result.ratio.toFixed(2)}`,
    );
    console.log(
      `CSR alone from an existing key (parse config, build, sign, write): ${result.csrOnlyOursMs.toFixed(2)} ms median; ` +
        `openssl req -new -key: ${result.csrOnlyOpensslMs.toFixed(2)} ms median; ratio ${(result.csrOnlyOursMs / result.csrOnlyOpensslMs).toFixed(2)}`,
    );
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
