import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FIXTURE, GOOD_CONFIG } from './prepareWorkspace';
import { tempDir } from '../support/openssl';
import { activateExtension, until, workspaceRoot } from './testHelpers';

function configDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'openssl config');
}

async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('OpenSSL config language', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('recognises request configs as the OpenSSL config language', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), FIXTURE.goodConfig));
    assert.strictEqual(document.languageId, 'opensslconf');
  });

  it('shows diagnostics on a broken config, applies the quick fix, and clears them once fixed', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), FIXTURE.brokenConfig));
    await vscode.window.showTextDocument(document);
    const found = await until('diagnostics on the broken config', () => {
      const diagnostics = configDiagnostics(document.uri);
      return diagnostics.length >= 2 ? diagnostics : undefined;
    });
    const missing = found.find((d) => d.code === 'distinguished-name-section-missing');
    assert.ok(missing, JSON.stringify(found.map((d) => d.code)));
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(missing.range.start.line, 2, 'on the distinguished_name line');
    const badIp = found.find((d) => d.code === 'san-bad-ip');
    assert.ok(badIp);
    assert.strictEqual(badIp.range.start.line, 6);
    assert.strictEqual(document.getText(badIp.range), '203.0.113.300');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const create = actions.find((a) => a.title === 'Create section [ subject ]');
    assert.ok(create?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    assert.match(document.getText(), /\n\[ subject \]\nO = \nOU = \nCN = \n$/);
    await until(
      'the missing-section error to clear',
      () => !configDiagnostics(document.uri).some((d) => d.code === 'distinguished-name-section-missing'),
    );

    await replaceAll(document, GOOD_CONFIG);
    await until('every diagnostic to clear on the fixed config', () => configDiagnostics(document.uri).length === 0);
  });

  it('replaces a misspelt field name with the closest known one', async () => {
    const file = path.join(workspaceRoot(), 'configs', 'misspelt-openssl.cnf');
    fs.writeFileSync(
      file,
      '[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\nOrganisationName = Axys\nOU = A\nCN = x\n',
    );
    try {
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const unknown = await until('the unknown-field diagnostic', () =>
        configDiagnostics(document.uri).find((d) => d.code === 'unknown-dn-field'),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        unknown.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const replace = actions.find((a) => a.title === "Replace with 'organizationName'");
      assert.ok(replace?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(replace.edit));
      assert.strictEqual(document.lineAt(4).text, 'organizationName = Axys');
      await until('the diagnostic to clear', () => configDiagnostics(document.uri).length === 0);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('completes SAN types in an alt_names section and DN fields in the subject section', async () => {
    const file = path.join(tempDir(), 'completion-openssl.cnf');
    fs.writeFileSync(file, GOOD_CONFIG + 'DN');
    const document = await vscode.workspace.openTextDocument(file);
    const end = document.lineAt(document.lineCount - 1).range.end;
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      end,
    );
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const type of ['DNS', 'IP', 'email', 'URI'])
      assert.ok(labels.includes(type), `${type} in ${labels.join(',')}`);

    const dnLine = GOOD_CONFIG.split('\n').indexOf('CN = program-a.example.com');
    const inDn = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(dnLine, 0),
    );
    const dnLabels = inDn.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(dnLabels.includes('OU') && dnLabels.includes('CN') && !dnLabels.includes('DNS'), dnLabels.join(','));
  });

  it('explains a field on hover and goes to a referenced section', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), FIXTURE.goodConfig));
    const lines = document.getText().split('\n');
    const ouLine = lines.indexOf('OU = Program A');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(ouLine, 0),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(text, /organizationalUnitName/);

    const sanLine = lines.indexOf('subjectAltName = @alt_names');
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      new vscode.Position(sanLine, 'subjectAltName = @a'.length),
    );
    assert.strictEqual(definitions[0]?.range.start.line, lines.indexOf('[ alt_names ]'));
  });
});
