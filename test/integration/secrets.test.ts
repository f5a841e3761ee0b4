import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { VerifyResult } from '../../src/core/verify/verifyCertificate';
import type { GenerateResult } from '../../src/vscode/generate/generateCommands';
import { API_PATHS, makeMtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { GOOD_CONFIG } from './prepareWorkspace';
import { activateExtension, workspaceScratch, ScriptedPrompts, setEnvironments, workspaceRoot } from './testHelpers';

const API_KEY = 'secret-audit-key-Zq81vX4m';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Distinctive pieces of a PEM key: its label and a few lines of its base64 body. */
function keyNeedles(keyPem: string): string[] {
  const body = keyPem.split('\n').filter((line) => line && !line.startsWith('-----'));
  return [
    'PRIVATE KEY',
    ...[1, Math.floor(body.length / 2), body.length - 2].map((i) => body[i]).filter((line) => line && line.length > 20),
  ];
}

describe('Secrets stay secret', () => {
  let server: NodeMtlsServer;

  after(async () => {
    await server?.close();
    await setEnvironments(undefined);
  });

  it('runs every command that touches a key or the API key, then finds neither in settings, logs, state or workspace files', async () => {
    const api = await activateExtension();
    const pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    await setEnvironments([
      { name: 'audit', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    api.prompts.current = new ScriptedPrompts([]);

    // The API key: stored, used for a good call and for one the server echoes headers back to.
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'audit', API_KEY);
    const inWorkspace = path.join(workspaceRoot(), 'certs', 'audit-client.crt');
    const keyInWorkspace = path.join(workspaceRoot(), 'certs', 'audit-client.key');
    fs.copyFileSync(pki.client.certPath, inWorkspace);
    fs.copyFileSync(pki.client.keyPath, keyInWorkspace);
    try {
      await api.inventory.store.refresh();
      const call = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
        certificate: inWorkspace,
        key: keyInWorkspace,
        environment: 'audit',
      });
      assert.strictEqual(call.outcome, 'ok', `${call.outcome}: ${call.hint}`);
      await setEnvironments([
        { name: 'audit', baseUrl: server.url(''), testPath: API_PATHS.echoHeaders, caBundle: pki.ca.certPath },
      ]);
      const echo = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
        certificate: inWorkspace,
        key: keyInWorkspace,
        environment: 'audit',
      });
      assert.strictEqual(echo.outcome, 'ok');
      assert.ok(!JSON.stringify(echo).includes(API_KEY), 'the echoed key is redacted from the result');

      // Keys: generated, verified (read), and the client key used above.
      const dir = workspaceScratch();
      const config = path.join(dir, 'audit-openssl.cnf');
      fs.writeFileSync(config, GOOD_CONFIG);
      const generated = await vscode.commands.executeCommand<GenerateResult>(
        'mtlsRotation.generateKeyAndCsr',
        vscode.Uri.file(config),
      );
      const verified = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
        certificate: inWorkspace,
        key: keyInWorkspace,
        caBundle: pki.ca.certPath,
      });
      assert.ok(verified.checks.find((c) => c.name === 'key-match')?.ok);

      const needles = [
        API_KEY,
        ...keyNeedles(fs.readFileSync(generated.keyPath, 'utf8')),
        ...keyNeedles(fs.readFileSync(keyInWorkspace, 'utf8')),
      ];
      // Give the log channel a moment to reach its file.
      await new Promise((resolve) => setTimeout(resolve, 1500));

      const places: Array<{ where: string; text: string }> = [];
      const settingsFile = path.join(workspaceRoot(), '.vscode', 'settings.json');
      if (fs.existsSync(settingsFile))
        places.push({ where: settingsFile, text: fs.readFileSync(settingsFile, 'utf8') });
      places.push({
        where: 'mtlsRotation settings',
        text: JSON.stringify(vscode.workspace.getConfiguration('mtlsRotation')),
      });
      places.push({ where: 'workspace state', text: JSON.stringify(api.audit.workspaceState()) });
      for (const file of ['.vscode/mtls-rotation.json', 'certificate-register.json'].map((f) =>
        path.join(workspaceRoot(), f),
      )) {
        if (fs.existsSync(file)) places.push({ where: file, text: fs.readFileSync(file, 'utf8') });
      }
      // What went to the output channel (in the web workbench the channel's file lives in the browser, so the
      // extension's own record of it is read), and whatever the extension host's log directory holds on disk.
      const output = api.audit.logLines().join('\n');
      places.push({ where: 'output channel', text: output });
      for (const file of filesUnder(path.dirname(api.audit.logUri.fsPath)))
        places.push({ where: file, text: fs.readFileSync(file, 'utf8') });
      assert.match(
        output,
        /Test call audit with audit-client\.crt: ok 200/,
        'the log records the calls it must keep secret',
      );
      assert.match(output, /mode 0600/, 'and the key it generated');

      const leaks = places.flatMap(({ where, text }) =>
        needles.filter((needle) => text.includes(needle)).map((needle) => `${where}: ${needle.slice(0, 12)}…`),
      );
      assert.deepStrictEqual(leaks, []);
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'audit');
      fs.rmSync(inWorkspace, { force: true });
      fs.rmSync(keyInWorkspace, { force: true });
    }
  });
});
