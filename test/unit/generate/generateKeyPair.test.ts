import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isCoreError } from '../../../src/core/errors';
import { checkKeyBits, generateKeyPair } from '../../../src/core/generate/generateKeyPair';
import { scratchDir } from '../../support/cryptoFixtures';
import { rsaKeyChecks } from './support/opensslCsr';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isCoreError(error) && error.code === code);
}

describe('generateKeyPair', function () {
  this.timeout(60_000);

  it('makes a 2048-bit RSA key by default, PKCS#8 PEM, that openssl rsa -check accepts', async () => {
    const key = await generateKeyPair();
    assert.strictEqual(key.bits, 2048);
    assert.match(key.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    const file = path.join(scratchDir('keypair-'), 'k.pem');
    fs.writeFileSync(file, key.privateKeyPem, { mode: 0o600 });
    assert.deepStrictEqual(rsaKeyChecks(file), { ok: true, bits: 2048 });
    assert.strictEqual(key.privateKey.asymmetricKeyDetails?.publicExponent, 65537n);
  });

  it('makes a different key every time', async () => {
    const [a, b] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const hash = (der: Buffer) => createHash('sha256').update(der).digest('hex');
    assert.notStrictEqual(hash(a.publicKeyDer), hash(b.publicKeyDer));
  });

  it('accepts 3072 and 4096 bits', async () => {
    assert.strictEqual((await generateKeyPair({ bits: 3072 })).privateKey.asymmetricKeyDetails?.modulusLength, 3072);
    assert.strictEqual(checkKeyBits(4096), 4096);
  });

  it('refuses weak and unusual sizes before generating anything', async () => {
    await rejectsWith(generateKeyPair({ bits: 1024 }), 'weak-key-size');
    await rejectsWith(generateKeyPair({ bits: 2047 }), 'weak-key-size');
    await rejectsWith(generateKeyPair({ bits: Number.NaN }), 'weak-key-size');
    await rejectsWith(generateKeyPair({ bits: 2049 }), 'unsupported-key-size');
    await rejectsWith(generateKeyPair({ bits: 8192 }), 'unsupported-key-size');
  });

  it('rejects with aborted when the signal fires before or during generation', async () => {
    const early = new AbortController();
    early.abort();
    await rejectsWith(generateKeyPair({ signal: early.signal }), 'aborted');
    const late = new AbortController();
    const pending = generateKeyPair({ bits: 4096, signal: late.signal });
    setTimeout(() => late.abort(), 5);
    await rejectsWith(pending, 'aborted');
  });
});
