import * as assert from 'assert';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { openAwsStore } from '../../../../src/core/stores/aws/openAwsStore';
import { SecretsStore } from '../../../../src/core/stores/secretsStore';
import { AwsStoreSpec, parseStoreSpec } from '../../../../src/core/stores/storeSpec';
import { MotoServer, startMotoServer } from '../../../support/motoServer';
import {
  Fixtures,
  hookedClient,
  labelsOf,
  makeFixtures,
  opensslPublicKeyOfCertificate,
  opensslPublicKeyOfKey,
  rawClient,
  rejectsWithCode,
  valueAt,
} from './awsStoreFixtures';

const SECRET = 'app/payments-tls';

describe('AWS Secrets Manager store, staged layout (against moto)', function () {
  let moto: MotoServer;
  let raw: SecretsManagerClient;
  let fx: Fixtures;
  const savedEnv: Record<string, string | undefined> = {};

  // Through the SDK's own chain (AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_REGION, credentials), as the CLI runs.
  const open = (client?: SecretsManagerClient): SecretsStore =>
    openAwsStore(parseStoreSpec(`aws-sm:${SECRET}?layout=staged`) as AwsStoreSpec, { client });
  const versionWith = async (label: string) =>
    Object.entries(await labelsOf(raw, SECRET)).find(([, labels]) => labels.includes(label))?.[0];

  before(async function () {
    this.timeout(90_000);
    fx = makeFixtures();
    moto = await startMotoServer();
    for (const [key, value] of Object.entries(moto.env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    raw = rawClient(moto);
  });

  after(async () => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await moto?.stop();
  });

  beforeEach(() => moto.reset());

  const [A, B, C] = [0, 1, 2];

  it('a first stage into a missing secret creates it with the pair as AWSCURRENT, key as PKCS#8', async () => {
    const state = await open().stage(fx.pairs[A].pair);
    assert.deepStrictEqual(state, { current: fx.pairs[A].fingerprint, pending: null });
    const labels = await labelsOf(raw, SECRET);
    assert.deepStrictEqual(Object.values(labels), [['AWSCURRENT']]);
    const value = await valueAt(raw, SECRET, { VersionStage: 'AWSCURRENT' });
    assert.deepStrictEqual(Object.keys(value).sort(), ['ca_certificate', 'certificate', 'private_key']);
    assert.strictEqual(value.certificate, fx.pairs[A].pair.certificatePem);
    assert.match(value.private_key as string, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.strictEqual(
      opensslPublicKeyOfKey(value.private_key as string),
      opensslPublicKeyOfCertificate(value.certificate as string),
    );
  });

  it('a first stage into a secret without AWSCURRENT makes the pair current', async () => {
    await raw.send(new CreateSecretCommand({ Name: SECRET }));
    const state = await open().stage(fx.pairs[A].pair);
    assert.deepStrictEqual(state, { current: fx.pairs[A].fingerprint, pending: null });
    assert.strictEqual(
      (await valueAt(raw, SECRET, { VersionStage: 'AWSCURRENT' })).certificate,
      fx.pairs[A].pair.certificatePem,
    );
  });

  it('stage puts the new pair beside the old one as AWSPENDING; services still get the old one', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const state = await store.stage(fx.pairs[B].pair);
    assert.deepStrictEqual(state, { current: fx.pairs[A].fingerprint, pending: fx.pairs[B].fingerprint });
    assert.deepStrictEqual(Object.values(await labelsOf(raw, SECRET)).sort(), [['AWSCURRENT'], ['AWSPENDING']]);
    assert.strictEqual(
      (await valueAt(raw, SECRET, { VersionStage: 'AWSCURRENT' })).certificate,
      fx.pairs[A].pair.certificatePem,
    );
    assert.strictEqual(
      (await valueAt(raw, SECRET, { VersionStage: 'AWSPENDING' })).certificate,
      fx.pairs[B].pair.certificatePem,
    );
    assert.strictEqual((await store.read('pending')).certificatePem, fx.pairs[B].pair.certificatePem);
    assert.strictEqual((await store.read('current')).certificatePem, fx.pairs[A].pair.certificatePem);
  });

  it('staging another pair replaces the pending one; staging the pending one again changes nothing', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    assert.deepStrictEqual(await store.stage(fx.pairs[B].pair), {
      current: fx.pairs[A].fingerprint,
      pending: fx.pairs[B].fingerprint,
    });
    assert.strictEqual(Object.keys(await labelsOf(raw, SECRET)).length, 2);
    await store.stage(fx.pairs[C].pair);
    assert.strictEqual(
      (await valueAt(raw, SECRET, { VersionStage: 'AWSPENDING' })).certificate,
      fx.pairs[C].pair.certificatePem,
    );
    await rejectsWithCode(store.stage(fx.pairs[A].pair), 'store-already-current');
  });

  it('promote moves AWSCURRENT to the staged version and AWSPREVIOUS to the old one, then drops AWSPENDING', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = await versionWith('AWSCURRENT');
    await store.stage(fx.pairs[B].pair);
    const newId = await versionWith('AWSPENDING');
    const state = await store.promote({
      expect: { current: fx.pairs[A].fingerprint, pending: fx.pairs[B].fingerprint },
    });
    assert.deepStrictEqual(state, { current: fx.pairs[B].fingerprint, pending: null });
    assert.deepStrictEqual(await labelsOf(raw, SECRET), {
      [oldId as string]: ['AWSPREVIOUS'],
      [newId as string]: ['AWSCURRENT'],
    });
    assert.strictEqual((await store.read('previous')).certificatePem, fx.pairs[A].pair.certificatePem);
    await rejectsWithCode(store.promote(), 'store-nothing-staged');
  });

  it('rollback switches back and leaves the pair switched away from as AWSPENDING; promote goes forward again', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = await versionWith('AWSCURRENT');
    await store.stage(fx.pairs[B].pair);
    const newId = await versionWith('AWSPENDING');
    await store.promote();
    const state = await store.rollback({ expect: { current: fx.pairs[B].fingerprint } });
    assert.deepStrictEqual(state, { current: fx.pairs[A].fingerprint, pending: fx.pairs[B].fingerprint });
    assert.deepStrictEqual(await labelsOf(raw, SECRET), {
      [oldId as string]: ['AWSCURRENT'],
      [newId as string]: ['AWSPENDING'],
    });
    await rejectsWithCode(store.rollback(), 'store-nothing-staged');
    await store.promote();
    assert.deepStrictEqual(await labelsOf(raw, SECRET), {
      [oldId as string]: ['AWSPREVIOUS'],
      [newId as string]: ['AWSCURRENT'],
    });
  });

  it('retire removes the last label but honestly reports the version as still readable by its id', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    const result = await store.retire();
    assert.strictEqual(result.removed, false);
    assert.strictEqual(result.recoverable, true);
    assert.strictEqual(result.fingerprintSha256, fx.pairs[A].fingerprint);
    assert.match(result.message, /cannot delete a single version/);
    assert.match(result.message, /VersionId/);
    assert.match(result.message, /layout=generation/);
    assert.strictEqual(store.capabilities.canRemoveKey, false);
    assert.deepStrictEqual((await labelsOf(raw, SECRET))[oldId], []);
    // The honesty being reported: the old key is still there.
    assert.strictEqual((await valueAt(raw, SECRET, { VersionId: oldId })).certificate, fx.pairs[A].pair.certificatePem);
    const listing = await store.list();
    assert.deepStrictEqual(
      listing.entries.map((e) => [e.versionId, e.stage, e.fingerprintSha256]).sort(),
      [
        [oldId, 'none', fx.pairs[A].fingerprint],
        [await versionWith('AWSCURRENT'), 'current', fx.pairs[B].fingerprint],
      ].sort(),
    );
    await rejectsWithCode(store.retire(), 'store-nothing-to-retire');
    await rejectsWithCode(
      store.retire({ fingerprintSha256: fx.pairs[B].fingerprint }),
      'store-nothing-to-retire',
      /AWSCURRENT/,
    );
  });

  it('retire removes only AWSPREVIOUS: a label someone else set stays, and the message says so', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    await raw.send(
      new UpdateSecretVersionStageCommand({ SecretId: SECRET, VersionStage: 'AUDIT', MoveToVersionId: oldId }),
    );
    const result = await store.retire({ fingerprintSha256: fx.pairs[A].fingerprint });
    assert.match(result.message, /still carries AUDIT/);
    assert.deepStrictEqual((await labelsOf(raw, SECRET))[oldId], ['AUDIT']);
  });

  it('rollback after a promote interrupted between its two steps switches back cleanly', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    await store.stage(fx.pairs[B].pair);
    const newId = (await versionWith('AWSPENDING')) as string;
    await raw.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: newId,
        RemoveFromVersionId: oldId,
      }),
    );
    assert.deepStrictEqual(await store.rollback(), {
      current: fx.pairs[A].fingerprint,
      pending: fx.pairs[B].fingerprint,
    });
    assert.deepStrictEqual(await labelsOf(raw, SECRET), { [oldId]: ['AWSCURRENT'], [newId]: ['AWSPENDING'] });
  });

  it('list gives every version with its stage and certificate facts, and unreadable ones as errors', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    await raw.send(
      new PutSecretValueCommand({ SecretId: SECRET, SecretString: 'not json', VersionStages: ['AWSPENDING'] }),
    );
    const listing = await store.list();
    const byStage = Object.fromEntries(listing.entries.map((e) => [e.stage, e]));
    assert.strictEqual(byStage.current.fingerprintSha256, fx.pairs[B].fingerprint);
    assert.strictEqual(byStage.previous.fingerprintSha256, fx.pairs[A].fingerprint);
    assert.strictEqual(byStage.current.certificate.path, `aws-sm:${SECRET}@${byStage.current.versionId}`);
    assert.strictEqual(byStage.current.id, byStage.current.versionId);
    assert.match(byStage.current.subject, /CN = leaf1/);
    assert.strictEqual(listing.errors.length, 1);
    assert.strictEqual(listing.errors[0].stage, 'pending');
    assert.match(listing.errors[0].message, /not a JSON object/);
    await rejectsWithCode(store.promote(), 'store-entry-invalid');
  });

  it('promote refuses with store-changed when the caller saw another state, and changes nothing', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    const before = await labelsOf(raw, SECRET);
    await rejectsWithCode(
      store.promote({ expect: { current: fx.pairs[C].fingerprint, pending: fx.pairs[B].fingerprint } }),
      'store-changed',
    );
    await rejectsWithCode(store.stage(fx.pairs[C].pair, { expect: { pending: null } }), 'store-changed');
    assert.deepStrictEqual(await labelsOf(raw, SECRET), before);
  });

  it('promote is a compare-and-set: a label moved by someone else between read and write is refused', async () => {
    await open().stage(fx.pairs[A].pair);
    await open().stage(fx.pairs[B].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    const pendingId = (await versionWith('AWSPENDING')) as string;
    let otherId = '';
    let raced = false;
    const client = hookedClient(moto, async (name) => {
      if (name !== 'UpdateSecretVersionStageCommand' || raced) return;
      raced = true;
      // Someone else switches services to a third version in the meantime.
      const put = await raw.send(
        new PutSecretValueCommand({ SecretId: SECRET, SecretString: '{}', VersionStages: ['OTHER'] }),
      );
      otherId = put.VersionId as string;
      await raw.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: otherId,
          RemoveFromVersionId: oldId,
        }),
      );
    });
    await rejectsWithCode(open(client).promote(), 'store-changed', /no longer on version/);
    const labels = await labelsOf(raw, SECRET);
    assert.deepStrictEqual(labels[otherId], ['AWSCURRENT', 'OTHER']);
    assert.deepStrictEqual(labels[pendingId], ['AWSPENDING']);
  });

  it('a failure between stage and promote leaves the old pair current', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await rejectsWithCode(
      store.stage({ ...fx.pairs[B].pair, privateKeyPem: fx.pairs[C].pair.privateKeyPem }),
      'key-certificate-mismatch',
    );
    await rejectsWithCode(store.stage(fx.expired.pair), 'certificate-expired');
    await store.stage(fx.pairs[B].pair);
    const failing = hookedClient(moto, (name) => {
      if (name === 'UpdateSecretVersionStageCommand')
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    });
    await rejectsWithCode(open(failing).promote(), 'store-unreachable', /promote/);
    assert.strictEqual((await store.read('current')).certificatePem, fx.pairs[A].pair.certificatePem);
    assert.strictEqual(
      (await valueAt(raw, SECRET, { VersionStage: 'AWSCURRENT' })).certificate,
      fx.pairs[A].pair.certificatePem,
    );
    assert.strictEqual((await store.read('pending')).certificatePem, fx.pairs[B].pair.certificatePem);
  });

  it('a promote interrupted after the switch is finished by promoting again', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    const failing = hookedClient(moto, (name, input) => {
      if (name === 'UpdateSecretVersionStageCommand' && input.VersionStage === 'AWSPENDING')
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    await rejectsWithCode(open(failing).promote(), 'store-unreachable');
    assert.deepStrictEqual(await store.promote(), { current: fx.pairs[B].fingerprint, pending: null });
    assert.deepStrictEqual(Object.values(await labelsOf(raw, SECRET)).sort(), [['AWSCURRENT'], ['AWSPREVIOUS']]);
  });

  for (const stopAfter of [1, 2]) {
    it(`a rollback stopped after ${stopAfter} of its label moves is finished, not reversed, by a retry`, async () => {
      const store = open();
      await store.stage(fx.pairs[A].pair);
      const oldId = (await versionWith('AWSCURRENT')) as string;
      await store.stage(fx.pairs[B].pair);
      const newId = (await versionWith('AWSPENDING')) as string;
      await store.promote();
      let moves = 0;
      const failing = hookedClient(moto, (name) => {
        if (name === 'UpdateSecretVersionStageCommand' && ++moves > stopAfter)
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      });
      await rejectsWithCode(open(failing).rollback(), 'store-unreachable');
      assert.deepStrictEqual(await store.rollback(), {
        current: fx.pairs[A].fingerprint,
        pending: fx.pairs[B].fingerprint,
      });
      assert.deepStrictEqual(await labelsOf(raw, SECRET), { [oldId]: ['AWSCURRENT'], [newId]: ['AWSPENDING'] });
    });
  }

  it('a rollback found half-done by the raw SDK (AWSPENDING and AWSPREVIOUS on the new pair) is finished', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    await store.stage(fx.pairs[B].pair);
    const newId = (await versionWith('AWSPENDING')) as string;
    await store.promote();
    await raw.send(
      new UpdateSecretVersionStageCommand({ SecretId: SECRET, VersionStage: 'AWSPENDING', MoveToVersionId: newId }),
    );
    await raw.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: oldId,
        RemoveFromVersionId: newId,
      }),
    );
    assert.deepStrictEqual(await labelsOf(raw, SECRET), {
      [oldId]: ['AWSCURRENT'],
      [newId]: ['AWSPENDING', 'AWSPREVIOUS'],
    });
    assert.deepStrictEqual(await store.rollback(), {
      current: fx.pairs[A].fingerprint,
      pending: fx.pairs[B].fingerprint,
    });
    assert.deepStrictEqual(await labelsOf(raw, SECRET), { [oldId]: ['AWSCURRENT'], [newId]: ['AWSPENDING'] });
  });

  it('a label moved by someone else after AWSCURRENT moved says the switch is done, not that nothing was switched', async () => {
    await open().stage(fx.pairs[A].pair);
    const oldId = (await versionWith('AWSCURRENT')) as string;
    await open().stage(fx.pairs[B].pair);
    const newId = (await versionWith('AWSPENDING')) as string;
    let moves = 0;
    const client = hookedClient(moto, async (name) => {
      if (name !== 'UpdateSecretVersionStageCommand' || ++moves !== 2) return;
      // Someone else takes AWSPENDING away from the new version right after the switch.
      await raw.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET,
          VersionStage: 'AWSPENDING',
          MoveToVersionId: oldId,
          RemoveFromVersionId: newId,
        }),
      );
    });
    const error = await rejectsWithCode(open(client).promote(), 'store-changed', /switch is done/);
    assert.doesNotMatch(error.message, /nothing was switched/i);
    assert.deepStrictEqual((await labelsOf(raw, SECRET))[newId], ['AWSCURRENT']);
  });

  it('an InvalidParameterException that is not about a moved label is a failure, not store-changed', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    const failing = hookedClient(moto, (name) => {
      if (name === 'UpdateSecretVersionStageCommand')
        throw Object.assign(new Error('You provided an invalid value for the parameter VersionStage.'), {
          name: 'InvalidParameterException',
        });
    });
    await rejectsWithCode(
      open(failing).promote(),
      'store-failed',
      /Nothing was switched: services still get the old pair/,
    );
  });

  it('refuses a renewal that keeps the current key', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await rejectsWithCode(store.stage(fx.sameKey.pair), 'store-key-reused', /same public key/);
    await rejectsWithCode(store.promote(), 'store-nothing-staged');
    await store.stage(fx.pairs[B].pair);
  });

  it('list of a secret not created yet is empty, as other stores are', async () => {
    assert.deepStrictEqual(await open().list(), { entries: [], errors: [] });
  });

  it('list reads a labelled version by its label (what label-scoped IAM policies allow), others by id', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await store.promote();
    await store.stage(fx.pairs[C].pair);
    await store.promote();
    const reads: Array<Record<string, unknown>> = [];
    const client = hookedClient(moto, (name, input) => {
      if (name === 'GetSecretValueCommand') reads.push(input);
    });
    const listing = await open(client).list();
    assert.strictEqual(listing.entries.length, 3);
    const stages = reads.map((r) => r.VersionStage ?? `id:${r.VersionId === undefined ? '?' : 'yes'}`).sort();
    assert.deepStrictEqual(stages, ['AWSCURRENT', 'AWSPREVIOUS', 'id:yes']);
  });

  it('refusals name the store', async () => {
    await rejectsWithCode(
      open().stage({ ...fx.pairs[A].pair, privateKeyPem: fx.pairs[B].pair.privateKeyPem }),
      'key-certificate-mismatch',
      new RegExp(`^aws-sm:${SECRET}.*: the private key does not belong`),
    );
    await rejectsWithCode(open().stage(fx.expired.pair), 'certificate-expired', new RegExp(`^aws-sm:${SECRET}`));
  });

  it('refuses every write to a secret scheduled for deletion (moto would accept it)', async () => {
    const store = open();
    await store.stage(fx.pairs[A].pair);
    await store.stage(fx.pairs[B].pair);
    await raw.send(new DeleteSecretCommand({ SecretId: SECRET, RecoveryWindowInDays: 7 }));
    const before = await labelsOf(raw, SECRET);
    await rejectsWithCode(store.stage(fx.pairs[C].pair), 'store-scheduled-for-deletion', /RestoreSecret/);
    await rejectsWithCode(store.promote(), 'store-scheduled-for-deletion');
    await rejectsWithCode(store.rollback(), 'store-scheduled-for-deletion');
    await rejectsWithCode(store.retire(), 'store-scheduled-for-deletion');
    assert.deepStrictEqual(await labelsOf(raw, SECRET), before);
  });

  it('checks the size and the name before any call', async () => {
    const huge = { ...fx.pairs[A].pair, chainPem: fx.pairs[B].pair.certificatePem.repeat(120) };
    await rejectsWithCode(open().stage(huge), 'store-value-too-large', /65536/);
    // Nothing was created.
    await assert.rejects(labelsOf(raw, SECRET), (e: Error) => e.name === 'ResourceNotFoundException');
    assert.throws(
      () => openAwsStore({ kind: 'aws-secrets-manager', name: 'bad name!', layout: 'staged', preset: 'default' }),
      (e: Error & { code?: string }) => e.code === 'store-spec-invalid',
    );
  });

  it('reads need a staged pair, and a cancelled operation says so', async () => {
    const store = open();
    await rejectsWithCode(store.read('current'), 'store-not-found', /does not exist/);
    await store.stage(fx.pairs[A].pair);
    await rejectsWithCode(store.read('pending'), 'store-nothing-staged', /AWSPENDING/);
    const controller = new AbortController();
    controller.abort();
    await rejectsWithCode(store.list({ signal: controller.signal }), 'aborted');
    // Cancelled while a call is on its way: the signal reaches the SDK's send.
    const midway = new AbortController();
    const client = hookedClient(moto, (name) => {
      if (name === 'GetSecretValueCommand') midway.abort();
    });
    await rejectsWithCode(
      open(client).read('current', { signal: midway.signal }),
      'aborted',
      /read \(GetSecretValue\)/,
    );
  });
});
