// The form editor shows what the Problems panel shows for its file: the config's own findings and the comparison
// with the certificate the config renews (fixture: certs/program-a.crt), each on its row, with the panel's counts
// and the providers' quick fixes as buttons. What the page shows is read from its DOM (ConfigEditor.snapshot), and
// its buttons are clicked in the page (ConfigEditor.click). Also: the form's tab title, and the CodeLens counting
// a single warning.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConfigEditorSnapshot } from '../../src/core/opensslConfig/configEditorProtocol';
import type { ConfigEditor } from '../../src/vscode/opensslConfig/configEditor';
import { GOOD_CONFIG } from './prepareWorkspace';
import { activateExtension, until, untilAsync, workspaceRoot } from './testHelpers';

const VIEW_TYPE = 'mtlsRotation.configEditor';
const WITH_ADDED_SAN = GOOD_CONFIG.replace('IP.1 = 203.0.113.10\n', 'IP.1 = 203.0.113.10\nDNS.2 = extra.example.com\n');

/** What the Problems panel lists for the file (hints are not listed there). */
function panelProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
}

function panelCounts(uri: vscode.Uri): string {
  const all = panelProblems(uri);
  const parts: string[] = [];
  for (const [severity, one] of [
    [vscode.DiagnosticSeverity.Error, 'error'],
    [vscode.DiagnosticSeverity.Warning, 'warning'],
    [vscode.DiagnosticSeverity.Information, 'info'],
  ] as const) {
    const n = all.filter((d) => d.severity === severity).length;
    if (n > 0) parts.push(`${n} ${one}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

function everyLine(snapshot: ConfigEditorSnapshot): string[] {
  return [...Object.values(snapshot.rows).flat(), ...snapshot.general];
}

describe('Form editor: the Problems panel in the form', () => {
  let editor: ConfigEditor;
  let file: string;
  let uri: vscode.Uri;

  before(async () => {
    const api = await activateExtension();
    editor = api.configLanguage.configEditor;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file, { force: true });
  });

  function scratch(text: string): void {
    file = path.join(workspaceRoot(), 'configs', `form-problems-${Date.now()}-openssl.cnf`);
    fs.writeFileSync(file, text);
    uri = vscode.Uri.file(file);
  }

  /** Opens the form and waits for its page; VS Code in the browser sometimes never loads a webview (see configEditor.test.ts). */
  async function openPage(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
      try {
        await until('the page to be ready', () => editor.pageReady(uri), 20_000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
    }
  }

  /** Waits until the page shows the probe's condition, and returns what it shows. */
  async function pageShows(what: string, probe: (s: ConfigEditorSnapshot) => boolean): Promise<ConfigEditorSnapshot> {
    let last: ConfigEditorSnapshot | undefined;
    try {
      return await untilAsync(what, async () => {
        last = await editor.snapshot(uri);
        return last && probe(last) ? last : undefined;
      });
    } catch (error) {
      const panel = panelProblems(uri).map((d) => `${d.severity} ${d.source} ${String(d.code)} ${d.message}`);
      throw new Error(
        `${String(error)}; the page shows ${JSON.stringify(last)}; the panel has ${JSON.stringify(panel)}`,
        { cause: error },
      );
    }
  }

  it("lists the comparison's san-added warning on its row, and the panel's counts, for a config that renews a certificate", async function () {
    this.timeout(90_000);
    scratch(WITH_ADDED_SAN.replace('IP.1 = 203.0.113.10', 'IP.1 = 203.0.113.300'));
    await openPage();
    const added = await until('the comparison to warn about the added SAN', () =>
      panelProblems(uri).find((d) => d.source === 'mTLS renewal' && d.code === 'san-added'),
    );
    assert.strictEqual(added.severity, vscode.DiagnosticSeverity.Warning);
    await until('the config diagnostics too', () => panelProblems(uri).some((d) => d.source === 'openssl config'));
    const snapshot = await pageShows(
      'the page to show every problem of the panel',
      (s) => s.count === `(${panelProblems(uri).length})` && everyLine(s).length === panelProblems(uri).length,
    );
    // Each of the panel's problems, by its message, somewhere in the form; the added SAN on its own row.
    for (const d of panelProblems(uri)) {
      assert.ok(
        everyLine(snapshot).some((line) => line.includes(d.message)),
        `${d.message} in ${JSON.stringify(snapshot)}`,
      );
    }
    assert.ok(
      snapshot.rows['san:DNS.2']?.some((line) => line.includes(added.message)),
      JSON.stringify(snapshot.rows),
    );
    assert.ok(
      snapshot.rows['san:IP.1']?.some((line) => /Error/.test(line)),
      JSON.stringify(snapshot.rows),
    );
    const counts = panelCounts(uri);
    assert.match(counts, /^\d+ errors?, \d+ warnings?$/, 'the bad IP (error) and the added SAN (warning) at least');
    assert.ok(snapshot.summary.endsWith(`: ${counts}.`) || snapshot.summary.endsWith(`; ${counts}.`), snapshot.summary);
    assert.doesNotMatch(snapshot.summary, /No problems/);
  });

  it('shows the quick fixes as buttons; a click applies the edit to the text document, undoably', async function () {
    this.timeout(90_000);
    const missing = GOOD_CONFIG.replace('IP.1 = 203.0.113.10\n', '');
    scratch(missing);
    await openPage();
    await until('the san-removed diagnostic', () =>
      panelProblems(uri).some((d) => d.source === 'mTLS renewal' && d.code === 'san-removed'),
    );
    const snapshot = await pageShows('the fix button', (s) =>
      s.fixes.some((f) => f.text.startsWith('Add IP:203.0.113.10')),
    );
    const fix = snapshot.fixes.find((f) => f.text.startsWith('Add IP:203.0.113.10'));
    assert.ok(fix);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document);
    assert.ok(editor.click(uri, fix.key));
    await until('the fix to reach the document', () => /^IP\.\d+ = 203\.0\.113\.10$/m.test(document.getText()));
    assert.strictEqual(document.isDirty, true);
    await pageShows('the problem to leave the form', (s) => !s.fixes.some((f) => f.text.startsWith('Add IP:')));
    await vscode.commands.executeCommand('undo');
    await until('undo to restore the text', () => document.getText() === missing);
  });

  it('has a tab title of its own, distinct from the text editor', async function () {
    this.timeout(60_000);
    scratch(GOOD_CONFIG);
    await openPage();
    const name = path.basename(file);
    const [panel] = editor.panelsFor(uri);
    assert.strictEqual(panel?.title, `${name} (Form)`);
    const [major, minor] = vscode.version.split('.').map(Number);
    // Before 1.106 VS Code names a custom editor's tab after its file whatever the panel's title
    // (microsoft/vscode#105299); from 1.106 on the tab shows the panel's title.
    if (major > 1 || minor >= 106) {
      await until(
        'the tab to show the title',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === `${name} (Form)`,
      );
    }
  });

  it('CodeLens counts a single warning: Compared with <CN>: 1 warning', async function () {
    this.timeout(60_000);
    scratch(WITH_ADDED_SAN);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await until('the comparison', () => panelProblems(uri).some((d) => d.code === 'san-added'));
    assert.strictEqual(
      panelProblems(uri).filter((d) => d.source === 'mTLS renewal').length,
      1,
      'one comparison finding: the added SAN',
    );
    const title = await untilAsync('the CodeLens with the comparison', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses.map((l) => l.command?.title ?? '').find((t) => t.includes('program-a.example.com'));
    });
    assert.match(title, /^\$\(git-compare\) Compared with program-a\.example\.com \(program-a\.crt\): 1 warning$/);
  });
});
