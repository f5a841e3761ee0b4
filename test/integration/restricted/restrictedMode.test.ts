// In a workspace the user has not trusted, the extension reads and shows, and refuses everything that writes,
// deletes or sends a secret, saying why.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { emptyRotationFile, serializeRotationFile, startRotation } from '../../../src/core/rotation/rotationRecord';
import { API_PATHS, makeMtlsPki, NodeMtlsServer, startNodeMtlsServer } from '../../support/mtlsServers';
import { FIXTURE } from '../prepareWorkspace';
import { activateExtension, ScriptedPrompts, setEnvironments, until, workspaceRoot } from '../testHelpers';

/** Every file of the workspace with its contents, to show that nothing was written or deleted. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      files.set(
        path.join(entry.parentPath, entry.name),
        fs.readFileSync(path.join(entry.parentPath, entry.name), 'base64'),
      );
  }
  return files;
}

describe('Restricted Mode', () => {
  let server: NodeMtlsServer | undefined;

  after(async () => {
    await server?.close();
    await setEnvironments(undefined);
  });

  it('opens the workspace untrusted, and the extension activates', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const api = await activateExtension();
    assert.ok(api.inventory);
  });

  it('reads: the inventory, its badge and the config language work', async () => {
    const api = await activateExtension();
    const due = path.join(workspaceRoot(), FIXTURE.dueSoon);
    await until('the due certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === due),
    );
    const broken = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), FIXTURE.brokenConfig));
    await until('diagnostics on the broken config', () => vscode.languages.getDiagnostics(broken.uri).length > 0);
  });

  it('shows a committed rotation and searches its references read-only, writing nothing', async () => {
    const api = await activateExtension();
    const certificate = path.join(workspaceRoot(), FIXTURE.dueSoon);
    const node = await until('the due certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === certificate),
    );
    assert.ok(node.type === 'certificate');
    // A record as a team commits it, with a service file still naming the old certificate.
    const { file, rotation } = startRotation(emptyRotationFile(), node.certificate, undefined, new Date(), {
      workspaceRoot: workspaceRoot(),
    });
    const record = path.join(workspaceRoot(), '.vscode', 'mtls-rotation.json');
    fs.writeFileSync(record, serializeRotationFile(file));
    fs.writeFileSync(path.join(workspaceRoot(), 'service.yaml'), `certificate: ${FIXTURE.dueSoon}\n`);
    try {
      await until('the rotation in the Rotations view', () => api.rotations.view.checklist(rotation.id));
      const before = snapshot(workspaceRoot());
      const matches = await vscode.commands.executeCommand<unknown[]>('mtlsRotation.findOldReferences', {
        rotationId: rotation.id,
      });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.ok(Array.isArray(matches) && matches.length >= 1, JSON.stringify(matches));
      await api.rotations.view.whenIdle();
      assert.deepStrictEqual(snapshot(workspaceRoot()), before, 'the record is not rewritten');
    } finally {
      fs.rmSync(record, { force: true });
      fs.rmSync(path.join(workspaceRoot(), 'service.yaml'), { force: true });
    }
  });

  it('refuses generation, new configs, test calls, rotations, retirement and register writes, writing nothing', async () => {
    const api = await activateExtension();
    const prompts = new ScriptedPrompts([true, true, true]);
    api.prompts.current = prompts;
    const pki = makeMtlsPki();
    server = await startNodeMtlsServer(pki, { apiKey: 'restricted-key' });
    await setEnvironments([
      { name: 'local', baseUrl: server.url(''), testPath: API_PATHS.cardholders, caBundle: pki.ca.certPath },
    ]);
    const certificate = path.join(workspaceRoot(), FIXTURE.dueSoon);
    const node = await until('the due certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === certificate),
    );
    const before = snapshot(workspaceRoot());

    const refused: Array<[string, unknown[]]> = [
      ['mtlsRotation.generateKeyAndCsr', [vscode.Uri.file(path.join(workspaceRoot(), FIXTURE.goodConfig))]],
      ['mtlsRotation.newConfigFromCertificate', [node]],
      [
        'mtlsRotation.runTestCall',
        [{ certificate, key: path.join(workspaceRoot(), 'certs', 'program-a.key'), environment: 'local' }],
      ],
      ['mtlsRotation.startRotation', [node]],
      ['mtlsRotation.tickChecklistItem', ['any', 'reminder-received', true]],
      ['mtlsRotation.retireOldKey', [{ rotationId: 'any' }, { override: true }]],
      ['mtlsRotation.updateRegister', [{ rotationId: 'any' }]],
    ];
    for (const [command, args] of refused) {
      const result = await vscode.commands.executeCommand(command, ...args);
      assert.strictEqual(result, undefined, command);
    }
    const reasons = api.audit.logLines().filter((line) => line.includes('off in Restricted Mode'));
    assert.strictEqual(reasons.length, refused.length, reasons.join('\n'));
    assert.ok(
      reasons.some((line) => line.includes('Test calls send your API key and a client certificate')),
      reasons.join('\n'),
    );
    assert.deepStrictEqual(server.requests, [], 'no test call left this machine');
    assert.strictEqual(server.handshakes, 0);
    assert.deepStrictEqual(prompts.asked, [], 'nothing was even asked');
    assert.deepStrictEqual(snapshot(workspaceRoot()), before, 'no file written or deleted');
  });
});
