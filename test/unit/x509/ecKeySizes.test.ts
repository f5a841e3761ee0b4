import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';

/** Every curve `openssl ecparam -list_curves` names. */
function opensslCurves(): string[] {
  return openssl(['ecparam', '-list_curves'])
    .split('\n')
    .map((l) => l.split(':')[0].trim())
    .filter(Boolean);
}

/** One key a curve (named or explicit parameters), and what `openssl pkey -text_pub` says of it, in one process. */
function keysAndReadings(dir: string, curves: string[], encoding: 'named_curve' | 'explicit') {
  const script = `cd "$1"; shift; for c in "$@"; do
    openssl ecparam -name "$c" -param_enc ${encoding} -genkey -noout -out "$c.pem" 2>/dev/null || continue
    echo "@@ $c"; openssl pkey -in "$c.pem" -noout -text_pub; done`;
  const out = execFileSync('bash', ['-c', script, 'bash', dir, ...curves], { encoding: 'utf8' });
  return out
    .split('@@ ')
    .slice(1)
    .map((chunk) => ({
      curve: chunk.split('\n')[0],
      bits: Number(/\((\d+) bit\)/.exec(chunk)?.[1]),
      oidName: /ASN1 OID: (\S+)/.exec(chunk)?.[1],
    }));
}

describe('EC key sizes and curve names, as openssl prints them', function () {
  this.timeout(120_000);

  it('on every named curve openssl knows: the group order size (161 for secp160r1), and its name', () => {
    const dir = scratchDir('curves-');
    const readings = keysAndReadings(dir, opensslCurves(), 'named_curve');
    assert.ok(readings.length > 60, `${readings.length} curves`);
    const differences: string[] = [];
    for (const want of readings) {
      const file = path.join(dir, `${want.curve}.pem`);
      const [key] = readCryptoFile(file, fs.readFileSync(file)).items;
      if (!key || key.kind !== 'key') {
        differences.push(`${want.curve}: not read`);
        continue;
      }
      if (key.keyBits !== want.bits) differences.push(`${want.curve}: ${key.keyBits} bits, openssl ${want.bits}`);
      if (want.oidName && key.curve !== want.oidName)
        differences.push(`${want.curve}: curve ${key.curve}, openssl ${want.oidName}`);
    }
    assert.deepStrictEqual(differences, []);
  });

  it('with explicit parameters, keys and certificates: the order size, not the point bytes', () => {
    const dir = scratchDir('explicit-');
    const curves = ['prime256v1', 'secp160r1', 'sect163r1', 'c2pnb176v1', 'Oakley-EC2N-4', 'brainpoolP320r1'];
    const readings = keysAndReadings(dir, curves, 'explicit');
    assert.strictEqual(readings.length, curves.length);
    for (const want of readings) {
      const keyFile = path.join(dir, `${want.curve}.pem`);
      const [key] = readCryptoFile(keyFile, fs.readFileSync(keyFile)).items;
      assert.ok(key && key.kind === 'key', want.curve);
      assert.strictEqual(key.keyBits, want.bits, `${want.curve} key`);
    }
    for (const curve of ['prime256v1', 'secp160r1', 'c2pnb176v1']) {
      const certFile = path.join(dir, `${curve}.crt`);
      openssl([
        'req',
        '-x509',
        '-key',
        path.join(dir, `${curve}.pem`),
        '-subj',
        '/CN=explicit',
        '-days',
        '1',
        '-out',
        certFile,
      ]);
      const text = openssl(['x509', '-in', certFile, '-noout', '-text']);
      const [cert] = readCryptoFile(certFile, fs.readFileSync(certFile)).items;
      assert.ok(cert && cert.kind === 'certificate', curve);
      assert.strictEqual(cert.keyBits, Number(/Public-Key: \((\d+) bit\)/.exec(text)![1]), `${curve} certificate`);
    }
  });
});
