import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { VerifyResult } from '../../src/core/verify/verifyCertificate';
import type { MtlsRotationApi } from '../../src/extension';
import type { GenerateResult } from '../../src/vscode/generate/generateCommands';
import type { RetireOutcome } from '../../src/vscode/rotation/rotationCommands';
import { API_PATHS, makeMtlsPki, MtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { daysFromNow, openssl, signCsr } from '../support/openssl';
import { activateExtension, ScriptedPrompts, setEnvironments, until, untilAsync, workspaceRoot } from './testHelpers';

const API_KEY = 'rotation-itest-key-41d2';

function exists(file: string): boolean {
  return fs.existsSync(file);
}

describe('A full rotation', () => {
  let api: MtlsRotationApi;
  let pki: MtlsPki;
  let server: NodeMtlsServer;
  let dir: string;
  let oldCert: string;
  let oldKey: string;
  let service: string;

  before(async () => {
    api = await activateExtension();
    pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    dir = path.join(workspaceRoot(), 'rotation-demo');
    fs.mkdirSync(dir, { recursive: true });
    oldCert = path.join(dir, 'demo.crt');
    oldKey = path.join(dir, 'demo.key');
    fs.copyFileSync(pki.client.certPath, oldCert);
    fs.copyFileSync(pki.client.keyPath, oldKey);
    fs.chmodSync(oldKey, 0o600);
    service = path.join(dir, 'service.yaml');
    fs.writeFileSync(service, 'client:\n  certificate: rotation-demo/demo.crt\n  key: rotation-demo/demo.key\n');
    await setEnvironments([
      { name: 'local', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
    // The old certificate (60 days left) is due at 75 days: so the badges can show it stop counting once replaced.
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update('reminderDays', [75, 30, 15, 5], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    api.prompts.current = new ScriptedPrompts([]);
    await server?.close();
    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'local');
    await setEnvironments(undefined);
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update('reminderDays', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of ['.vscode/mtls-rotation.json', 'certificate-register.json'])
      fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await api.inventory.store.refresh();
  });

  it('starts, generates, compares, verifies, calls, retires and records, refusing to retire too early', async () => {
    const node = await until('the old certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === oldCert),
    );

    // Start rotation: the record is written to the workspace and the checklist appears.
    const rotation = await vscode.commands.executeCommand<{ id: string }>('mtlsRotation.startRotation', node);
    assert.ok(rotation?.id);
    const record = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json'), 'utf8'));
    assert.strictEqual(record.rotations[0].old.certificatePath, 'rotation-demo/demo.crt');
    assert.ok(!JSON.stringify(record).includes('PRIVATE KEY'), 'the record holds no key');
    const state = async (id: string) => {
      await api.rotations.view.whenIdle();
      return api.rotations.view.checklist(rotation.id)?.find((item) => item.id === id)?.state;
    };
    assert.strictEqual(await state('key-generated'), 'todo');

    // Generate: a request config from the old certificate, then a new key and CSR.
    const config = await vscode.commands.executeCommand<string>('mtlsRotation.newConfigFromCertificate', node);
    const generated = await vscode.commands.executeCommand<GenerateResult>(
      'mtlsRotation.generateKeyAndCsr',
      vscode.Uri.file(config),
    );
    assert.strictEqual(generated.keyPath, path.join(dir, 'demo-new.key'));
    // Its prime search began at Start Rotation; openssl still judges the key and the CSR made with it.
    assert.strictEqual(generated.keyPreparedAhead, true);
    assert.match(openssl(['rsa', '-in', generated.keyPath, '-check', '-noout']), /RSA key ok/);
    assert.strictEqual(fs.statSync(generated.keyPath).mode & 0o777, 0o600);
    const verify = spawnSync('openssl', ['req', '-in', generated.csrPath, '-noout', '-verify'], { encoding: 'utf8' });
    assert.match(verify.stderr, /self-signature verify OK/);
    assert.strictEqual(
      openssl(['req', '-in', generated.csrPath, '-noout', '-pubkey']),
      openssl(['pkey', '-in', generated.keyPath, '-pubout']),
    );
    await until(
      'the new key and CSR in the inventory',
      () => api.inventory.store.snapshot().items.some((i) => i.path === generated.csrPath) || undefined,
    );
    await untilAsync('the checklist to see the new key', async () => (await state('key-generated')) === 'done');

    // Compare: the CSR carries the old subject and SANs, so the comparison step is ticked from evidence.
    assert.strictEqual(await state('csr-verified'), 'done');

    // Retire refuses before the certificate is verified and a test call succeeded; declining the override keeps the key.
    const prompts = new ScriptedPrompts([false]);
    api.prompts.current = prompts;
    const early = await vscode.commands.executeCommand<RetireOutcome>('mtlsRotation.retireOldKey', {
      rotationId: rotation.id,
    });
    assert.strictEqual(early.retired, false);
    assert.ok(
      early.decision.reasons.some((r) => /test call/i.test(r)),
      early.decision.reasons.join(' | '),
    );
    assert.ok(
      early.decision.reasons.some((r) => /verif/i.test(r)),
      early.decision.reasons.join(' | '),
    );
    assert.deepStrictEqual(
      prompts.asked.map((q) => q.confirmLabel),
      ['Override and Continue'],
    );
    assert.ok(exists(oldKey), 'nothing deleted');

    // The fixture CA signs the CSR: the "returned" certificate.
    const newCert = path.join(dir, 'demo-new.crt');
    signCsr(pki.ca, generated.csrPath, newCert, { notBefore: daysFromNow(-0.01), notAfter: daysFromNow(90) });

    // Verify with the CA bundle.
    const verified = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: newCert,
      key: generated.keyPath,
      caBundle: pki.ca.certPath,
      csr: generated.csrPath,
      oldCertificate: oldCert,
    });
    assert.ok(verified.ok, JSON.stringify(verified.checks.map((c) => [c.name, c.ok, c.message])));
    await until(
      'the new certificate in the inventory',
      () => api.inventory.store.snapshot().items.some((i) => i.path === newCert) || undefined,
    );
    assert.strictEqual(await state('certificate-validated'), 'done');
    assert.strictEqual(await state('deployed-alongside'), 'done');

    // Test call with only the new certificate.
    const call = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: newCert,
      key: generated.keyPath,
      environment: 'local',
    });
    assert.strictEqual(call.outcome, 'ok', call.hint);
    assert.strictEqual(await state('test-call'), 'done');

    // References: the service still names the old files until it is moved over.
    const before = await vscode.commands
      .executeCommand<unknown[]>('mtlsRotation.findOldReferences', { rotationId: rotation.id })
      .then(
        (matches) => matches,
        () => undefined,
      );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(Array.isArray(before) && before.length >= 2, `references found: ${JSON.stringify(before)}`);
    assert.strictEqual(await state('services-updated'), 'todo');
    fs.writeFileSync(
      service,
      'client:\n  certificate: rotation-demo/demo-new.crt\n  key: rotation-demo/demo-new.key\n',
    );
    const after = await vscode.commands.executeCommand<unknown[]>('mtlsRotation.findOldReferences', {
      rotationId: rotation.id,
    });
    assert.deepStrictEqual(after, []);
    assert.strictEqual(await state('services-updated'), 'done');

    // Retire: declining the confirmation deletes nothing; confirming deletes the old key and updates the register.
    const declined = new ScriptedPrompts([false]);
    api.prompts.current = declined;
    const kept = await vscode.commands.executeCommand<RetireOutcome>('mtlsRotation.retireOldKey', {
      rotationId: rotation.id,
    });
    assert.strictEqual(kept.retired, false);
    assert.deepStrictEqual(
      declined.asked.map((q) => q.confirmLabel),
      ['Delete Old Key'],
    );
    assert.ok(exists(oldKey), 'a declined confirmation deletes nothing');

    const realOldKey = fs.realpathSync(oldKey);
    const confirmed = new ScriptedPrompts([true]);
    api.prompts.current = confirmed;
    const retired = await vscode.commands.executeCommand<RetireOutcome>('mtlsRotation.retireOldKey', {
      rotationId: rotation.id,
    });
    assert.strictEqual(retired.retired, true, retired.decision.reasons.join(' | '));
    assert.deepStrictEqual(retired.deleted, [oldKey]);
    assert.deepStrictEqual(
      confirmed.asked.map((q) => q.confirmLabel),
      ['Delete Old Key'],
    );
    assert.ok(
      confirmed.asked[0].detail.startsWith(`${realOldKey}\n`),
      `the confirmation names the real path: ${confirmed.asked[0].detail}`,
    );
    assert.ok(!exists(oldKey));
    assert.ok(exists(oldCert) && exists(newCert) && exists(generated.keyPath), 'only the old key is gone');

    const register = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'certificate-register.json'), 'utf8'));
    const entry = register.certificates.find(
      (e: { fingerprintSha256: string }) => e.fingerprintSha256 === verified.certificate.fingerprintSha256,
    );
    assert.ok(entry, JSON.stringify(register));
    assert.strictEqual(entry.expiresAt, verified.certificate.notAfter);
    assert.strictEqual(entry.replaces.serialNumber, record.rotations[0].old.serialNumber);
    assert.ok(entry.oldKeyRetiredAt);
    assert.strictEqual(await state('old-key-removed'), 'done');
    assert.strictEqual(await state('register-updated'), 'done');

    // Until the rotation ends the old certificate still counts: the register alone does not end it.
    await api.rotations.replaced.whenIdle();
    const oldUri = vscode.Uri.file(oldCert);
    const counted = () => api.inventory.tree.model.certificates.find(({ certificate }) => certificate.path === oldCert);
    assert.strictEqual(counted()?.expiry.status, 'due-75');
    const badgeBefore = api.inventory.treeView.badge?.value ?? 0;
    assert.ok(badgeBefore >= 1);
    assert.ok(api.inventory.decorations.decorationFor(oldUri), 'the old certificate has its Explorer badge');
    // VS Code adds up the badges of a container's views on the activity bar: only certificates due may count there.
    assert.strictEqual(api.rotations.view.treeView.badge, undefined, 'the activity bar counts certificates due only');
    assert.strictEqual(api.rotations.view.treeView.description, '1 in progress');
    // Labelled by its CN; the whole subject, as the record keeps it, beside it and in the tooltip.
    const rotationNode = api.rotations.view.getChildren().find((n) => n.type === 'rotation');
    assert.ok(rotationNode);
    const rotationItem = api.rotations.view.getTreeItem(rotationNode);
    const subject: string = record.rotations[0].old.subject;
    assert.strictEqual(rotationItem.label, `Rotation of ${/CN\s*=\s*([^,]+)/.exec(subject)?.[1]}`);
    assert.ok(String(rotationItem.description).includes(subject), String(rotationItem.description));
    assert.ok(String(rotationItem.tooltip).includes(subject), String(rotationItem.tooltip));

    // The two steps only the user can confirm; the last one ends the rotation.
    await vscode.commands.executeCommand('mtlsRotation.tickChecklistItem', rotation.id, 'reminder-received');
    await vscode.commands.executeCommand('mtlsRotation.tickChecklistItem', rotation.id, 'csr-submitted');
    const items = api.rotations.view.checklist(rotation.id) ?? [];
    assert.deepStrictEqual(
      items.filter((i) => i.state !== 'done').map((i) => i.id),
      [],
    );
    assert.strictEqual(items.length, 11);

    // Completed and archived with its dates and the new certificate's facts.
    const archived = await untilAsync('the rotation completed in the record', async () => {
      await api.rotations.store.whenEvidenceRecorded();
      const file = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json'), 'utf8'));
      return file.rotations[0].completedAt ? file.rotations[0] : undefined;
    });
    assert.strictEqual(archived.startedAt, record.rotations[0].startedAt);
    assert.strictEqual(archived.new.fingerprintSha256, verified.certificate.fingerprintSha256);
    assert.strictEqual(archived.new.serialNumber, verified.certificate.serialNumber);
    assert.strictEqual(archived.new.notAfter, verified.certificate.notAfter);
    await api.rotations.view.whenIdle();
    assert.strictEqual(api.rotations.view.treeView.badge, undefined, 'no rotation in progress');
    assert.strictEqual(api.rotations.view.treeView.description, undefined, 'no rotation in progress');
    const completedGroup = api.rotations.view.getChildren().find((n) => n.type === 'completed');
    assert.ok(completedGroup, 'the rotation is shown apart, under Completed');
    assert.deepStrictEqual(
      api.rotations.view.getChildren(completedGroup).map((n) => (n.type === 'rotation' ? n.rotation.id : n.type)),
      [rotation.id],
    );

    // The replaced certificate no longer counts: view badge, Explorer badge, status bar; the tree says what replaced it.
    await until('the old certificate replaced in the inventory', () =>
      api.inventory.tree.model.replaced.find(({ certificate }) => certificate.path === oldCert),
    );
    assert.strictEqual(counted(), undefined);
    assert.strictEqual(api.inventory.treeView.badge?.value ?? 0, badgeBefore - 1);
    assert.strictEqual(api.inventory.decorations.decorationFor(oldUri), undefined);
    const soonest = api.inventory.tree.model.certificates.find(({ certificate }) => !certificate.isCA);
    assert.notStrictEqual(soonest?.certificate.path, oldCert, 'the status bar follows the certificates that count');
    const oldNode = api.inventory.tree
      .getChildren()
      .find((n) => n.type === 'certificate' && n.certificate.path === oldCert);
    assert.ok(oldNode);
    const description = String(api.inventory.tree.getTreeItem(oldNode).description);
    assert.match(
      description,
      new RegExp(`^replaced by program-a \\(serial ${verified.certificate.serialNumber}, expires `),
    );

    // With no rotation in progress, Update Certificate Register covers every certificate of the workspace.
    const registerFile = path.join(workspaceRoot(), 'certificate-register.json');
    const edited = JSON.parse(fs.readFileSync(registerFile, 'utf8'));
    edited.certificates[0].notes = 'written by hand';
    fs.writeFileSync(registerFile, JSON.stringify(edited, null, 2));
    await vscode.commands.executeCommand('mtlsRotation.updateRegister');
    const full = JSON.parse(fs.readFileSync(registerFile, 'utf8')) as {
      certificates: Array<{ fingerprintSha256: string; notes?: string; replaces?: unknown; source?: string }>;
    };
    const leaves = api.inventory.store
      .snapshot()
      .items.flatMap((i) => (i.kind === 'certificate' ? [i] : i.kind === 'pkcs12' ? i.certificates : []))
      .filter((c) => !c.isCA);
    assert.ok(leaves.length > 2, 'the fixture workspace holds more than the rotated pair');
    for (const leaf of leaves)
      assert.ok(
        full.certificates.some((e) => e.fingerprintSha256 === leaf.fingerprintSha256),
        `${leaf.path} is in the register`,
      );
    assert.strictEqual(new Set(full.certificates.map((e) => e.fingerprintSha256)).size, full.certificates.length);
    const newEntry = full.certificates.find((e) => e.fingerprintSha256 === verified.certificate.fingerprintSha256);
    assert.strictEqual(newEntry?.notes, 'written by hand');
    assert.ok(newEntry?.replaces, 'what the rotation recorded stays');
  });
});
