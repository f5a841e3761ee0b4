// The key Start Rotation prepares: handed out once, only at the size asked, dropped on dispose, and replaced by a
// key generated on demand whenever it cannot be given. Every key handed out is checked by openssl.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError, isCoreError } from '../../../src/core/errors';
import { generateKeyPair, GenerateKeyPairOptions } from '../../../src/core/generate/generateKeyPair';
import { KeyPregenerator, TakenKey } from '../../../src/core/generate/keyPregenerator';
import { opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import { rsaKeyChecks } from './support/opensslCsr';

/** openssl's verdict on the key, and its SPKI hash as openssl computes it. */
function checked(taken: TakenKey, bits = 2048): string {
  const file = path.join(scratchDir('pregen-'), 'k.key');
  fs.writeFileSync(file, taken.key.privateKeyPem, { mode: 0o600 });
  assert.deepStrictEqual(rsaKeyChecks(file), { ok: true, bits });
  return opensslSpkiSha256(file, 'key');
}

describe('KeyPregenerator', function () {
  this.timeout(120_000);

  it('hands the prepared key over once; the next take gets a new key', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    assert.deepStrictEqual(keys.holding(), { bits: 2048, ready: false });
    await keys.whenSettled();
    assert.deepStrictEqual(keys.holding(), { bits: 2048, ready: true });
    const first = await keys.take(2048);
    assert.strictEqual(first.preparedAhead, true);
    assert.strictEqual(keys.holding(), undefined, 'no longer held');
    const second = await keys.take(2048);
    assert.strictEqual(second.preparedAhead, false);
    assert.notStrictEqual(checked(first), checked(second));
  });

  it('waits for a key still on its way rather than starting another', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    const taken = await keys.take(2048);
    assert.strictEqual(taken.preparedAhead, true);
    checked(taken);
  });

  it('generates on demand when the size differs, and holds one key at most', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    const other = await keys.take(3072);
    assert.strictEqual(other.preparedAhead, false);
    checked(other, 3072);
    assert.strictEqual(keys.holding()?.bits, 2048, 'the prepared key stays for a take of its size');
    keys.prepare(2048);
    assert.strictEqual(keys.holding()?.bits, 2048);
    keys.prepare(3072);
    assert.deepStrictEqual(keys.holding(), { bits: 3072, ready: false });
    const taken = await keys.take(3072);
    assert.strictEqual(taken.preparedAhead, true);
    checked(taken, 3072);
  });

  it('drops the key on dispose and prepares nothing afterwards', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    await keys.whenSettled();
    keys.dispose();
    assert.strictEqual(keys.holding(), undefined);
    keys.prepare(2048);
    assert.strictEqual(keys.holding(), undefined);
    const taken = await keys.take(2048);
    assert.strictEqual(taken.preparedAhead, false);
    checked(taken);
  });

  it('drops a key still on its way when discarded', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    keys.discard();
    assert.strictEqual(keys.holding(), undefined);
    assert.strictEqual((await keys.take(2048)).preparedAhead, false);
  });

  it('gives the prepared key to one of two concurrent takers only', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    const taken = await Promise.all([keys.take(2048), keys.take(2048)]);
    assert.deepStrictEqual(taken.map((t) => t.preparedAhead).sort(), [false, true]);
    assert.notStrictEqual(checked(taken[0]), checked(taken[1]));
  });

  it('falls back to generating on demand when the search ahead fails', async () => {
    let calls = 0;
    const failingFirst = (options: GenerateKeyPairOptions) =>
      ++calls === 1
        ? Promise.reject(new CoreError('key-generation-failed', 'RSA key generation failed: out of entropy'))
        : generateKeyPair(options);
    const settledFirst = new KeyPregenerator(failingFirst);
    settledFirst.prepare(2048);
    await settledFirst.whenSettled();
    assert.strictEqual(settledFirst.holding(), undefined, 'a failed search holds nothing');
    const afterFailure = await settledFirst.take(2048);
    assert.strictEqual(afterFailure.preparedAhead, false);
    checked(afterFailure);

    calls = 0;
    const takenWhileFailing = new KeyPregenerator(failingFirst);
    takenWhileFailing.prepare(2048);
    const taken = await takenWhileFailing.take(2048);
    assert.strictEqual(taken.preparedAhead, false);
    checked(taken);
    assert.strictEqual(calls, 2);
  });

  it('releases a taker at abort, and the key it waited for goes to no one', async () => {
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    const abort = new AbortController();
    const pending = keys.take(2048, abort.signal);
    setImmediate(() => abort.abort());
    await assert.rejects(pending, (error: unknown) => isCoreError(error) && error.code === 'aborted');
    assert.strictEqual(keys.holding(), undefined);
    assert.strictEqual((await keys.take(2048)).preparedAhead, false);
  });

  it('refuses sizes the generator refuses', () => {
    const keys = new KeyPregenerator();
    assert.throws(
      () => keys.prepare(1024),
      (error: unknown) => isCoreError(error) && error.code === 'weak-key-size',
    );
    assert.throws(
      () => keys.prepare(8192),
      (error: unknown) => isCoreError(error) && error.code === 'unsupported-key-size',
    );
    assert.strictEqual(keys.holding(), undefined);
  });
});
