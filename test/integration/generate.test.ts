import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GenerateResult } from '../../src/vscode/generate/generateCommands';
import { openssl } from '../support/openssl';
import { FIXTURE, GOOD_CONFIG } from './prepareWorkspace';
import { activateExtension, workspaceScratch, workspaceRoot } from './testHelpers';

describe('Key and CSR generation', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("writes a request config that carries the old certificate's subject and SANs", async () => {
    const api = await activateExtension();
    const certificatePath = path.join(workspaceRoot(), FIXTURE.dueSoon);
    const node = api.inventory.tree
      .getChildren()
      .find((n) => n.type === 'certificate' && n.certificate.path === certificatePath);
    assert.ok(node);
    const written = await vscode.commands.executeCommand<string>('mtlsRotation.newConfigFromCertificate', node);
    try {
      assert.strictEqual(written, path.join(workspaceRoot(), 'certs', 'program-a-openssl.cnf'));
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, written);
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'opensslconf');
      // openssl itself reads the new config back.
      const key = path.join(workspaceRoot(), 'certs', 'program-a.key');
      const csrSubject = openssl([
        'req',
        '-new',
        '-config',
        written,
        '-key',
        key,
        '-batch',
        '-noout',
        '-subject',
        '-nameopt',
        'RFC2253',
      ]);
      const certSubject = openssl(['x509', '-in', certificatePath, '-noout', '-subject', '-nameopt', 'RFC2253']);
      assert.strictEqual(csrSubject.trim(), certSubject.trim());
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(written, { force: true });
    }
  });

  it('generates a fresh 0600 RSA-2048 key and a CSR that openssl verifies', async () => {
    const dir = workspaceScratch();
    const config = path.join(dir, 'program-a-openssl.cnf');
    fs.writeFileSync(config, GOOD_CONFIG);
    const result = await vscode.commands.executeCommand<GenerateResult>(
      'mtlsRotation.generateKeyAndCsr',
      vscode.Uri.file(config),
    );
    assert.ok(result, 'the command returns what it wrote');
    assert.strictEqual(result.keyPath, path.join(dir, 'program-a-new.key'));
    assert.strictEqual(result.csrPath, path.join(dir, 'program-a-new.csr'));
    assert.strictEqual(fs.statSync(result.keyPath).mode & 0o777, 0o600);
    assert.match(openssl(['rsa', '-in', result.keyPath, '-check', '-noout']), /RSA key ok/);
    assert.match(openssl(['rsa', '-in', result.keyPath, '-noout', '-text']), /Private-Key: \(2048 bit/);
    const verify = openssl(['req', '-in', result.csrPath, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253']);
    assert.match(verify, /CN=program-a\.example\.com,OU=Program A,O=Axys Test/);
    const text = openssl(['req', '-in', result.csrPath, '-noout', '-text']);
    assert.match(text, /DNS:program-a\.example\.com, IP Address:203\.0\.113\.10/);
    // The CSR's key is the new key, and not the certificate's old one.
    const csrKey = openssl(['req', '-in', result.csrPath, '-noout', '-pubkey']);
    assert.strictEqual(csrKey, openssl(['pkey', '-in', result.keyPath, '-pubout']));
    const oldKey = openssl(['pkey', '-in', path.join(workspaceRoot(), 'certs', 'program-a.key'), '-pubout']);
    assert.notStrictEqual(csrKey, oldKey);
    fs.rmSync(dir, { recursive: true, force: true });
    // The scratch folder was in the workspace: the inventory forgets it before the next test counts orphans.
    await (await activateExtension()).inventory.store.refresh();
  });
});
