// A cloned repository is not trusted to route secrets or to choose where files are written or deleted. Each test
// here plays one attack that worked before, with the repository's own files and settings, and shows it does no harm.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { emptyRegister } from '../../src/core/rotation/register';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { MtlsRotationApi } from '../../src/extension';
import type { RetireOutcome } from '../../src/vscode/rotation/rotationCommands';
import { API_PATHS, makeMtlsPki, MtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { activateExtension, ScriptedPrompts, setEnvironments, until, untilAsync, workspaceRoot } from './testHelpers';

const API_KEY = 'security-itest-production-key-93be';

/**
 * Writes the workspace's own `.vscode/settings.json`, as a cloned repository ships it, and waits until VS Code reads
 * each value back (a change event may belong to an earlier write); returns the undo, which waits likewise.
 */
async function commitWorkspaceSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  const file = path.join(workspaceRoot(), '.vscode', 'settings.json');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const read = (key: string) => JSON.stringify(vscode.workspace.getConfiguration().inspect(key)?.workspaceValue);
  const settle = (expected: Record<string, unknown>) =>
    until(
      'the workspace settings to be read',
      () => Object.entries(expected).every(([key, value]) => read(key) === JSON.stringify(value)) || undefined,
    );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...(before ? JSON.parse(before) : {}), ...values }, null, 2));
  // Application-scoped settings never show a workspace value: only the others can be waited for.
  const visible = Object.fromEntries(Object.entries(values).filter(([key]) => key !== 'mtlsRotation.environments'));
  if (Object.keys(visible).length > 0) await settle(visible);
  else await new Promise((resolve) => setTimeout(resolve, 1500));
  return async () => {
    if (before === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, before);
    const restored = before ? (JSON.parse(before) as Record<string, unknown>) : {};
    await settle(Object.fromEntries(Object.keys(visible).map((key) => [key, restored[key]])));
  };
}

/** A folder outside the workspace, standing for the user's home or any other place a repository must not reach. */
function outside(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mtls-outside-')));
}

describe('A cloned repository cannot turn the extension against its user', () => {
  let api: MtlsRotationApi;
  let pki: MtlsPki;
  let genuine: NodeMtlsServer;
  let attacker: NodeMtlsServer;
  const cleanups: Array<() => Promise<void> | void> = [];

  before(async () => {
    api = await activateExtension();
    pki = makeMtlsPki();
    genuine = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    // The attacker's server has a certificate from its own CA, which the repository ships as a "CA bundle".
    attacker = await startNodeMtlsServer(pki, { apiKey: 'anything', serverCertificate: pki.untrustedServer });
  });

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
    api.prompts.current = new ScriptedPrompts([]);
  });

  after(async () => {
    await genuine?.close();
    await attacker?.close();
    await setEnvironments(undefined);
  });

  /** A client certificate in the workspace; in the user's own settings production is the genuine server, its key stored. */
  async function userWithProductionKey(): Promise<{ certificate: string; key: string; prompts: ScriptedPrompts }> {
    const certificate = path.join(workspaceRoot(), 'certs', 'security-client.crt');
    const key = path.join(workspaceRoot(), 'certs', 'security-client.key');
    fs.copyFileSync(pki.client.certPath, certificate);
    fs.copyFileSync(pki.client.keyPath, key);
    cleanups.push(() => {
      fs.rmSync(certificate, { force: true });
      fs.rmSync(key, { force: true });
    });
    await setEnvironments([
      { name: 'production', baseUrl: genuine.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    const prompts = new ScriptedPrompts([]);
    api.prompts.current = prompts;
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'production', API_KEY);
    cleanups.push(async () => void (await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'production')));
    return { certificate, key, prompts };
  }

  it('ignores a workspace that redefines the production environment: no key, certificate or record goes its way', async () => {
    const { certificate, key, prompts } = await userWithProductionKey();

    // The repository's settings point production at the attacker, with the attacker's CA from the repository.
    fs.copyFileSync(pki.otherCa.certPath, path.join(workspaceRoot(), 'attacker-ca.pem'));
    cleanups.push(() => fs.rmSync(path.join(workspaceRoot(), 'attacker-ca.pem'), { force: true }));
    cleanups.push(
      await commitWorkspaceSettings({
        'mtlsRotation.environments': [
          {
            name: 'production',
            baseUrl: attacker.url(''),
            testPath: API_PATHS.cardholders,
            caBundle: 'attacker-ca.pem',
          },
        ],
      }),
    );

    await api.inventory.store.refresh();
    const result = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate,
      key,
      environment: 'production',
    });
    assert.strictEqual(result?.outcome, 'ok', JSON.stringify(result));
    assert.strictEqual(attacker.handshakes, 0, 'the attacker saw no connection at all');
    assert.deepStrictEqual(attacker.requests, []);
    assert.deepStrictEqual(
      genuine.requests.map((r) => r.apiKey),
      [API_KEY],
    );
    assert.deepStrictEqual(prompts.approvedUrls, [`Send a test call to ${genuine.url(API_PATHS.cardholders)}?`]);
    const recorded = api.testCalls.history().filter((r) => r.environment === 'production');
    assert.ok(
      recorded.length > 0 && recorded.every((r) => r.url.startsWith(genuine.url(''))),
      JSON.stringify(recorded),
    );
  });

  it('keeps a key for the origin it was entered for: an environment pointed elsewhere asks for its own key and the new URL', async () => {
    const { certificate, key, prompts } = await userWithProductionKey();

    // The same name, another origin (say, a URL pasted from a message): the first call shows it and asks.
    await setEnvironments([
      {
        name: 'production',
        baseUrl: attacker.url(''),
        testPath: API_PATHS.cardholders,
        caBundle: pki.otherCa.certPath,
      },
    ]);
    await api.inventory.store.refresh();
    const result = await vscode.commands.executeCommand<TestCallResult | undefined>('mtlsRotation.runTestCall', {
      certificate,
      key,
      environment: 'production',
    });
    assert.strictEqual(result, undefined, 'dismissing the question about the missing key sends nothing');
    assert.deepStrictEqual(prompts.approvedUrls, [`Send a test call to ${attacker.url(API_PATHS.cardholders)}?`]);
    assert.deepStrictEqual(
      prompts.choices.map((c) => c.labels),
      [['Set API Key', 'Call Anyway']],
    );
    assert.match(
      prompts.choices[0].message,
      new RegExp(`No API key is stored for production at ${attacker.url('').replace(/[.]/g, '\\.')}`),
    );
    assert.strictEqual(attacker.handshakes, 0);
    assert.deepStrictEqual(attacker.requests, []);
  });

  it('sends nothing to a URL the user declines, and asks again next time', async () => {
    const { certificate, key } = await userWithProductionKey();
    // A URL no earlier test approved (approvals are remembered for the user).
    await setEnvironments([
      {
        name: 'production',
        baseUrl: attacker.url(''),
        testPath: API_PATHS.echoHeaders,
        caBundle: pki.otherCa.certPath,
      },
    ]);
    for (let attempt = 0; attempt < 2; attempt++) {
      const declining = new ScriptedPrompts([], { approveUrls: false });
      api.prompts.current = declining;
      const result = await vscode.commands.executeCommand('mtlsRotation.runTestCall', {
        certificate,
        key,
        environment: 'production',
      });
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual(
        declining.asked.map((q) => [q.message, q.confirmLabel]),
        [[`Send a test call to ${attacker.url(API_PATHS.echoHeaders)}?`, 'Call This URL']],
      );
      assert.match(declining.asked[0].detail, /Environment "production" from your user settings/);
    }
    assert.strictEqual(attacker.handshakes, 0);
  });

  it('writes neither the rotation record nor the register through committed links, dangling or not', async () => {
    const elsewhere = outside();
    const shellStartup = path.join(elsewhere, '.bashrc');
    fs.writeFileSync(shellStartup, "# the user's own start-up file\n");
    const record = path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json');
    const register = path.join(workspaceRoot(), 'certificate-register.json');
    fs.symlinkSync(path.join(elsewhere, '.profile'), record); // dangling: would create a file elsewhere
    fs.symlinkSync(shellStartup, register);
    cleanups.push(() => {
      fs.rmSync(record, { force: true });
      fs.rmSync(register, { force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    });
    await api.inventory.store.whenIdle();
    const node = await until('a certificate in the tree', () =>
      api.inventory.tree
        .getChildren()
        .find((n) => n.type === 'certificate' && n.certificate.path.endsWith('program-a.crt')),
    );

    const started = await vscode.commands.executeCommand('mtlsRotation.startRotation', node);
    assert.strictEqual(started, undefined, 'the rotation is not started through a link');
    await assert.rejects(api.rotations.store.saveRegister(emptyRegister()), /symbolic link/);
    assert.ok(!fs.existsSync(path.join(elsewhere, '.profile')), "no file created at the link's target");
    assert.strictEqual(fs.readFileSync(shellStartup, 'utf8'), "# the user's own start-up file\n");
    assert.ok(
      fs.lstatSync(record).isSymbolicLink() && fs.lstatSync(register).isSymbolicLink(),
      'the links themselves are left as they were',
    );
    assert.ok(
      api.audit.logLines().some((line) => /Refusing to (read|write) the rotation record .*symbolic link/.test(line)),
      api.audit.logLines().slice(-5).join('\n'),
    );
  });

  it('refuses a registerPath outside the workspace, absolute or through ..', async () => {
    const elsewhere = outside();
    cleanups.push(() => fs.rmSync(elsewhere, { recursive: true, force: true }));
    const cases: Array<[string, RegExp]> = [
      [path.join(elsewhere, 'register.json'), /outside the workspace/],
      [path.relative(workspaceRoot(), path.join(elsewhere, 'register.json')), /outside the workspace/],
      // A shell start-up file, or a file of the workspace that must never become a register.
      [path.join(elsewhere, '.bashrc'), /must name a \.json file/],
      ['.vscode/settings.json', /must name a \.json file outside \.git and \.vscode/],
    ];
    for (const [registerPath, refusal] of cases) {
      const undo = await commitWorkspaceSettings({ 'mtlsRotation.registerPath': registerPath });
      try {
        await assert.rejects(api.rotations.store.saveRegister(emptyRegister()), refusal, registerPath);
        await assert.rejects(api.rotations.store.registerFile(), refusal, registerPath);
      } finally {
        await undo();
      }
    }
    assert.deepStrictEqual(fs.readdirSync(elsewhere), [], 'nothing written outside');
  });

  it('never deletes a key outside the workspace through a linked folder, and names real paths when it asks', async () => {
    const elsewhere = outside();
    fs.copyFileSync(pki.client.certPath, path.join(elsewhere, 'victim.crt'));
    fs.copyFileSync(pki.client.keyPath, path.join(elsewhere, 'victim.key'));
    const vendor = path.join(workspaceRoot(), 'vendor');
    fs.symlinkSync(elsewhere, vendor);
    const recordFile = path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json');
    cleanups.push(async () => {
      fs.rmSync(vendor, { force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
      fs.rmSync(recordFile, { force: true });
      await api.inventory.store.refresh();
    });
    await api.inventory.store.refresh();
    const node = await until('the linked certificate in the tree', () =>
      api.inventory.tree
        .getChildren()
        .find((n) => n.type === 'certificate' && n.certificate.path === path.join(vendor, 'victim.crt')),
    );
    await untilAsync('its key in the inventory', async () =>
      api.inventory.store.snapshot().items.some((i) => i.kind === 'key' && i.path === path.join(vendor, 'victim.key')),
    );

    const rotation = await vscode.commands.executeCommand<{ id: string }>('mtlsRotation.startRotation', node);
    assert.ok(rotation?.id, 'a rotation may be started: it only writes the record inside the workspace');
    const prompts = new ScriptedPrompts([true, true]);
    api.prompts.current = prompts;
    const outcome = await vscode.commands.executeCommand<RetireOutcome | undefined>(
      'mtlsRotation.retireOldKey',
      { rotationId: rotation.id },
      { override: true },
    );
    assert.notStrictEqual(outcome?.retired, true);
    assert.ok(fs.existsSync(path.join(elsewhere, 'victim.key')), 'the key outside the workspace is still there');
    assert.ok(
      !prompts.asked.some((q) => q.confirmLabel === 'Delete Old Key'),
      'no confirmation offered a delete it must refuse',
    );
    const refusal = api.audit.logLines().find((line) => line.includes('Refusing to delete'));
    assert.ok(refusal?.includes(`its real path is ${path.join(elsewhere, 'victim.key')}`), refusal);
  });
});
