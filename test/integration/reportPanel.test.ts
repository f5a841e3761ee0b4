// The report panel in a real extension host: a real verification (certificates made by openssl) opens its report
// in a webview beside the editor; the page draws it from the report model and posts back the text it drew, which
// these tests read. Its buttons are clicked through the page (ReportDocuments.press), so the page's own handlers
// and messages run.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VerifyResult } from '../../src/core/verify/verifyCertificate';
import type { MtlsRotationApi } from '../../src/extension';
import { daysFromNow, makeCa, makeKey, makeLeaf, tempDir } from '../support/openssl';
import { activateExtension, until, untilAsync } from './testHelpers';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('mtlsRotation.report'));
}

describe('Report panel', () => {
  let api: MtlsRotationApi;
  let dir: string;

  before(async () => {
    api = await activateExtension();
    dir = tempDir();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a verification with a warning as "Passed with 1 warning", updates in place, and keeps the Markdown', async () => {
    const ca = makeCa(path.join(dir, 'ca'), 'Report Root CA');
    // 30 days, where the provider issues 90: the validity check passes with a note, a warning.
    const leaf = makeLeaf(ca, path.join(dir, 'leaf'), 'report', {
      subject: '/O=Axys Test/CN=report.example.com',
      sans: ['DNS:report.example.com'],
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(29),
    });
    const name = `verify-${path.basename(leaf.certPath)}.md`;
    const good = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: leaf.certPath,
      key: leaf.keyPath,
      caBundle: ca.certPath,
      csr: leaf.csrPath,
    });
    assert.strictEqual(good.ok, true);
    assert.strictEqual(good.checks.find((c) => c.name === 'validity')?.severity, 'warning');

    assert.deepStrictEqual(api.reports.report(name)?.headline, { text: 'Passed with 1 warning', severity: 'warning' });
    const drawn = await until('the panel to draw the report', () => api.reports.rendered(name));
    assert.ok(drawn.includes('Passed with 1 warning'), drawn);
    assert.ok(!drawn.includes('All checks passed'), drawn);
    assert.ok(drawn.includes(`Verification of ${path.basename(leaf.certPath)}`), drawn);
    assert.ok(drawn.includes('openssl verify'), drawn);
    assert.ok(drawn.includes('Copy as Markdown') && drawn.includes('Open as Markdown'), drawn);
    // notAfter for people: the local date and how far off it is (29 days less the seconds since it was made).
    assert.match(drawn, /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d \(in 28 days\)/);
    assert.strictEqual(reportTabs().length, 1, 'one report panel');
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview);

    // Copy on a code block copies its command; the clipboard is the real one.
    await vscode.env.clipboard.writeText('');
    assert.ok(api.reports.press(name, 'Copy: The same with openssl'));
    const copied = await untilAsync('the command on the clipboard', async () => {
      const text = await vscode.env.clipboard.readText();
      return text.startsWith('openssl') ? text : undefined;
    });
    assert.ok(copied.includes(path.basename(leaf.certPath)), copied);

    // Copy as Markdown: today's text, with the counted headline.
    assert.ok(api.reports.press(name, 'Copy as Markdown'));
    const markdown = await untilAsync('the Markdown on the clipboard', async () => {
      const text = await vscode.env.clipboard.readText();
      return text.startsWith('# Verification of') ? text : undefined;
    });
    assert.ok(markdown.includes('**Passed with 1 warning.**'), markdown);
    assert.ok(markdown.includes('## ⚠ Validity period (`validity`)'), markdown);
    assert.ok(markdown.includes('```sh\nopenssl'), markdown);

    // Re-running with a key that does not match updates the same panel.
    const otherKey = makeKey(path.join(dir, 'other.key'));
    const bad = await vscode.commands.executeCommand<VerifyResult>('mtlsRotation.verifyCertificate', {
      certificate: leaf.certPath,
      key: otherKey,
      caBundle: ca.certPath,
    });
    assert.strictEqual(bad.ok, false);
    const redrawn = await until('the panel to draw the new report', () => {
      const text = api.reports.rendered(name);
      return text?.includes('1 check failed, 1 warning') ? text : undefined;
    });
    assert.ok(!redrawn.includes('Passed with'), redrawn);
    assert.strictEqual(reportTabs().length, 1, 'still one report panel');

    // Open as Markdown: the read-only document, in Markdown, with the new text.
    assert.ok(api.reports.press(name, 'Open as Markdown'));
    const editor = await until('the Markdown document', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'mtls-rotation-report' ? active : undefined;
    });
    assert.strictEqual(editor.document.languageId, 'markdown');
    assert.ok(editor.document.getText().includes('**1 check failed, 1 warning.**'), editor.document.getText());
  });
});
