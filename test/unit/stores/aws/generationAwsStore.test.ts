import * as assert from 'assert';
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { execFileSync } from 'child_process';
import { openAwsStore } from '../../../../src/core/stores/aws/openAwsStore';
import { SecretsStore } from '../../../../src/core/stores/secretsStore';
import { AwsStoreSpec, FieldPresetName, parseStoreSpec } from '../../../../src/core/stores/storeSpec';
import { MotoServer, startMotoServer } from '../../../support/motoServer';
import { openssl } from '../../../support/openssl';
import {
  Fixtures,
  hookedClient,
  makeFixtures,
  rawClient,
  rejectsWithCode,
  tagsOf,
  TestPair,
  valueAt,
} from './awsStoreFixtures';

const PREFIX = 'app/payments';
const DAY = 86_400_000;

/** `<notAfter YYYY-MM-DD>-<first 8 hex of serial>`, from what openssl prints. */
function expectedName(p: TestPair): string {
  const serial = openssl(['x509', '-in', p.certPath, '-noout', '-serial'])
    .trim()
    .replace(/^serial=/, '');
  const notAfter = openssl(['x509', '-in', p.certPath, '-noout', '-enddate'])
    .trim()
    .replace(/^notAfter=/, '');
  return `${PREFIX}/${new Date(notAfter).toISOString().slice(0, 10)}-${serial.toLowerCase().padStart(8, '0').slice(0, 8)}`;
}

function opensslSpkiSha256(p: TestPair): string {
  const spki = execFileSync(
    'sh',
    [
      '-c',
      'openssl x509 -noout -pubkey -in "$1" | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r',
      'sh',
      p.certPath,
    ],
    { encoding: 'utf8' },
  );
  return spki.split(' ')[0].trim();
}

describe('AWS Secrets Manager store, generation layout (against moto)', function () {
  let moto: MotoServer;
  let raw: SecretsManagerClient;
  let fx: Fixtures;
  let names: string[];
  const savedWarning = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;

  const open = (client?: SecretsManagerClient, preset: FieldPresetName = 'default'): SecretsStore =>
    openAwsStore(
      {
        ...(parseStoreSpec(
          `aws-sm:${PREFIX}?layout=generation&endpoint=${encodeURIComponent(moto.endpoint)}`,
        ) as AwsStoreSpec),
        region: 'us-east-1',
        preset,
      },
      { client: client ?? rawClient(moto) },
    );
  const states = async () => {
    const out: Record<string, string | undefined> = {};
    for (const name of names) {
      try {
        out[name] = (await tagsOf(raw, name)).state;
      } catch {
        out[name] = 'missing';
      }
    }
    return out;
  };

  before(async function () {
    this.timeout(90_000);
    fx = makeFixtures();
    names = fx.pairs.map(expectedName);
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    moto = await startMotoServer();
    raw = rawClient(moto);
  });

  after(async () => {
    if (savedWarning === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    else process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = savedWarning;
    await moto?.stop();
  });

  beforeEach(() => moto.reset());

  const [A, B, C] = [0, 1, 2];

  it('a first stage into an empty prefix creates <prefix>/<generation> tagged active, with facts and no key in tags', async () => {
    const state = await open().stage(fx.pairs[A].pair);
    assert.deepStrictEqual(state, { current: fx.pairs[A].fingerprint, pending: null });
    const tags = await tagsOf(raw, names[A]);
    assert.strictEqual(tags.state, 'active');
    assert.strictEqual(
      tags.serial,
      openssl(['x509', '-in', fx.pairs[A].certPath, '-noout', '-serial'])
        .trim()
        .replace(/^serial=/, ''),
    );
    assert.strictEqual(tags.fingerprintSha256, fx.pairs[A].fingerprint);
    assert.strictEqual(tags.spkiSha256.toLowerCase(), opensslSpkiSha256(fx.pairs[A]));
    assert.ok(Date.parse(tags.notAfter) > Date.now());
    const described = await raw.send(new DescribeSecretCommand({ SecretId: names[A] }));
    assert.doesNotMatch(JSON.stringify(described), /PRIVATE KEY|BEGIN/);
    const value = await valueAt(raw, names[A], { VersionStage: 'AWSCURRENT' });
    assert.strictEqual(value.certificate, fx.pairs[A].pair.certificatePem);
    assert.match(value.private_key as string, /^-----BEGIN PRIVATE KEY-----/);
  });

  it('stage adds a pending generation beside the active one; promote tags it active and the old one retiring', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    assert.deepStrictEqual(await store.stage(fx.pairs[B].pair), {
      current: fx.pairs[A].fingerprint,
      pending: fx.pairs[B].fingerprint,
    });
    assert.deepStrictEqual(await states(), { [names[A]]: 'active', [names[B]]: 'pending', [names[C]]: 'missing' });
    assert.strictEqual((await store.read('pending')).certificatePem, fx.pairs[B].pair.certificatePem);
    const state = await store.promote({
      expect: { current: fx.pairs[A].fingerprint, pending: fx.pairs[B].fingerprint },
    });
    assert.deepStrictEqual(state, { current: fx.pairs[B].fingerprint, pending: null });
    assert.deepStrictEqual(await states(), { [names[A]]: 'retiring', [names[B]]: 'active', [names[C]]: 'missing' });
    assert.strictEqual((await store.read('current')).certificatePem, fx.pairs[B].pair.certificatePem);
    assert.strictEqual((await store.read('previous')).certificatePem, fx.pairs[A].pair.certificatePem);
    await rejectsWithCode(store.promote(), 'store-nothing-staged');
    await rejectsWithCode(store.stage(fx.pairs[B].pair), 'store-already-current');
  });

  it('a certificate whose name collides with another one gets a suffix; the other is never re-tagged', async () => {
    const store = open();
    const [a, b] = fx.twins;
    const name = expectedName(a);
    assert.strictEqual(expectedName(b), name);
    await store.stage(a.pair);
    assert.deepStrictEqual(await store.stage(b.pair), { current: a.fingerprint, pending: b.fingerprint });
    assert.strictEqual((await tagsOf(raw, name)).state, 'active');
    assert.strictEqual((await tagsOf(raw, `${name}-2`)).state, 'pending');
    assert.strictEqual(
      (await valueAt(raw, `${name}-2`, { VersionStage: 'AWSCURRENT' })).certificate,
      b.pair.certificatePem,
    );
    assert.strictEqual((await valueAt(raw, name, { VersionStage: 'AWSCURRENT' })).certificate, a.pair.certificatePem);
    // Staging it again finds it under the suffix: nothing new is created.
    assert.deepStrictEqual(await store.stage(b.pair), { current: a.fingerprint, pending: b.fingerprint });
    assert.strictEqual((await store.list()).entries.length, 2);
    await store.promote();
    assert.strictEqual((await store.read('current')).certificatePem, b.pair.certificatePem);
  });

  it('refuses a renewal that keeps the current key', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await rejectsWithCode(store.stage(fx.sameKey.pair), 'store-key-reused', /same public key/);
    await rejectsWithCode(store.promote(), 'store-nothing-staged');
    await store.stage(fx.pairs[B].pair);
  });

  it('list gives every generation with its stage and facts, including ones scheduled for deletion', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    await store.stage(fx.pairs[C].pair);
    await raw.send(new DeleteSecretCommand({ SecretId: names[A], RecoveryWindowInDays: 7 }));
    const listing = await store.list();
    assert.deepStrictEqual(
      listing.entries.map((e) => [e.id, e.stage, e.fingerprintSha256, e.certificate.path]),
      [
        [names[B], 'current', fx.pairs[B].fingerprint, `aws-sm:${names[B]}`],
        [names[C], 'pending', fx.pairs[C].fingerprint, `aws-sm:${names[C]}`],
      ],
    );
    assert.deepStrictEqual(
      listing.errors.map((e) => [e.id, e.stage]),
      [[names[A], 'none']],
    );
    assert.match(listing.errors[0].message, /scheduled for deletion/);
  });

  it('rollback makes the retiring generation active again and the one switched away from pending', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    assert.deepStrictEqual(await store.rollback({ expect: { current: fx.pairs[B].fingerprint } }), {
      current: fx.pairs[A].fingerprint,
      pending: fx.pairs[B].fingerprint,
    });
    assert.deepStrictEqual(await states(), { [names[A]]: 'active', [names[B]]: 'pending', [names[C]]: 'missing' });
    await rejectsWithCode(store.rollback(), 'store-nothing-staged');
    await store.promote();
    assert.deepStrictEqual(await states(), { [names[A]]: 'retiring', [names[B]]: 'active', [names[C]]: 'missing' });
  });

  it('retire schedules the retiring generation for deletion with a 7-day window by default', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    const before = Date.now();
    const result = await store.retire();
    assert.strictEqual(result.removed, false);
    assert.strictEqual(result.recoverable, true);
    assert.strictEqual(result.fingerprintSha256, fx.pairs[A].fingerprint);
    const until = Date.parse(result.recoverableUntil as string);
    assert.ok(until >= before + 7 * DAY - 60_000 && until <= Date.now() + 7 * DAY + 60_000, result.recoverableUntil);
    assert.match(result.message, /RestoreSecret/);
    const described = await raw.send(new DescribeSecretCommand({ SecretId: names[A] }));
    assert.ok(described.DeletedDate, 'scheduled for deletion');
    await assert.rejects(valueAt(raw, names[A], { VersionStage: 'AWSCURRENT' }), /marked deleted/);
    assert.strictEqual(store.capabilities.canRemoveKey, true);
    await rejectsWithCode(store.retire(), 'store-nothing-to-retire');
    // Forced afterwards: really gone.
    const forced = await store.retire({ fingerprintSha256: fx.pairs[A].fingerprint, force: true });
    assert.deepStrictEqual([forced.removed, forced.recoverable], [true, false]);
    await assert.rejects(raw.send(new DescribeSecretCommand({ SecretId: names[A] })), /can't find/);
  });

  it('"retire it again with force" deletes the generation the last retire scheduled, without naming it', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    const scheduled = await store.retire();
    assert.match(scheduled.message, /again with force/);
    const forced = await store.retire({ force: true });
    assert.deepStrictEqual([forced.removed, forced.recoverable], [true, false]);
    assert.strictEqual(forced.fingerprintSha256, fx.pairs[A].fingerprint);
    await assert.rejects(raw.send(new DescribeSecretCommand({ SecretId: names[A] })), /can't find/);
    assert.strictEqual((await tagsOf(raw, names[B])).state, 'active');
    await rejectsWithCode(store.retire({ force: true }), 'store-nothing-to-retire');
  });

  it('retire takes a 7..30-day window, or force, and never the current or pending generation', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    await rejectsWithCode(store.retire({ recoveryDays: 6 }), 'store-spec-invalid');
    await rejectsWithCode(store.retire({ recoveryDays: 31 }), 'store-spec-invalid');
    await rejectsWithCode(
      store.retire({ fingerprintSha256: fx.pairs[B].fingerprint }),
      'store-nothing-to-retire',
      /active/,
    );
    const result = await store.retire({ recoveryDays: 30 });
    const until = Date.parse(result.recoverableUntil as string);
    assert.ok(Math.abs(until - (Date.now() + 30 * DAY)) < 120_000, result.recoverableUntil);
    await store.stage(fx.pairs[C].pair);
    await store.promote();
    const forced = await store.retire({ force: true });
    assert.deepStrictEqual([forced.removed, forced.recoverable, forced.recoverableUntil], [true, false, undefined]);
    assert.strictEqual(forced.fingerprintSha256, fx.pairs[B].fingerprint);
    assert.match(forced.message, /at once/);
    await assert.rejects(raw.send(new DescribeSecretCommand({ SecretId: names[B] })), /can't find/);
  });

  it('refuses a promote when the caller saw another state, or when tags changed between read and write', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await rejectsWithCode(store.promote({ expect: { current: fx.pairs[C].fingerprint } }), 'store-changed');
    let raced = false;
    const client = hookedClient(moto, async (name) => {
      if (name !== 'DescribeSecretCommand' || raced) return;
      raced = true;
      // Someone else promotes meanwhile.
      await raw.send(new TagResourceCommand({ SecretId: names[B], Tags: [{ Key: 'state', Value: 'active' }] }));
      await raw.send(new TagResourceCommand({ SecretId: names[A], Tags: [{ Key: 'state', Value: 'retiring' }] }));
    });
    await rejectsWithCode(open(client).promote(), 'store-changed', /changed by someone else/);
    assert.deepStrictEqual(await states(), { [names[A]]: 'retiring', [names[B]]: 'active', [names[C]]: 'missing' });
  });

  it('a failure between stage and promote leaves the old generation active', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await rejectsWithCode(
      store.stage({ ...fx.pairs[B].pair, privateKeyPem: fx.pairs[C].pair.privateKeyPem }),
      'key-certificate-mismatch',
    );
    await rejectsWithCode(store.stage(fx.expired.pair), 'certificate-expired');
    await store.stage(fx.pairs[B].pair);
    let tagged = 0;
    const failing = hookedClient(moto, (name, input) => {
      // The second tag write (the old generation to retiring) fails: the first must be undone.
      if (name === 'TagResourceCommand' && ++tagged === 2 && input.SecretId === names[A])
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await rejectsWithCode(open(failing).promote(), 'store-unreachable', /promote/);
    assert.deepStrictEqual(await states(), { [names[A]]: 'active', [names[B]]: 'pending', [names[C]]: 'missing' });
    assert.strictEqual((await store.read('current')).certificatePem, fx.pairs[A].pair.certificatePem);
  });

  it('refuses to stage into a name scheduled for deletion, and checks names before calling', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await raw.send(new DeleteSecretCommand({ SecretId: names[B], RecoveryWindowInDays: 7 }));
    await rejectsWithCode(store.stage(fx.pairs[B].pair), 'store-scheduled-for-deletion', /RestoreSecret/);
    await rejectsWithCode(store.promote(), 'store-nothing-staged');
    const longPrefix = 'p'.repeat(500);
    const long = openAwsStore(
      { kind: 'aws-secrets-manager', name: longPrefix, layout: 'generation', preset: 'default' },
      { client: rawClient(moto) },
    );
    await rejectsWithCode(long.stage(fx.pairs[C].pair), 'store-spec-invalid', /generation secret name/);
    const huge = { ...fx.pairs[C].pair, chainPem: fx.pairs[A].pair.certificatePem.repeat(120) };
    await rejectsWithCode(store.stage(huge), 'store-value-too-large');
    assert.deepStrictEqual((await states())[names[C]], 'missing');
  });

  for (const [preset, keys] of [
    ['default', ['ca_certificate', 'certificate', 'certificate_chain', 'private_key']],
    ['vault-pki', ['ca_chain', 'certificate', 'issuing_ca', 'private_key']],
    ['kubernetes', ['ca.crt', 'tls.crt', 'tls.key']],
  ] as Array<[FieldPresetName, string[]]>) {
    it(`preset ${preset}: the JSON has the preset's fields and reads back as the same pair`, async () => {
      const store = open(undefined, preset);
      const input = { ...fx.pairs[A].pair, chainPem: fx.pairs[B].pair.certificatePem };
      await store.stage(input);
      const value = await valueAt(raw, names[A], { VersionStage: 'AWSCURRENT' });
      assert.deepStrictEqual(Object.keys(value).sort(), keys);
      if (preset === 'kubernetes') assert.strictEqual(value['tls.crt'], input.certificatePem + input.chainPem);
      if (preset === 'vault-pki') assert.deepStrictEqual(value.ca_chain, [input.chainPem]);
      const back = await store.read('current');
      assert.deepStrictEqual(back, input);
      assert.strictEqual((await store.list()).entries[0].fingerprintSha256, fx.pairs[A].fingerprint);
    });
  }
});
