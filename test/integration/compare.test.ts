import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VerifyResult } from '../../src/core/verify/verifyCertificate';
import { daysFromNow, makeCa, makeCsr, makeKey, makeLeaf, tempDir } from '../support/openssl';
import { GOOD_CONFIG } from './prepareWorkspace';
import { activateExtension, until, workspaceRoot } from './testHelpers';

function renewalDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mTLS renewal');
}

describe('Renewal comparison and verification', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('flags a CSR whose OU differs from the certificate it renews', async () => {
    const api = await activateExtension();
    const scratch = tempDir();
    const key = makeKey(path.join(scratch, 'k.key'));
    const target = path.join(workspaceRoot(), 'certs', 'program-a-wrong-ou.csr');
    makeCsr(key, target, '/O=Axys Test/OU=Program X/CN=program-a.example.com', [
      'DNS:program-a.example.com',
      'IP:203.0.113.10',
    ]);
    try {
      const document = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(document);
      const mismatch = await until('the subject-mismatch diagnostic', () =>
        renewalDiagnostics(document.uri).find((d) => d.code === 'subject-mismatch'),
      );
      assert.strictEqual(mismatch.severity, vscode.DiagnosticSeverity.Error);
      assert.match(mismatch.message, /\bOU\b/);
      assert.match(mismatch.message, /Program A/);
      assert.match(mismatch.message, /Program X/);
      assert.strictEqual(mismatch.range.start.line, 0, "on the CSR's first line");
      assert.ok(
        mismatch.relatedInformation?.[0].location.uri.fsPath.endsWith('program-a.crt'),
        'points at the old certificate',
      );
      assert.ok(
        !renewalDiagnostics(document.uri).some((d) => d.code === 'key-reused'),
        'a new key is not a reused one',
      );
    } finally {
      fs.rmSync(target, { force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
      await until(
        'the CSR to leave the inventory',
        () => !api.inventory.store.snapshot().items.some((item) => item.path === target),
      );
    }
  });

  it('flags a config that drops a SAN, and the quick fix adds it back', async () => {
    const file = path.join(workspaceRoot(), 'configs', 'program-a-missing-san-openssl.cnf');
    fs.writeFileSync(file, GOOD_CONFIG.replace('IP.1 = 203.0.113.10\n', ''));
    try {
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const removed = await until('the san-removed diagnostic', () =>
        renewalDiagnostics(document.uri).find((d) => d.code === 'san-removed'),
      );
      assert.match(removed.message, /203\.0\.113\.10/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        removed.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const add = actions.find((a) => a.title.startsWith('Add IP:203.0.113.10'));
      assert.ok(add?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(add.edit));
      assert.match(document.getText(), /^IP\.\d+ = 203\.0\.113\.10$/m);
      await until('the comparison to find nothing more', () => renewalDiagnostics(document.uri).length === 0);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('verifies a good returned certificate, and fails the key check on a mismatched key', async () => {
    const dir = tempDir();
    const ca = makeCa(path.join(dir, 'ca'), 'Returned Root CA');
    const leaf = makeLeaf(ca, path.join(dir, 'leaf'), 'returned', {
      subject: '/O=Axys Test/OU=Program A/CN=program-a.example.com',
      sans: ['DNS:program-a.example.com', 'IP:203.0.113.10'],
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(89),
    });
    const good = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: leaf.certPath,
      key: leaf.keyPath,
      caBundle: ca.certPath,
      csr: leaf.csrPath,
    });
    assert.deepStrictEqual(
      good.checks.map((c) => `${c.name}:${c.ok}`),
      ['chain:true', 'validity:true', 'key-match:true', 'csr-match:true'],
    );
    assert.strictEqual(good.ok, true);

    const otherKey = makeKey(path.join(dir, 'other.key'));
    const bad = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: leaf.certPath,
      key: otherKey,
      caBundle: ca.certPath,
    });
    const keyCheck = bad.checks.find((c) => c.name === 'key-match');
    assert.strictEqual(keyCheck?.ok, false);
    assert.strictEqual(bad.ok, false);
    assert.ok(bad.checks.find((c) => c.name === 'chain')?.ok, 'the chain is still fine');
    const fileDiagnostics = vscode.languages
      .getDiagnostics(vscode.Uri.file(leaf.certPath))
      .filter((d) => d.source === 'mTLS verify');
    assert.deepStrictEqual(
      fileDiagnostics.map((d) => d.code),
      ['key-match'],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
