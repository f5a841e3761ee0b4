import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { MtlsRotationApi } from '../../src/extension';
import type { NextStepAnswerer, NextStepOffer } from '../../src/vscode/rotation/nextStepOffers';
import { API_PATHS, makeMtlsPki, MtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { daysFromNow, makeCsr, makeKey, makeLeaf, signCsr } from '../support/openssl';
import { activateExtension, ScriptedPrompts, setEnvironments, until, untilAsync, workspaceRoot } from './testHelpers';

const API_KEY = 'next-steps-itest-key-5e0b';
/** Upper bound of each wait: a chain of offers (verify, report, call) runs through a host on a shared machine. */
const WAIT_MS = 60_000;

/** Answers offers of a kind (and whose message names `about`) from a queue; anything else is dismissed. */
interface Rule {
  kind: string;
  about?: string;
  answers: Array<string | undefined>;
}

describe('The next step offered where the user is', function () {
  this.timeout(3 * WAIT_MS);
  let api: MtlsRotationApi;
  let pki: MtlsPki;
  let server: NodeMtlsServer;
  let dir: string;
  let oldCert: string;
  let oldKey: string;
  let original: NextStepAnswerer;
  let rules: Rule[] = [];

  const offered = (kind: string, about = ''): NextStepOffer[] =>
    api.nextSteps.offers.filter((o) => o.kind === kind && o.message.includes(about));

  before(async () => {
    api = await activateExtension();
    pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    dir = path.join(workspaceRoot(), 'next-steps');
    fs.mkdirSync(dir, { recursive: true });
    oldCert = path.join(dir, 'app.crt');
    oldKey = path.join(dir, 'app.key');
    fs.copyFileSync(pki.client.certPath, oldCert);
    fs.copyFileSync(pki.client.keyPath, oldKey);
    fs.chmodSync(oldKey, 0o600);
    fs.writeFileSync(path.join(dir, 'service.yaml'), 'tls:\n  cert: next-steps/app.crt\n  key: next-steps/app.key\n');
    await setEnvironments([
      { name: 'local', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update('caBundle', pki.ca.certPath, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
    api.prompts.current = new ScriptedPrompts([]);
    original = api.nextSteps.answerer;
    api.nextSteps.answerer = (offer) => {
      const rule = rules.find((r) => r.kind === offer.kind && (!r.about || offer.message.includes(r.about)));
      return Promise.resolve(rule?.answers.shift());
    };
  });

  afterEach(function () {
    // A failed step says what was offered and what the extension logged.
    if (this.currentTest?.state !== 'failed') return;
    console.log(JSON.stringify(api.nextSteps.offers, undefined, 1));
    console.log(api.audit.logLines().slice(-40).join('\n'));
  });

  after(async () => {
    api.nextSteps.answerer = original;
    await server?.close();
    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'local');
    await setEnvironments(undefined);
    await vscode.workspace
      .getConfiguration('mtlsRotation')
      .update('caBundle', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json'), { force: true });
    await api.inventory.store.refresh();
  });

  let rotationId: string;
  let newCert: string;

  it('offers Verify when the signed certificate of a rotation arrives, once', async () => {
    const node = await until(
      'the old certificate in the tree',
      () => api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === oldCert),
      WAIT_MS,
    );
    rotationId = (await vscode.commands.executeCommand<{ id: string }>('mtlsRotation.startRotation', node)).id;
    rules = [
      { kind: 'verify-arrived', answers: ['Verify'] },
      { kind: 'verify-passed', answers: ['Run Test Call'] },
      { kind: 'test-call-result', answers: ['Copy curl Command', 'Find References'] },
    ];
    // The new key and CSR, as Generate makes them (the generation itself has tests of its own).
    const newKey = makeKey(path.join(dir, 'app-new.key'));
    const csr = makeCsr(newKey, path.join(dir, 'app-new.csr'), '/O=Test/OU=Payments/CN=program-a');
    await until(
      'the new key and CSR in the inventory',
      () => api.inventory.store.snapshot().items.some((i) => i.path === csr) || undefined,
      WAIT_MS,
    );
    // The provider's signed certificate is saved into the workspace.
    newCert = path.join(dir, 'app-new.crt');
    signCsr(pki.ca, csr, newCert, { notBefore: daysFromNow(-0.01), notAfter: daysFromNow(90) });

    const arrived = await until('Verify offered', () => offered('verify-arrived')[0], WAIT_MS);
    assert.strictEqual(arrived.message, 'The signed certificate for program-a arrived: Verify now?');
    assert.deepStrictEqual(arrived.actions, ['Verify']);
    const verification = await until(
      'the arrived certificate verified',
      () => api.verifier.records().find((r) => r.certificatePath === newCert),
      WAIT_MS,
    );
    assert.ok(verification.allOk, JSON.stringify(verification.checks));
    // Offered once: another look at the workspace offers nothing new.
    await api.inventory.store.refresh();
    assert.strictEqual(offered('verify-arrived').length, 1);
  });

  it('offers Run Test Call once the verification passed, and Find References after the 200', async () => {
    const passed = await until('Run Test Call offered', () => offered('verify-passed', 'app-new.crt')[0], WAIT_MS);
    assert.deepStrictEqual(passed.actions, ['Run Test Call']);
    const results = await until(
      'the result of the test call',
      () => {
        const shown = offered('test-call-result', 'Test call to local: ok (200)');
        return shown.length > 0 && shown;
      },
      WAIT_MS,
    );
    assert.deepStrictEqual(results[0].actions, ['Find References', 'Show Report', 'Retry', 'Copy curl Command']);
    // Find References searched the workspace for the old certificate.
    const references = await until(
      'the references to the old certificate',
      () => api.rotations.store.references(rotationId),
      WAIT_MS,
    );
    assert.ok(
      references.some((r) => r.path.endsWith('service.yaml')),
      JSON.stringify(references),
    );
  });

  it('keeps the result after Copy curl Command, and the history reopens its report', async () => {
    // Copy curl keeps the result: the notification comes back after the copy, with its actions.
    const results = await until(
      'the result shown again after Copy curl',
      () => {
        const shown = offered('test-call-result', 'Test call to local: ok (200)');
        return shown.length >= 2 && shown;
      },
      WAIT_MS,
    );
    assert.deepStrictEqual(results[1], results[0]);
    const curl = await vscode.env.clipboard.readText();
    assert.match(curl, /curl /);
    assert.ok(curl.includes(newCert), curl);
    assert.ok(!curl.includes(API_KEY));

    // The history reopens the call's report, rebuilt from the record (which never holds the key).
    const certificate = api.inventory.store
      .snapshot()
      .items.find((i) => i.kind === 'certificate' && i.path === newCert);
    assert.ok(certificate?.kind === 'certificate');
    const call = api.testCalls.last(certificate.fingerprintSha256);
    assert.strictEqual(call?.status, 200);
    assert.ok(call.report, 'the record keeps what the report needs');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('mtlsRotation.showTestCallReport', {
      fingerprint: call.certificateFingerprint,
      at: call.at,
    });
    const report = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(report, /ok/);
    assert.match(report, /200/);
    assert.ok(report.includes(newCert), report);
    assert.ok(!report.includes(API_KEY));
    assert.ok(!JSON.stringify(api.audit.workspaceState()).includes(API_KEY));
  });

  it('offers Set API Key after a 401, and before calling an environment with no key', async () => {
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', 'not-the-key');
    rules = [{ kind: 'test-call-result', answers: [undefined] }];
    const result = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: oldCert,
      key: oldKey,
      environment: 'local',
    });
    assert.strictEqual(result.status, 401);
    const shown = await until('the 401 result', () => offered('test-call-result', 'unauthorized (401)')[0], WAIT_MS);
    assert.deepStrictEqual(shown.actions, ['Set API Key', 'Show Report', 'Retry', 'Copy curl Command']);

    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'local');
    const prompts = new ScriptedPrompts([]);
    api.prompts.current = prompts;
    const skipped = await vscode.commands.executeCommand<TestCallResult | undefined>('mtlsRotation.runTestCall', {
      certificate: oldCert,
      key: oldKey,
      environment: 'local',
    });
    assert.strictEqual(skipped, undefined, 'dismissed: no call without a key');
    assert.deepStrictEqual(
      prompts.choices.map((c) => c.labels),
      [['Set API Key', 'Call Anyway']],
    );
    assert.match(prompts.choices[0].message, /No API key is stored for local/);
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
  });

  it('keeps the 30-day reminder until snoozed, and offers the support ticket for an expired certificate', async () => {
    rules = [
      { kind: 'reminder', about: 'reminder-due', answers: [undefined, 'Snooze 1 Day'] },
      { kind: 'reminder-expired', about: 'reminder-expired', answers: ['Copy Support Ticket', undefined] },
    ];
    const due = makeLeaf(pki.ca, dir, 'reminder-due', {
      subject: '/O=Test/CN=reminder-due',
      notBefore: daysFromNow(-60),
      notAfter: daysFromNow(20),
    });
    makeLeaf(pki.ca, dir, 'reminder-expired', {
      subject: '/O=Test/CN=reminder-expired',
      notBefore: daysFromNow(-100),
      notAfter: daysFromNow(-2),
    });

    const reminder = await until('the 30-day reminder', () => offered('reminder', 'reminder-due')[0], WAIT_MS);
    assert.deepStrictEqual(reminder.actions, ['Start Rotation', 'Snooze 1 Day', 'Show Certificate']);
    // Dismissed (or hidden after its seconds): it stays in the status bar.
    const standing = await until(
      'the reminder standing in the status bar',
      () => api.rotations.reminders.standingReminders().find((s) => s.certificate.path === due.certPath),
      WAIT_MS,
    );
    assert.match(api.rotations.reminders.statusBarEntry()?.tooltip ?? '', /reminder-due/);

    // The expired one offers the ticket, and comes back after it is copied.
    const lapsed = await until(
      'the expired reminder, shown again after the copy',
      () => {
        const shown = offered('reminder-expired', 'reminder-expired');
        return shown.length >= 2 && shown[0];
      },
      WAIT_MS,
    );
    assert.deepStrictEqual(lapsed.actions, ['Copy Support Ticket', 'Start Rotation', 'Show Certificate']);
    assert.match(await vscode.env.clipboard.readText(), /Priority: 1[\s\S]*reminder-expired/);

    // The status bar entry shows it again; Snooze takes it away and is remembered.
    await vscode.commands.executeCommand('mtlsRotation.showReminders', standing.reminder.fingerprint);
    await until(
      'the reminder snoozed',
      () => api.rotations.reminders.standingReminders().every((s) => s.certificate.path !== due.certPath),
      WAIT_MS,
    );
    assert.strictEqual(offered('reminder', 'reminder-due').length, 2);
    assert.ok(api.rotations.reminders.reminderState().snoozedUntil[standing.reminder.fingerprint]);
  });

  it('offers Copy Support Ticket after a test call fails because the certificate expired', async () => {
    rules = [{ kind: 'test-call-result', answers: ['Copy Support Ticket'] }];
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
    const expired = {
      certPath: path.join(dir, 'reminder-expired.crt'),
      keyPath: path.join(dir, 'reminder-expired.key'),
    };
    await vscode.env.clipboard.writeText('');
    const result = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: expired.certPath,
      key: expired.keyPath,
      environment: 'local',
    });
    assert.strictEqual(result.clientCertificate?.expired, true, JSON.stringify(result));
    const failed = await until(
      'the expired call offers the ticket',
      () => api.nextSteps.offers.find((o) => o.kind === 'test-call-result' && o.actions[0] === 'Copy Support Ticket'),
      WAIT_MS,
    );
    assert.deepStrictEqual(failed.actions, ['Copy Support Ticket', 'Show Report', 'Retry', 'Copy curl Command']);
    await untilAsync(
      'the ticket copied',
      async () => /Priority: 1[\s\S]*reminder-expired/.test(await vscode.env.clipboard.readText()),
      WAIT_MS,
    );
  });
});
