import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestCallResult } from '../../src/core/testCall/testCallResult';
import type { InventoryNode } from '../../src/vscode/inventory/inventoryTree';
import { API_PATHS, makeMtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../support/mtlsServers';
import { activateExtension, ScriptedPrompts, setEnvironments, until, workspaceRoot } from './testHelpers';

const API_KEY = 'history-api-key-41d2';
const ENVIRONMENT = 'history-local';

describe('Test-call history in the Certificates view', () => {
  let server: NodeMtlsServer;
  let certificatePath: string;
  let keyPath: string;

  before(async () => {
    const pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    certificatePath = path.join(workspaceRoot(), 'certs', 'history-client.crt');
    keyPath = path.join(workspaceRoot(), 'certs', 'history-client.key');
    fs.copyFileSync(pki.client.certPath, certificatePath);
    fs.copyFileSync(pki.client.keyPath, keyPath);
    await setEnvironments([
      { name: ENVIRONMENT, baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    (await activateExtension()).prompts.current = new ScriptedPrompts([]);
  });

  after(async () => {
    await server?.close();
    fs.rmSync(certificatePath, { force: true });
    fs.rmSync(keyPath, { force: true });
    await vscode.commands.executeCommand('mtlsRotation.clearApiKey', ENVIRONMENT);
    await setEnvironments(undefined);
  });

  it('lists each recent test call under its certificate, newest first, each opening its report', async () => {
    const api = await activateExtension();
    const tree = api.inventory.tree;
    const certificateNode = (): InventoryNode | undefined =>
      tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === certificatePath);
    const node = await until('the client certificate in the tree', certificateNode);
    assert.ok(node.type === 'certificate');
    assert.deepStrictEqual(
      tree.getChildren(node).filter((n) => n.type === 'test-call'),
      [],
      'no test call yet',
    );

    await vscode.commands.executeCommand('mtlsRotation.setApiKey', ENVIRONMENT, API_KEY);
    const ok = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: certificatePath,
      key: keyPath,
      environment: ENVIRONMENT,
    });
    assert.strictEqual(ok.outcome, 'ok', JSON.stringify(ok));
    await vscode.commands.executeCommand('mtlsRotation.setApiKey', ENVIRONMENT, 'not-the-key');
    const refused = await vscode.commands.executeCommand<TestCallResult>('mtlsRotation.runTestCall', {
      certificate: certificatePath,
      key: keyPath,
      environment: ENVIRONMENT,
    });
    assert.strictEqual(refused.outcome, 'unauthorized');

    const history = api.testCalls.history(node.certificate.fingerprintSha256);
    assert.strictEqual(history.length, 2);
    const parent = certificateNode();
    assert.ok(parent);
    assert.notStrictEqual(tree.getTreeItem(parent).collapsibleState, vscode.TreeItemCollapsibleState.None);
    const calls = tree.getChildren(parent).filter((n) => n.type === 'test-call');
    const items = calls.map((n) => tree.getTreeItem(n));
    assert.deepStrictEqual(
      items.map((item) => item.label),
      ['Test call: unauthorized 401', 'Test call: ok 200'],
    );
    for (const item of items)
      assert.match(
        String(item.description),
        /^history-local · \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d \((now|\d+ (second|minute)s? ago)\)$/,
      );
    assert.deepStrictEqual(
      items.map((item) => [item.command?.command, item.command?.arguments]),
      [...history]
        .reverse()
        .map((record) => [
          'mtlsRotation.showTestCallReport',
          [{ fingerprint: node.certificate.fingerprintSha256, at: record.at }],
        ]),
    );
    assert.strictEqual(tree.getParent(calls[0]), parent, 'reveal finds the certificate above a test call');
  });
});
