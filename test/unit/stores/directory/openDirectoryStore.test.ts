import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../../../../src/core/errors';
import { openDirectoryStore } from '../../../../src/core/stores/directory/openDirectoryStore';
import { SecretsStore } from '../../../../src/core/stores/secretsStore';
import { DirectoryStoreSpec } from '../../../../src/core/stores/storeSpec';
import { tempDir } from '../../../support/openssl';
import {
  FixturePair,
  linkTarget,
  makeCollidingPairs,
  makeSameKeyPairs,
  makePairs,
  opensslFingerprint,
  opensslPairMatches,
} from './directoryFixtures';

const refusedWith = (code: string) => (error: unknown) => {
  assert.ok(error instanceof CoreError, String(error));
  assert.strictEqual(error.code, code, error.message);
  return true;
};

const mode = (file: string) => fs.lstatSync(file).mode & 0o777;

describe('openDirectoryStore', function () {
  let fixtures: string;
  let pairs: FixturePair[];
  let expired: FixturePair;
  let dir: string;
  let root: string;
  let spec: DirectoryStoreSpec;
  let store: SecretsStore;

  before(() => {
    fixtures = tempDir('mtls-dirstore-fixtures-');
    pairs = makePairs(fixtures, 3);
    [expired] = makePairs(path.join(fixtures, 'old'), 1, { expired: true });
  });
  after(() => fs.rmSync(fixtures, { recursive: true, force: true }));

  beforeEach(() => {
    dir = tempDir('mtls-dirstore-');
    root = path.join(dir, 'api');
    spec = { kind: 'directory', directory: dir, name: 'api' };
    store = openDirectoryStore(spec);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const live = (file: string) => path.join(root, 'live', file);

  it('makes the first pair live in an empty store, with keys 0600 and folders 0700', async () => {
    const state = await store.stage(pairs[0].pair);
    assert.deepStrictEqual(state, { current: pairs[0].fingerprint, pending: null });
    assert.ok(opensslPairMatches(live('cert.pem'), live('key.pem')));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    const generation = linkTarget(root, 'live')!;
    assert.match(generation, /^archive\/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    assert.strictEqual(linkTarget(root, 'next'), null);
    const genDir = path.join(root, generation);
    assert.strictEqual(mode(root), 0o700);
    assert.strictEqual(mode(path.join(root, 'archive')), 0o700);
    assert.strictEqual(mode(genDir), 0o700);
    assert.strictEqual(mode(path.join(genDir, 'key.pem')), 0o600);
    assert.deepStrictEqual(fs.readdirSync(genDir).sort(), ['ca.pem', 'cert.pem', 'chain.pem', 'key.pem']);
    assert.ok(fs.lstatSync(path.join(root, 'live')).isSymbolicLink());
    // The key is stored as unencrypted PKCS#8.
    assert.match(fs.readFileSync(path.join(genDir, 'key.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
  });

  it('stages beside live, promotes, rolls back, promotes again and retires the previous generation', async () => {
    await store.stage(pairs[0].pair);
    const staged = await store.stage(pairs[1].pair, { expect: { current: pairs[0].fingerprint, pending: null } });
    assert.deepStrictEqual(staged, { current: pairs[0].fingerprint, pending: pairs[1].fingerprint });
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), pairs[1].fingerprint);
    assert.ok(opensslPairMatches(path.join(root, 'next', 'cert.pem'), path.join(root, 'next', 'key.pem')));
    assert.strictEqual((await store.read('pending')).certificatePem, pairs[1].pair.certificatePem);

    const promoted = await store.promote({ expect: { current: pairs[0].fingerprint, pending: pairs[1].fingerprint } });
    assert.deepStrictEqual(promoted, { current: pairs[1].fingerprint, pending: null });
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[1].fingerprint);
    assert.ok(opensslPairMatches(live('cert.pem'), live('key.pem')));
    assert.strictEqual(linkTarget(root, 'next'), null);
    assert.strictEqual(opensslFingerprint(path.join(root, 'previous', 'cert.pem')), pairs[0].fingerprint);
    assert.strictEqual((await store.read('previous')).certificatePem, pairs[0].pair.certificatePem);

    const back = await store.rollback();
    assert.deepStrictEqual(back, { current: pairs[0].fingerprint, pending: pairs[1].fingerprint });
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), pairs[1].fingerprint);
    assert.strictEqual(linkTarget(root, 'previous'), null);

    await store.promote();
    const oldGeneration = path.join(root, linkTarget(root, 'previous')!);
    const result = await store.retire();
    assert.deepStrictEqual(
      { removed: result.removed, recoverable: result.recoverable, fp: result.fingerprintSha256 },
      { removed: true, recoverable: false, fp: pairs[0].fingerprint },
    );
    assert.ok(!fs.existsSync(oldGeneration));
    assert.strictEqual(linkTarget(root, 'previous'), null);
    assert.ok(opensslPairMatches(live('cert.pem'), live('key.pem')));
    const listing = await store.list();
    assert.deepStrictEqual(
      listing.entries.map((e) => [e.stage, e.fingerprintSha256]),
      [['live', pairs[1].fingerprint]],
    );
    await assert.rejects(store.retire(), refusedWith('store-nothing-to-retire'));
  });

  it('lists every generation with its stage and facts, the certificate path being its cert.pem', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await store.promote();
    await store.stage(pairs[2].pair);
    const { entries, errors } = await store.list();
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(
      entries.map((e) => [e.stage, e.fingerprintSha256]),
      [
        ['live', pairs[1].fingerprint],
        ['next', pairs[2].fingerprint],
        ['archived', pairs[0].fingerprint],
      ],
    );
    for (const entry of entries) {
      assert.strictEqual(entry.certificate.path, path.join(root, 'archive', entry.id, 'cert.pem'));
      assert.strictEqual(opensslFingerprint(entry.certificate.path), entry.fingerprintSha256);
      assert.match(entry.subject, /CN = leaf\d/);
    }
  });

  it('lists a broken generation as an error, never crashing or dropping it', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const archive = path.join(root, 'archive');
    fs.mkdirSync(path.join(archive, 'no-key'), { mode: 0o700 });
    fs.writeFileSync(path.join(archive, 'no-key', 'cert.pem'), pairs[2].pair.certificatePem);
    fs.mkdirSync(path.join(archive, 'garbled'), { mode: 0o700 });
    fs.writeFileSync(path.join(archive, 'garbled', 'cert.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n');
    fs.mkdirSync(path.join(archive, 'mismatch'), { mode: 0o700 });
    fs.writeFileSync(path.join(archive, 'mismatch', 'cert.pem'), pairs[2].pair.certificatePem);
    fs.writeFileSync(path.join(archive, 'mismatch', 'key.pem'), pairs[0].pair.privateKeyPem, { mode: 0o600 });
    // Someone broke next's generation by hand: it must show, and must never be promoted.
    fs.rmSync(path.join(root, linkTarget(root, 'next')!, 'key.pem'));
    const { entries, errors } = await store.list();
    assert.deepStrictEqual(
      entries.map((e) => e.stage),
      ['live'],
    );
    const byId = Object.fromEntries(errors.map((e) => [e.id, e]));
    assert.deepStrictEqual(
      Object.keys(byId).sort(),
      ['garbled', 'mismatch', 'no-key', path.basename(linkTarget(root, 'next')!)].sort(),
    );
    assert.match(byId['mismatch'].message, /does not belong/);
    assert.match(byId['no-key'].message, /key\.pem is missing/);
    assert.strictEqual(byId[path.basename(linkTarget(root, 'next')!)].stage, 'next');
    await assert.rejects(store.promote(), refusedWith('store-entry-invalid'));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
  });

  it('refuses a key that does not match, an expired certificate, and the pair already live', async () => {
    const mismatch = await store
      .stage({ certificatePem: pairs[0].pair.certificatePem, privateKeyPem: pairs[1].pair.privateKeyPem })
      .catch((error: unknown) => error);
    refusedWith('key-certificate-mismatch')(mismatch);
    // Named by the store, so that a run over several stores says which one refused.
    assert.ok((mismatch as Error).message.startsWith(`${store.description}: `), (mismatch as Error).message);
    await assert.rejects(store.stage(expired.pair), (error: unknown) => {
      refusedWith('certificate-expired')(error);
      return (error as Error).message.startsWith(`${store.description}: `);
    });
    assert.deepStrictEqual(fs.readdirSync(dir), [], 'nothing written by a refused stage');
    await store.stage(pairs[0].pair);
    await assert.rejects(store.stage(pairs[0].pair), refusedWith('store-already-current'));
  });

  it('refuses promote and rollback with nothing staged, and read of a missing role', async () => {
    await assert.rejects(store.promote(), refusedWith('store-nothing-staged'));
    await assert.rejects(store.read('current'), refusedWith('store-nothing-staged'));
    await store.stage(pairs[0].pair);
    await assert.rejects(store.promote(), refusedWith('store-nothing-staged'));
    await assert.rejects(store.rollback(), refusedWith('store-nothing-staged'));
    await assert.rejects(store.read('pending'), refusedWith('store-nothing-staged'));
    await assert.rejects(store.retire(), refusedWith('store-nothing-to-retire'));
  });

  it('refuses to retire the live or the next generation, even by fingerprint', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await assert.rejects(
      store.retire({ fingerprintSha256: pairs[0].fingerprint }),
      refusedWith('store-nothing-to-retire'),
    );
    await assert.rejects(
      store.retire({ fingerprintSha256: pairs[1].fingerprint }),
      refusedWith('store-nothing-to-retire'),
    );
    await assert.rejects(
      store.retire({ fingerprintSha256: pairs[2].fingerprint }),
      refusedWith('store-nothing-to-retire'),
    );
    assert.strictEqual((await store.list()).entries.length, 2);
  });

  it('refuses with store-changed when the caller expected another state, changing nothing', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await assert.rejects(store.promote({ expect: { current: pairs[2].fingerprint } }), refusedWith('store-changed'));
    await assert.rejects(store.promote({ expect: { pending: null } }), refusedWith('store-changed'));
    await assert.rejects(store.stage(pairs[2].pair, { expect: { pending: null } }), refusedWith('store-changed'));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), pairs[1].fingerprint);
  });

  it('refuses with store-changed when someone else moves a link between its read and its write', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[2].pair);
    await store.stage(pairs[1].pair);
    const third = linkTarget(root, 'next')!;
    // pairs[2]'s generation, still archived: another writer re-points next at it while this promote decides.
    const other = fs
      .readdirSync(path.join(root, 'archive'))
      .find((g) => `archive/${g}` !== third && `archive/${g}` !== linkTarget(root, 'live'))!;
    const racing = openDirectoryStore(spec, {
      onStep: (step) => {
        if (step === 'promote: checked') {
          fs.symlinkSync(`archive/${other}`, path.join(root, 'next.tmp'));
          fs.renameSync(path.join(root, 'next.tmp'), path.join(root, 'next'));
        }
      },
    });
    await assert.rejects(racing.promote(), refusedWith('store-changed'));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    assert.strictEqual(linkTarget(root, 'previous'), null);
  });

  it('reuses a generation already archived with the same certificate, and never overwrites one holding another', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await store.promote();
    await store.rollback();
    // pairs[1] is archived and next again; staging it once more is a no-op, not a second copy.
    assert.deepStrictEqual(await store.stage(pairs[1].pair), {
      current: pairs[0].fingerprint,
      pending: pairs[1].fingerprint,
    });
    const generation = path.join(root, linkTarget(root, 'next')!);
    const before = fs.readFileSync(path.join(generation, 'key.pem'));
    fs.rmSync(path.join(root, 'next'));
    await store.stage(pairs[1].pair);
    assert.deepStrictEqual(fs.readFileSync(path.join(generation, 'key.pem')), before);
    // A folder of pairs[2]'s name that holds pairs[0]'s certificate must not be overwritten.
    fs.rmSync(path.join(root, 'next'));
    await store.stage(pairs[2].pair);
    const thirdGen = path.join(root, linkTarget(root, 'next')!);
    fs.rmSync(path.join(root, 'next'));
    fs.chmodSync(path.join(thirdGen, 'cert.pem'), 0o644);
    fs.writeFileSync(path.join(thirdGen, 'cert.pem'), pairs[0].pair.certificatePem);
    fs.writeFileSync(path.join(thirdGen, 'key.pem'), pairs[0].pair.privateKeyPem);
    // The name is taken by another certificate: pairs[2] goes to <name>-2, the other folder stays as it was.
    await store.stage(pairs[2].pair);
    assert.strictEqual(linkTarget(root, 'next'), `${path.relative(root, thirdGen)}-2`);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), pairs[2].fingerprint);
    assert.strictEqual(fs.readFileSync(path.join(thirdGen, 'cert.pem'), 'utf8'), pairs[0].pair.certificatePem);
  });

  it('gives a certificate whose name collides with another one a suffix, and stages it again idempotently', async () => {
    const [a, b] = makeCollidingPairs(path.join(dir, 'colliding'));
    await store.stage(a.pair);
    const first = linkTarget(root, 'live')!;
    assert.deepStrictEqual(await store.stage(b.pair), { current: a.fingerprint, pending: b.fingerprint });
    assert.strictEqual(linkTarget(root, 'next'), `${first}-2`);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), b.fingerprint);
    assert.strictEqual(opensslFingerprint(live('cert.pem')), a.fingerprint);
    assert.deepStrictEqual(await store.stage(b.pair), { current: a.fingerprint, pending: b.fingerprint });
    assert.deepStrictEqual(
      fs.readdirSync(path.join(root, 'archive')).sort(),
      [first, `${first}-2`].map((g) => g.slice(8)),
    );
  });

  it('refuses a store folder or archive that is a symbolic link, and writes nothing there', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, root);
    await assert.rejects(store.stage(pairs[0].pair), refusedWith('symlink-target'));
    await assert.rejects(store.list(), refusedWith('symlink-target'));
    assert.deepStrictEqual(fs.readdirSync(elsewhere), []);
    fs.rmSync(root);
    fs.mkdirSync(root);
    fs.symlinkSync(elsewhere, path.join(root, 'archive'));
    await assert.rejects(store.stage(pairs[0].pair), refusedWith('symlink-target'));
    await assert.rejects(store.retire(), refusedWith('symlink-target'));
    assert.deepStrictEqual(fs.readdirSync(elsewhere), []);
  });

  it('retire deletes links inside a generation, never what they point to', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await store.promote();
    const outside = path.join(dir, 'precious.pem');
    fs.writeFileSync(outside, 'keep me');
    const previous = path.join(root, linkTarget(root, 'previous')!);
    fs.symlinkSync(outside, path.join(previous, 'extra.pem'));
    fs.mkdirSync(path.join(previous, 'sub'));
    fs.symlinkSync(dir, path.join(previous, 'sub', 'up'));
    await store.retire();
    assert.ok(!fs.existsSync(previous));
    assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'keep me');
    assert.ok(fs.existsSync(path.join(root, 'live', 'key.pem')));
  });

  it('refuses a link changed by hand to point outside archive/', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await store.promote();
    fs.rmSync(path.join(root, 'previous'));
    fs.symlinkSync(dir, path.join(root, 'previous'));
    await assert.rejects(store.retire(), refusedWith('store-entry-invalid'));
    const { errors } = await store.list();
    assert.deepStrictEqual(
      errors.map((e) => e.id),
      ['previous'],
    );
    assert.ok(fs.existsSync(path.join(dir, 'api')));
  });

  it('list of an absent store is empty; a missing parent directory is store-not-found', async () => {
    assert.deepStrictEqual(await store.list(), { entries: [], errors: [] });
    const missing = openDirectoryStore({ kind: 'directory', directory: path.join(dir, 'nope'), name: 'api' });
    await assert.rejects(missing.list(), refusedWith('store-not-found'));
    await assert.rejects(missing.stage(pairs[0].pair), refusedWith('store-not-found'));
  });

  it('refuses to promote or roll back to a certificate that has expired since it was staged', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const later = new Date(Date.now() + 400 * 86_400_000);
    await assert.rejects(store.promote({ now: later }), refusedWith('certificate-expired'));
    await store.promote();
    await assert.rejects(store.rollback({ now: later }), refusedWith('certificate-expired'));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[1].fingerprint);
  });

  it('changes nothing when cancelled', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(store.promote({ signal: controller.signal }), refusedWith('aborted'));
    await assert.rejects(store.stage(pairs[2].pair, { signal: controller.signal }), refusedWith('aborted'));
    assert.strictEqual(opensslFingerprint(live('cert.pem')), pairs[0].fingerprint);
    assert.strictEqual(opensslFingerprint(path.join(root, 'next', 'cert.pem')), pairs[1].fingerprint);
  });

  it('retires an older archived generation by fingerprint, leaving live, next and previous', async () => {
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    await store.promote();
    await store.stage(pairs[2].pair);
    await store.promote();
    // pairs[0] is archived, no longer previous (pairs[1] is).
    const result = await store.retire({ fingerprintSha256: pairs[0].fingerprint });
    assert.strictEqual(result.removed, true);
    const { entries } = await store.list();
    assert.deepStrictEqual(
      entries.map((e) => e.fingerprintSha256),
      [pairs[2].fingerprint, pairs[1].fingerprint],
    );
    assert.strictEqual((await store.read('previous')).certificatePem, pairs[1].pair.certificatePem);
  });

  it('refuses a renewal that keeps the live key, and never says a key still held by next was removed', async () => {
    const [kept, renewed] = makeSameKeyPairs(path.join(dir, 'same-key'));
    await store.stage(kept.pair);
    await assert.rejects(store.stage(renewed.pair), refusedWith('store-key-reused'));
    assert.strictEqual(linkTarget(root, 'next'), null);
    await store.stage(pairs[0].pair);
    await store.promote();
    // kept is previous now; its renewal, with the same key, is staged as next.
    await store.stage(renewed.pair);
    await assert.rejects(store.retire(), refusedWith('store-nothing-to-retire'));
    const result = await store.retire({ fingerprintSha256: kept.fingerprint });
    assert.strictEqual(result.removed, false);
    assert.match(result.message, /still the one live or next holds/);
    assert.ok(opensslPairMatches(path.join(root, 'next', 'cert.pem'), path.join(root, 'next', 'key.pem')));
  });

  it('says it can remove a key, in one sentence', () => {
    assert.strictEqual(store.capabilities.canRemoveKey, true);
    assert.match(store.capabilities.retireMeaning, /^[A-Z].*\.$/);
    assert.doesNotMatch(store.capabilities.retireMeaning, /\.\s/);
    assert.strictEqual(store.description, `dir:${dir}?name=api`);
  });
});
