import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import { API_PATHS, makeMtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { activateExtension, ScriptedPrompts, setEnvironments, until, workspaceRoot } from './testHelpers';

const API_KEY = 'itest-api-key-7f3c9a';

describe('Test call', () => {
  let server: NodeMtlsServer;
  let certificatePath: string;
  let keyPath: string;

  before(async () => {
    const pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    certificatePath = path.join(workspaceRoot(), 'certs', 'itest-client.crt');
    keyPath = path.join(workspaceRoot(), 'certs', 'itest-client.key');
    fs.copyFileSync(pki.client.certPath, certificatePath);
    fs.copyFileSync(pki.client.keyPath, keyPath);
    await setEnvironments([
      { name: 'local', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    (await activateExtension()).prompts.current = new ScriptedPrompts([]);
  });

  after(async () => {
    await server?.close();
    fs.rmSync(certificatePath, { force: true });
    fs.rmSync(keyPath, { force: true });
    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', 'local');
    await setEnvironments(undefined);
  });

  it('calls a local mTLS server with only the chosen certificate, gets ok, and records it in the history', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', API_KEY);
    const node = await until('the client certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === certificatePath),
    );
    assert.ok(node.type === 'certificate');

    const result = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', node);
    assert.strictEqual(result.outcome, 'ok', JSON.stringify(result));
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.json?.status, 'success');
    assert.strictEqual(result.tls?.clientCertificateRequested, true);
    assert.strictEqual(result.tls?.clientCertificateSent?.fingerprintSha256, node.certificate.fingerprintSha256);
    // The server saw our key and a verified client certificate; the key is nowhere in what we kept.
    assert.deepStrictEqual(
      server.requests.map((r) => [r.authorized, r.apiKey]),
      [[true, API_KEY]],
    );
    assert.ok(!JSON.stringify(result).includes(API_KEY));

    const last = api.testCalls.last(node.certificate.fingerprintSha256);
    assert.strictEqual(last?.outcome, 'ok');
    assert.strictEqual(last?.environment, 'local');
    assert.ok(!JSON.stringify(api.testCalls.history()).includes(API_KEY));
    const item = api.inventory.tree.getTreeItem(
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === certificatePath)!,
    );
    assert.match(String(item.description), /test call ok 200 \(local,/);
  });

  it('reports 401 when the stored API key is wrong', async () => {
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', 'local', 'not-the-key');
    const result = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: certificatePath,
      key: keyPath,
      environment: 'local',
    });
    assert.strictEqual(result.outcome, 'unauthorized');
    assert.match(result.hint, /API key/i);
  });
});
