// Proves the integration tests run in a real VS Code extension host, on Node, with the fixture workspace open.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mtls-rotation.mtls-rotation';

describe('extension host', () => {
  it('is a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+/);
    assert.ok(vscode.env.appName.length > 0, 'vscode.env.appName is empty');
  });

  it('opened the fixture workspace', () => {
    const fixture = process.env.MTLS_ROTATION_FIXTURE;
    assert.ok(fixture, 'MTLS_ROTATION_FIXTURE is not set in the extension host');
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
    assert.strictEqual(path.resolve(folders[0].uri.fsPath), path.resolve(fixture));
  });

  it('has the extension under development, and activates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} extensions`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('runs on Node: https and child_process work', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require('https') as typeof import('https');
    assert.strictEqual(typeof https.request, 'function');
    assert.strictEqual(typeof https.Agent, 'function');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFile } = require('child_process') as typeof import('child_process');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-e', 'process.stdout.write(String(6 * 7))'],
        { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    assert.strictEqual(out, '42');
  });
});
