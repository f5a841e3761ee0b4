// Fault: key-derivation parameters with an enormous iteration count, in files a scan meets in any workspace. The
// derivation runs on the calling thread (forge's PKCS#12 MAC and PBE in plain JavaScript; OpenSSL's PBKDF2 for
// encrypted PKCS#8 inside the synchronous crypto.createPrivateKey), so nothing can interrupt it: a 3 KB file would
// hold up an inventory scan, and the extension host running it, for hours or forever. Each reader must refuse such
// a file quickly with a typed error instead. Every call runs in a child process that is killed after a few seconds,
// so that a failure here is a failed test, not a hung run.
//
// Found by the fuzz tests. Legitimate files use 2,048 (OpenSSL's default) to a few hundred thousand iterations; the
// readers refuse more than a million (key-derivation-too-costly). forge also reads BER, which Windows writes for PFX
// files (indefinite lengths): the limit must hold there too.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cryptoFixtures, scratchDir } from '../../support/cryptoFixtures';
import { encodeTlv, readTlvs, Tlv } from '../../support/fuzzMutations';

const CORE = path.resolve(__dirname, '../../../src/core');
const LIMIT_MS = 15_000; // a refusal takes milliseconds; the derivation it prevents, hours
const HUGE = [0x7f, 0xff, 0xff, 0xff]; // 2,147,483,647 iterations

/** Sets the count of the `which`-th SEQUENCE { OCTET STRING salt, INTEGER count, ... } (PBKDF2 and PKCS#12 PBE parameters). */
function withIterationCount(der: Buffer, count: number[], which: (index: number) => boolean): Buffer {
  const roots = readTlvs(der);
  assert.ok(roots, 'the fixture parses');
  let index = 0;
  const walk = (node: Tlv) => {
    const [salt, iterations] = node.children ?? [];
    if (node.tag[0] === 0x30 && salt?.tag[0] === 0x04 && iterations?.tag[0] === 0x02 && !iterations.children) {
      if (which(index++)) iterations.content = Buffer.from(count);
    }
    node.children?.forEach(walk);
  };
  roots.forEach(walk);
  assert.ok(index > 0, 'the fixture has key-derivation parameters');
  return Buffer.concat(roots.map(encodeTlv));
}

/** Sets a PKCS#12 file's MAC iteration count (MacData is the PFX's third field). */
function withMacIterations(der: Buffer, count: number[]): Buffer {
  const [pfx] = readTlvs(der) ?? [];
  const macData = pfx?.children?.[2];
  assert.ok(macData?.children?.[2], 'the fixture has a MAC');
  macData.children[2].content = Buffer.from(count);
  return encodeTlv(pfx);
}

/** Runs `expression` (with `file` bound) in a child; the result printed as JSON, or a timeout. */
function runBounded(file: string, expression: string): { timedOut: boolean; ms: number; output: string } {
  const script = `
    const fs = require('fs');
    const core = (name) => require(${JSON.stringify(CORE)} + '/' + name);
    const file = process.argv[1];
    Promise.resolve().then(() => ${expression}).then(
      (r) => process.stdout.write(JSON.stringify(r)),
      (e) => process.stdout.write(JSON.stringify({ thrown: e && e.code, message: e && e.message })));`;
  const started = Date.now();
  const child = spawnSync(process.execPath, ['-e', script, file], {
    encoding: 'utf8',
    timeout: LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  return {
    timedOut: child.signal === 'SIGKILL' || child.error !== undefined,
    ms: Date.now() - started,
    output: child.stdout || child.stderr,
  };
}

function assertRefusedQuickly(what: string, run: { timedOut: boolean; ms: number; output: string }): void {
  assert.ok(
    !run.timedOut,
    `${what}: still deriving a key after ${LIMIT_MS} ms (killed); it must refuse the iteration count instead`,
  );
  assert.doesNotMatch(
    run.output,
    /"items":\[\{[^\]]*"kind":"pkcs12"[^\]]*"certificates":\[\{/,
    `${what}: read as if nothing were wrong: ${run.output.slice(0, 300)}`,
  );
}

describe('faults: enormous key-derivation iteration counts are refused, not run', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    const f = cryptoFixtures();
    dir = scratchDir('iterations-');
    // A PKCS#12 file with an empty password whose MAC asks for 2^31 - 1 iterations.
    fs.writeFileSync(path.join(dir, 'mac.p12'), withMacIterations(fs.readFileSync(f.files['rsa-empty.p12']), HUGE));
    // Without a MAC, with an empty password: the certificate bag's PBKDF2 asks for 2^31 - 1.
    const noMac = path.join(dir, 'nomac-source.p12');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      f.rsa.certPath,
      '-inkey',
      f.rsa.keyPath,
      '-nomac',
      '-passout',
      'pass:',
      '-out',
      noMac,
    ]);
    fs.writeFileSync(
      path.join(dir, 'pbe.p12'),
      withIterationCount(fs.readFileSync(noMac), HUGE, (i) => i === 0),
    );
    fs.rmSync(noMac);
    // The first file again in BER, as Windows writes PFX files: the outer SEQUENCE with an indefinite length.
    const [pfx] = readTlvs(fs.readFileSync(path.join(dir, 'mac.p12'))) ?? [];
    const body = Buffer.concat((pfx?.children ?? []).map(encodeTlv));
    fs.writeFileSync(
      path.join(dir, 'mac-ber.pfx'),
      Buffer.concat([Buffer.from([0x30, 0x80]), body, Buffer.from([0x00, 0x00])]),
    );
    // An encrypted PKCS#8 key (DER) whose PBKDF2 asks for 2^31 - 1.
    fs.writeFileSync(
      path.join(dir, 'pbkdf2.der'),
      withIterationCount(fs.readFileSync(f.files['ec-encrypted.der']), HUGE, () => true),
    );
  });

  it('a PKCS#12 file with a huge MAC iteration count, read without a passphrase (as every scan reads it)', () => {
    const run = runBounded(
      path.join(dir, 'mac.p12'),
      "core('x509/readCryptoFile').readCryptoFile(file, fs.readFileSync(file))",
    );
    assertRefusedQuickly('readCryptoFile', run);
    assert.match(run.output, /"code":"key-derivation-too-costly"/, run.output);
  });

  it('a PKCS#12 file without a MAC whose bag encryption has a huge PBKDF2 iteration count', () => {
    const run = runBounded(
      path.join(dir, 'pbe.p12'),
      "core('x509/readCryptoFile').readCryptoFile(file, fs.readFileSync(file))",
    );
    assertRefusedQuickly('readCryptoFile', run);
    assert.match(run.output, /"code":"key-derivation-too-costly"/, run.output);
  });

  it('the same PKCS#12 file in BER (an indefinite length, as Windows writes PFX files)', () => {
    const run = runBounded(
      path.join(dir, 'mac-ber.pfx'),
      "core('x509/readCryptoFile').readCryptoFile(file, fs.readFileSync(file))",
    );
    assertRefusedQuickly('readCryptoFile', run);
    assert.match(run.output, /"code":"key-derivation-too-costly"/, run.output);
  });

  it('an inventory scan of a folder holding such files completes, with an error entry for each', () => {
    const run = runBounded(dir, "core('inventory/scanInventory').scanInventory([file])");
    assertRefusedQuickly('scanInventory', run);
    const result = JSON.parse(run.output) as { errors: Array<{ path: string; code: string }> };
    for (const name of ['mac.p12', 'pbe.p12', 'mac-ber.pfx'])
      assert.ok(
        result.errors.some((e) => e.path.endsWith(name)),
        `${name}: ${run.output}`,
      );
  });

  it('an encrypted PKCS#8 key with a huge PBKDF2 iteration count, opened with a passphrase', () => {
    const run = runBounded(
      path.join(dir, 'pbkdf2.der'),
      "core('x509/privateKey').readPrivateKey(fs.readFileSync(file), { passphrase: 'x' })",
    );
    assertRefusedQuickly('readPrivateKey', run);
    assert.match(run.output, /"thrown":"key-derivation-too-costly"/, `a typed error: ${run.output}`);
  });
});
