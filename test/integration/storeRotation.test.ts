import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { openStore } from '../../src/core/stores/openStore';
import type { StorePairState } from '../../src/core/stores/secretsStore';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { VerifyResult } from '../../src/core/verify/verifyCertificate';
import type { InventoryNode } from '../../src/core/inventory/buildInventoryModel';
import type { MtlsRotationApi } from '../../src/extension';
import type { StoreRetireOutcome } from '../../src/vscode/stores/retireInStoreCommand';
import { startMotoServer, MotoServer } from '../support/motoServer';
import { API_PATHS, makeMtlsPki, MtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { daysFromNow, makeLeaf, tempDir } from '../support/openssl';
import { activateExtension, ScriptedPrompts, setEnvironments, until, untilAsync, workspaceRoot } from './testHelpers';

// The rotation's second half for real: the old pair lives in AWS Secrets Manager (moto_server, started here on a
// free port of 127.0.0.1 and stopped by its PID), and the SDK's own chain reaches it through the environment the
// extension host shares with this test. Deploy, test call with the pair read back from the store, switch and
// retire go through the extension's commands; the store's state is checked independently with the raw SDK.

const API_KEY = 'store-itest-key-8c1e';
const STORE = 'itest-aws';
const PREFIX = 'itest/program-a';
const SUBJECT = '/O=Test/OU=Payments/CN=program-a';

describe('A rotation through a secrets store (AWS Secrets Manager on moto)', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  const savedEnv: Record<string, string | undefined> = {};
  let api: MtlsRotationApi;
  let pki: MtlsPki;
  let server: NodeMtlsServer;
  let dir: string;
  let sdk: SecretsManagerClient;
  let old: { certPath: string; keyPath: string };

  before(async () => {
    moto = await startMotoServer();
    for (const [key, value] of Object.entries(moto.env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    sdk = new SecretsManagerClient({ endpoint: moto.endpoint, region: moto.env.AWS_REGION });
    api = await activateExtension();
    pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    // The old pair lives only in the store: made outside the workspace, due in 20 days.
    old = makeLeaf(pki.ca, tempDir('store-old-'), 'old', {
      subject: SUBJECT,
      notBefore: daysFromNow(-70),
      notAfter: daysFromNow(20),
    });
    const seeded = await openStore({
      kind: 'aws-secrets-manager',
      name: PREFIX,
      layout: 'generation',
      preset: 'default',
    }).stage({
      certificatePem: fs.readFileSync(old.certPath, 'utf8'),
      privateKeyPem: fs.readFileSync(old.keyPath, 'utf8'),
    });
    assert.strictEqual(seeded.pending, null, 'the first pair into an empty store is current');
    dir = path.join(workspaceRoot(), 'store-rotation');
    fs.mkdirSync(dir, { recursive: true });
    await setEnvironments([
      { name: 'local', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
    // Where keys are deployed is the user's decision: the Global (user) target, as a user would set it.
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update(
        'stores',
        [{ name: STORE, kind: 'aws-secrets-manager', prefix: PREFIX, layout: 'generation' }],
        vscode.ConfigurationTarget.Global,
      );
  });

  after(async () => {
    if (api) api.prompts.current = new ScriptedPrompts([]);
    await server?.close();
    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'local');
    await setEnvironments(undefined);
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update('stores', undefined, vscode.ConfigurationTarget.Global);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    for (const file of ['.vscode/mtls-rotation.json', 'certificate-register.json'])
      fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await api?.inventory.store.refresh();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await moto?.stop();
  });

  /** Every secret under the prefix, as AWS itself reports it (deleted ones included, with their DeletedDate). */
  async function secrets(): Promise<Array<{ name: string; deleted: boolean }>> {
    const listed = await sdk.send(
      new ListSecretsCommand({ IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: [PREFIX] }] }),
    );
    return (listed.SecretList ?? []).map((s) => ({ name: s.Name ?? '', deleted: s.DeletedDate !== undefined }));
  }

  async function secretHolding(certificatePem: string): Promise<string | undefined> {
    for (const { name, deleted } of await secrets()) {
      if (deleted) continue;
      const value = await sdk.send(new GetSecretValueCommand({ SecretId: name }));
      if (JSON.parse(value.SecretString ?? '{}').certificate?.trim() === certificatePem.trim()) return name;
    }
    return undefined;
  }

  function storeGroup(): Extract<InventoryNode, { type: 'store' }> | undefined {
    const node = api.inventory.tree.getChildren().find((n) => n.type === 'store' && n.store === STORE);
    return node?.type === 'store' ? node : undefined;
  }

  it('deploys alongside, calls with the staged pair, switches, retires and registers, ticked from the store', async () => {
    // The store's group in the Certificates view, with its one certificate, current and due.
    const entryNode = await until('the store listed in the Certificates view', () => {
      const child = storeGroup()?.children.find((c) => c.type === 'store-entry');
      return child?.type === 'store-entry' ? child : undefined;
    });
    assert.strictEqual(entryNode.entry.stage, 'current');
    const counted = api.inventory.tree.model.certificates.find(
      (c) => c.certificate.fingerprintSha256 === entryNode.entry.fingerprintSha256,
    );
    assert.strictEqual(counted?.expiry.status, 'due-30', 'a due certificate in a store counts like a file');
    assert.ok((api.inventory.treeView.badge?.value ?? 0) >= 1);

    // Start the rotation from the store's entry: the record names the store.
    const rotation = await vscode.commands.executeCommand<{ id: string; store?: string }>(
      'mtlsRotation.startRotation',
      entryNode,
    );
    assert.strictEqual(rotation?.store, STORE);
    const recordPath = path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json');
    const recorded = () =>
      JSON.parse(fs.readFileSync(recordPath, 'utf8')).rotations.find((r: { id: string }) => r.id === rotation.id);
    assert.strictEqual(recorded().store, STORE);
    const checklist = async () => {
      await api.rotations.view.whenIdle();
      return api.rotations.view.checklist(rotation.id) ?? [];
    };
    const item = async (id: string) => (await checklist()).find((i) => i.id === id);

    // The new pair, made and verified in the workspace as the other steps leave it.
    const fresh = makeLeaf(pki.ca, dir, 'program-a-new', {
      subject: SUBJECT,
      notBefore: daysFromNow(-0.01),
      notAfter: daysFromNow(90),
    });
    const verified = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: fresh.certPath,
      key: fresh.keyPath,
      caBundle: pki.ca.certPath,
    });
    assert.ok(verified.ok, JSON.stringify(verified.checks.map((c) => [c.name, c.ok, c.message])));
    const newFingerprint = verified.certificate.fingerprintSha256;
    await untilAsync(
      'the new certificate validated',
      async () => (await item('certificate-validated'))?.state === 'done',
    );
    const notDeployed = await item('deployed-alongside');
    assert.strictEqual(notDeployed?.state, 'todo', 'two files are no evidence of a deployment to the store');
    assert.strictEqual(notDeployed?.action, 'deploy');

    // Deploy alongside: staged beside the old pair, which services keep getting.
    api.prompts.current = new ScriptedPrompts([]);
    const deployed = await vscode.commands.executeCommand<StorePairState>('mtlsRotation.deployToStore', {
      rotationId: rotation.id,
      chain: null,
    });
    assert.strictEqual(deployed.pending, newFingerprint);
    assert.strictEqual(deployed.current, entryNode.entry.fingerprintSha256);
    const newSecret = await secretHolding(fs.readFileSync(fresh.certPath, 'utf8'));
    const oldSecret = await secretHolding(fs.readFileSync(old.certPath, 'utf8'));
    assert.ok(newSecret && oldSecret && newSecret !== oldSecret, JSON.stringify(await secrets()));
    const stored = JSON.parse((await sdk.send(new GetSecretValueCommand({ SecretId: newSecret }))).SecretString ?? '');
    assert.match(stored.private_key, /^-----BEGIN PRIVATE KEY-----/, 'the key as unencrypted PKCS#8');
    const described = await sdk.send(new DescribeSecretCommand({ SecretId: newSecret }));
    assert.ok(!JSON.stringify(described).includes('PRIVATE KEY'), 'no key material in tags or description');
    const alongside = await item('deployed-alongside');
    assert.strictEqual(alongside?.state, 'done', alongside?.detail);

    // The key leaves the workspace (it lives in the store now): the test call can only use the store's copy.
    await api.rotations.store.whenEvidenceRecorded();
    fs.rmSync(fresh.keyPath);
    await until(
      'the new key gone from the inventory',
      () => !api.inventory.store.snapshot().items.some((i) => i.path === fresh.keyPath) || undefined,
    );
    const call = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.testCallStagedPair', {
      rotationId: rotation.id,
      environment: 'local',
    });
    assert.strictEqual(call?.outcome, 'ok', call?.hint);
    const record = api.testCalls.last(newFingerprint);
    assert.ok(record && record.certificatePath.startsWith(`aws-sm:${PREFIX}`), JSON.stringify(record));
    assert.strictEqual((await item('test-call'))?.state, 'done');
    assert.ok(
      !fs.readdirSync(dir).some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('PRIVATE KEY')),
      'the key read from the store was never written to the workspace',
    );

    // Switch: a modal confirmation names the store and both certificates.
    const switchPrompts = new ScriptedPrompts([true]);
    api.prompts.current = switchPrompts;
    const switched = await vscode.commands.executeCommand<StorePairState>('mtlsRotation.switchStoreToNew', {
      rotationId: rotation.id,
    });
    assert.strictEqual(switched.current, newFingerprint);
    assert.deepStrictEqual(
      switchPrompts.asked.map((q) => q.confirmLabel),
      ['Switch Services'],
    );
    const question = switchPrompts.asked[0];
    assert.ok(question.message.includes(`"${STORE}"`), question.message);
    assert.ok(
      question.detail.includes(entryNode.entry.serialNumber) &&
        question.detail.includes(verified.certificate.serialNumber),
      question.detail,
    );
    assert.ok(question.detail.includes(verified.certificate.notAfter.slice(0, 10)), question.detail);
    const references = await vscode.commands.executeCommand<unknown[]>('mtlsRotation.findOldReferences', {
      rotationId: rotation.id,
    });
    assert.deepStrictEqual(references, []);
    const updated = await item('services-updated');
    assert.strictEqual(updated?.state, 'done', updated?.detail);

    // Retire through the usual command: the old key lives in the store, so it is retired there, for good.
    const retirePrompts = new ScriptedPrompts([true]);
    api.prompts.current = retirePrompts;
    const retired = await vscode.commands.executeCommand<StoreRetireOutcome>(
      'mtlsRotation.retireOldKey',
      { rotationId: rotation.id },
      { force: true },
    );
    assert.strictEqual(retired.retired, true, retired.decision.reasons.join(' | '));
    assert.strictEqual(retired.result?.removed, true, retired.result?.message);
    assert.deepStrictEqual(
      retirePrompts.asked.map((q) => q.confirmLabel),
      ['Retire Old Key'],
    );
    assert.ok(
      !(await secrets()).some((s) => s.name === oldSecret),
      `AWS no longer has the old generation: ${JSON.stringify(await secrets())}`,
    );
    assert.ok((await secrets()).some((s) => s.name === newSecret && !s.deleted));
    const removed = await item('old-key-removed');
    assert.strictEqual(removed?.state, 'done', removed?.detail);
    const storeRetire = recorded().storeRetire;
    assert.strictEqual(storeRetire.removed, true);

    // The register has the new certificate; the manual steps ticked, every item of the checklist is done.
    const register = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'certificate-register.json'), 'utf8'));
    assert.ok(
      register.certificates.some(
        (e: { fingerprintSha256: string; expiresAt: string }) =>
          e.fingerprintSha256 === newFingerprint && e.expiresAt === verified.certificate.notAfter,
      ),
      JSON.stringify(register),
    );
    // Every item the evidence can tick is done (the CSR compared with the old certificate as the store held it);
    // only the user's own steps are left, and ticking them completes the rotation.
    assert.deepStrictEqual(
      (await checklist()).filter((i) => i.state !== 'done').map((i) => i.id),
      ['reminder-received', 'csr-submitted'],
      JSON.stringify((await checklist()).filter((i) => i.state !== 'done')),
    );
    for (const manual of ['reminder-received', 'csr-submitted'])
      await vscode.commands.executeCommand('mtlsRotation.tickChecklistItem', rotation.id, manual, true);
    const completedAt = await untilAsync('the rotation completed', async () => {
      await api.rotations.store.whenEvidenceRecorded();
      return recorded().completedAt as string | undefined;
    });
    assert.ok(Date.parse(completedAt) > 0);

    // The old certificate is due no more: the store no longer holds it, and the new one is what counts.
    await vscode.commands.executeCommand('mtlsRotation.refreshStores');
    const entries = storeGroup()?.children.filter((c) => c.type === 'store-entry') ?? [];
    assert.deepStrictEqual(
      entries.map((c) => (c.type === 'store-entry' ? [c.entry.fingerprintSha256, c.entry.stage] : [])),
      [[newFingerprint, 'current']],
    );
    assert.ok(
      !api.inventory.tree.model.certificates.some(
        (c) => c.certificate.fingerprintSha256 === entryNode.entry.fingerprintSha256,
      ),
      'the old certificate no longer counts as due',
    );
  });

  it('keeps "old private key removed" open where the store cannot delete: the staged layout, readable by VersionId', async () => {
    const secretName = 'itest/program-b';
    const subject = '/O=Test/OU=Payments/CN=program-b';
    const oldB = makeLeaf(pki.ca, tempDir('store-old-b-'), 'old-b', {
      subject,
      notBefore: daysFromNow(-70),
      notAfter: daysFromNow(25),
    });
    await openStore({ kind: 'aws-secrets-manager', name: secretName, layout: 'staged', preset: 'default' }).stage({
      certificatePem: fs.readFileSync(oldB.certPath, 'utf8'),
      privateKeyPem: fs.readFileSync(oldB.keyPath, 'utf8'),
    });
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update(
        'stores',
        [{ name: 'itest-staged', kind: 'aws-secrets-manager', secretName, layout: 'staged' }],
        vscode.ConfigurationTarget.Global,
      );
    const entryNode = await until('the staged store listed', () => {
      const group = api.inventory.tree.getChildren().find((n) => n.type === 'store' && n.store === 'itest-staged');
      const child = group?.type === 'store' ? group.children.find((c) => c.type === 'store-entry') : undefined;
      return child?.type === 'store-entry' ? child : undefined;
    });
    assert.strictEqual(entryNode.entry.stage, 'current');
    // The register covers what the stores serve, not only the workspace's files.
    const register = await vscode.commands.executeCommand<{
      certificates: Array<{ fingerprintSha256: string; source?: string; expiresAt: string }>;
    }>('mtlsRotation.updateRegister');
    const held = register.certificates.find((e) => e.fingerprintSha256 === entryNode.entry.fingerprintSha256);
    assert.strictEqual(held?.source, 'store:itest-staged', JSON.stringify(register.certificates));
    assert.strictEqual(held?.expiresAt, entryNode.entry.notAfter);
    const oldVersion = entryNode.entry.versionId;
    assert.ok(oldVersion);
    const rotation = await vscode.commands.executeCommand<{ id: string }>('mtlsRotation.startRotation', entryNode);
    const item = async (id: string) => {
      await api.rotations.view.whenIdle();
      return api.rotations.view.checklist(rotation.id)?.find((i) => i.id === id);
    };
    const fresh = makeLeaf(pki.ca, dir, 'program-b-new', {
      subject,
      notBefore: daysFromNow(-0.01),
      notAfter: daysFromNow(90),
    });
    const verified = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: fresh.certPath,
      key: fresh.keyPath,
      caBundle: pki.ca.certPath,
    });
    assert.ok(verified.ok);
    // The deploy takes the new pair from the rotation's evidence: the inventory must have seen the new files.
    await untilAsync(
      'the new certificate validated',
      async () => (await item('certificate-validated'))?.state === 'done',
    );
    api.prompts.current = new ScriptedPrompts([true]);
    const deployed = await vscode.commands.executeCommand<StorePairState>('mtlsRotation.deployToStore', {
      rotationId: rotation.id,
      chain: null,
    });
    assert.strictEqual(deployed.pending, verified.certificate.fingerprintSha256);
    const stages = async () =>
      (await sdk.send(new DescribeSecretCommand({ SecretId: secretName }))).VersionIdsToStages ?? {};
    const pendingVersion = Object.entries(await stages()).find(([, labels]) => labels.includes('AWSPENDING'))?.[0];
    assert.ok(pendingVersion && pendingVersion !== oldVersion, JSON.stringify(await stages()));
    assert.deepStrictEqual((await stages())[oldVersion], ['AWSCURRENT'], 'services still get the old pair');
    assert.strictEqual((await item('deployed-alongside'))?.state, 'done');
    const call = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.testCallStagedPair', {
      rotationId: rotation.id,
      environment: 'local',
    });
    assert.strictEqual(call?.outcome, 'ok', call?.hint);
    api.prompts.current = new ScriptedPrompts([true]);
    await vscode.commands.executeCommand('mtlsRotation.switchStoreToNew', { rotationId: rotation.id });
    assert.ok((await stages())[pendingVersion].includes('AWSCURRENT'), JSON.stringify(await stages()));
    await vscode.commands.executeCommand('mtlsRotation.findOldReferences', { rotationId: rotation.id });
    assert.strictEqual((await item('services-updated'))?.state, 'done');

    api.prompts.current = new ScriptedPrompts([true]);
    const retired = await vscode.commands.executeCommand<StoreRetireOutcome>('mtlsRotation.retireOldKey', {
      rotationId: rotation.id,
    });
    assert.strictEqual(retired.retired, true, retired.decision.reasons.join(' | '));
    assert.strictEqual(retired.result?.removed, false);
    assert.strictEqual(retired.result?.recoverable, true);
    // What the store said is true: the old version is still readable by its VersionId.
    const still = await sdk.send(new GetSecretValueCommand({ SecretId: secretName, VersionId: oldVersion }));
    assert.strictEqual(
      JSON.parse(still.SecretString ?? '{}').certificate?.trim(),
      fs.readFileSync(oldB.certPath, 'utf8').trim(),
    );
    const open = await item('old-key-removed');
    assert.strictEqual(open?.state, 'todo', 'the item stays open');
    assert.ok(open?.detail?.includes(retired.result?.message ?? '\u0000'), open?.detail);
    assert.match(open?.detail ?? '', /VersionId/);
  });

  it('shows an unreachable store as an error item with its message, and the view keeps working', async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    // A closed port of 127.0.0.1, for the store added now: nothing answers there.
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = 'http://127.0.0.1:9';
    try {
      await vscode.workspace.getConfiguration('mtlsRotation').update(
        'stores',
        [
          { name: STORE, kind: 'aws-secrets-manager', prefix: PREFIX, layout: 'generation' },
          { name: 'itest-down', kind: 'aws-secrets-manager', secretName: 'itest/down', layout: 'staged' },
          { name: 'itest-typo', kind: 'aws-secrets-manager', secretName: 'itest/typo', layout: 'stagd' },
        ],
        vscode.ConfigurationTarget.Global,
      );
      const down = await until(
        'the unreachable store as an error',
        () => {
          const node = api.inventory.tree.getChildren().find((n) => n.type === 'store' && n.store === 'itest-down');
          return node?.type === 'store' && node.error ? node : undefined;
        },
        60_000,
      );
      assert.match(down.error ?? '', /"itest-down" cannot be reached/);
    } finally {
      process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = endpoint;
    }
    assert.ok(storeGroup(), 'the other store is still shown');
    assert.ok(
      !api.inventory.tree.getChildren().some((n) => n.type === 'store' && n.store === 'itest-typo'),
      'a bad entry is left out',
    );
    assert.ok(
      api.audit.logLines().some((line) => line.includes('"itest-typo" (entry 3) is left out')),
      'and named in a warning',
    );
  });
});
