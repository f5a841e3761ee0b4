// Issue 10, "nothing secret on screen", in a real extension host: a config in the workspace reads an environment
// variable the host inherited (MTLS_ITEST_SECRET, set by test/host/runTarget.ts for the server) through
// variables, and includes files outside the workspace, one of them like ~/.aws/credentials. Diagnostics, hover,
// completion, the form editor, the comparison report, the generation details and the log name where such values
// come from and never show them; the CSR that generate writes carries them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GenerateResult } from '../../src/vscode/generate/generateCommands';
import type { MtlsRotationApi } from '../../src/extension';
import { openssl, tempDir } from '../support/openssl';
import { activateExtension, until, untilAsync, workspaceRoot, workspaceScratch } from './testHelpers';

const SECRET_ENV = 'MTLS_ITEST_SECRET';
/** Set by the harness for the server, so the host inherits it; set here too when another runner starts the host. */
const SECRET = process.env[SECRET_ENV] ?? (process.env[SECRET_ENV] = 's3cr3t-itest-7qxzp2');
/** The first line of the credentials-like file: not config syntax. */
const FILE_SECRET = 'AKIAIOSFODNN7EXAMPLE-f1l3s3cr3t';
const ENV_PLACEHOLDER = `‹from the environment: ENV::${SECRET_ENV}›`;

function assertHidden(what: string, value: unknown): void {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  for (const fragment of [SECRET, FILE_SECRET, 'AKIAIOSFODNN7EXAMPLE', 'f1l3s3cr3t']) {
    assert.ok(!text.includes(fragment), `${what} shows "${fragment}":\n${text}`);
  }
}

function diagnosticsText(uri: vscode.Uri): string {
  return JSON.stringify(
    vscode.languages.getDiagnostics(uri).map((d) => ({
      message: d.message,
      code: d.code,
      source: d.source,
      related: d.relatedInformation?.map((r) => [r.message, r.location.uri.toString()]),
    })),
  );
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

describe('Nothing secret on screen', function () {
  this.timeout(60_000);
  let api: MtlsRotationApi;
  let outside: string;
  let file: string;
  let uri: vscode.Uri;
  let credentials: string;
  let fields: string;

  before(async () => {
    api = await activateExtension();
    assert.ok(SECRET.length >= 8);
    // Outside the workspace, as ~/.aws/credentials would be.
    outside = tempDir('mtls-itest-outside-');
    credentials = path.join(outside, 'credentials');
    fields = path.join(outside, 'fields.cnf');
    fs.writeFileSync(credentials, `${FILE_SECRET}\n[default]\naws_secret_access_key = ${FILE_SECRET}\n`);
    fs.writeFileSync(fields, `[ dn ]\nOU = ${FILE_SECRET}\n[ ${FILE_SECRET}_section ]\nz = 1\n`);
    file = path.join(workspaceRoot(), 'configs', 'program-a-secret-openssl.cnf');
    fs.writeFileSync(
      file,
      [
        `x = $ENV::${SECRET_ENV}`,
        'y = $x',
        'z = pre-${y}-post',
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        'attributes = $y',
        `.include ${credentials}`,
        `.include ${fields}`,
        '[ dn ]',
        'O = Axys Test',
        'CN = program-a.example.com',
        'L = $z',
        '[ ext ]',
        'basicConstraints = CA:$y',
        'subjectAltName = @alt',
        '[ alt ]',
        'DNS.1 = program-a.example.com',
        'IP.1 = 203.0.113.10',
        'DNS.2 = ${y}.example.com',
        '',
      ].join('\n'),
    );
    uri = vscode.Uri.file(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file, { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("diagnostics name the origin of a value and the included file's line, never their text", async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const found = await until('the config and comparison diagnostics', () => {
      const all = vscode.languages.getDiagnostics(uri);
      const codes = new Set(all.map((d) => String(d.code)));
      return ['missing-equal-sign', 'extension-value-invalid', 'subject-mismatch', 'san-added'].every((c) =>
        codes.has(c),
      )
        ? all
        : undefined;
    });
    assertHidden('diagnostics', diagnosticsText(uri));
    const parse = found.find((d) => d.code === 'missing-equal-sign');
    assert.strictEqual(parse?.message, `line 1 of ${credentials}: no '=' on the line (OpenSSL expects name = value)`);
    assert.strictEqual(parse?.range.start.line, 8, 'on the .include line');
    assert.ok(found.some((d) => d.code === 'extension-value-invalid' && d.message.includes(ENV_PLACEHOLDER)));
    // The comparison with program-a.crt: the OU from the included file, the L and a SAN from the environment.
    const renewal = found.filter((d) => d.source === 'mTLS renewal');
    assert.ok(
      renewal.some((d) => d.code === 'subject-mismatch' && d.message.includes(`‹from ${fields}›`)),
      diagnosticsText(uri),
    );
    assert.ok(renewal.some((d) => d.code === 'subject-mismatch' && d.message.includes(`pre-${ENV_PLACEHOLDER}-post`)));
    assert.ok(renewal.some((d) => d.code === 'san-added' && d.message.includes(`DNS:${ENV_PLACEHOLDER}.example.com`)));
    // Quick fixes neither show nor write a hidden value (no "Create section [ <secret> ]" for attributes = $y).
    assert.ok(found.some((d) => d.code === 'attributes-section-missing' && d.message.includes(ENV_PLACEHOLDER)));
    for (const diagnostic of found) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      assertHidden(
        `quick fixes for ${String(diagnostic.code)}`,
        actions.map((a) => ({
          title: a.title,
          edits: a.edit?.entries().flatMap(([, edits]) => edits.map((e) => e.newText)),
        })),
      );
    }
  });

  it('hover shows where a value comes from, at every position of the file', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    let seen = '';
    for (let line = 0; line < document.lineCount; line++) {
      const text = document.lineAt(line).text;
      for (let character = 0; character <= text.length; character += 2) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          new vscode.Position(line, character),
        );
        seen += `${hoverText(hovers)}\n`;
      }
    }
    assertHidden('hover', seen);
    const onZ = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(13, 5),
    );
    assert.match(hoverText(onZ), new RegExp(`\`z\` = \`pre-${ENV_PLACEHOLDER}-post\``));
    const onEnv = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(0, 8),
    );
    assert.match(hoverText(onEnv), /set in the environment \(its value is not shown\)/);
  });

  it('completion offers no values and no section an included file names', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const probes: Array<[string, vscode.Position]> = [];
    // A fresh line in [ alt ], an `@` after subjectAltName, a section pointer's value, and a line in [ dn ].
    await editor.edit((e) =>
      e.insert(new vscode.Position(document.lineCount, 0), 'DNS.3 = \nsubjectAltName = @\ndistinguished_name = \n'),
    );
    const last = document.lineCount - 1;
    probes.push(
      ['SAN value', new vscode.Position(last - 3, 8)],
      ['@section', new vscode.Position(last - 2, 18)],
      ['section pointer', new vscode.Position(last - 1, 21)],
      ['new line in [ dn ]', new vscode.Position(13, 0)],
    );
    for (const [what, position] of probes) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        position,
      );
      assertHidden(
        `completion (${what})`,
        list.items.map((item) => ({
          label: item.label,
          detail: item.detail,
          insertText: typeof item.insertText === 'string' ? item.insertText : item.insertText?.value,
          documentation: typeof item.documentation === 'string' ? item.documentation : item.documentation?.value,
        })),
      );
      if (what === '@section') {
        const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
        assert.ok(labels.includes('alt') && labels.includes('dn'), labels.join(', '));
      }
    }
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the form editor shows values from elsewhere by origin, read-only', async () => {
    await vscode.commands.executeCommand('vscode.openWith', uri, 'mtlsRotation.configEditor');
    const form = await until('the form to be drawn', () => api.configLanguage.configEditor.formFor(uri));
    assertHidden('form', form);
    const locality = form.fields.find((f) => f.type === 'L');
    assert.strictEqual(locality?.value, `pre-${ENV_PLACEHOLDER}-post`);
    assert.ok(locality?.readOnly);
    const unit = form.fields.find((f) => f.type === 'OU');
    assert.strictEqual(unit?.value, `‹from ${fields}›`);
    assert.ok(unit?.readOnly);
    assert.deepStrictEqual(
      form.san.rows.map((r) => r.value),
      ['program-a.example.com', '203.0.113.10', `${ENV_PLACEHOLDER}.example.com`],
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("the comparison report shows the request's values by origin", async () => {
    await vscode.commands.executeCommand('mtlsRotation.showComparison', uri);
    const report = await untilAsync('the comparison report', async () => {
      const document = await vscode.workspace.openTextDocument(
        vscode.Uri.from({ scheme: 'mtls-rotation-report', path: `/compare-${path.basename(file)}.md` }),
      );
      return document.getText().includes('## Findings') ? document.getText() : undefined;
    });
    assertHidden('comparison report', report);
    assert.ok(report.includes(`| L | — | pre-${ENV_PLACEHOLDER}-post | ✗ |`), report);
    assert.ok(report.includes(`| OU | Program A | ‹from ${fields}› | ✗ |`), report);
  });

  it('generate refuses the config naming hidden values by origin, and puts the real values into the CSR of a good one', async () => {
    const refused = await vscode.commands.executeCommand<GenerateResult | undefined>(
      'mtlsRotation.generateKeyAndCsr',
      uri,
    );
    assert.strictEqual(refused, undefined, 'the credentials line makes openssl refuse the config');

    // Inside the workspace: keys are written nowhere else.
    const dir = workspaceScratch('secret-gen-');
    try {
      const good = path.join(dir, 'secret-gen-openssl.cnf');
      fs.writeFileSync(
        good,
        fs
          .readFileSync(file, 'utf8')
          .replace(`.include ${credentials}\n`, '')
          .replace('attributes = $y\n', '')
          .replace('basicConstraints = CA:$y', 'basicConstraints = CA:FALSE'),
      );
      const result = await vscode.commands.executeCommand<GenerateResult>(
        'mtlsRotation.generateKeyAndCsr',
        vscode.Uri.file(good),
      );
      assert.ok(result, 'generated');
      const subject = openssl(['req', '-in', result.csrPath, '-noout', '-subject', '-nameopt', 'RFC2253']);
      assert.ok(subject.includes(`L=pre-${SECRET}-post`) && subject.includes(`OU=${FILE_SECRET}`), subject);
      assert.ok(openssl(['req', '-in', result.csrPath, '-noout', '-text']).includes(`DNS:${SECRET}.example.com`));
      const details = await vscode.workspace.openTextDocument(
        vscode.Uri.from({ scheme: 'mtls-rotation-report', path: '/generate-secret-gen.md' }),
      );
      assertHidden('generation details', details.getText());
      assert.ok(details.getText().includes(`L = pre-${ENV_PLACEHOLDER}-post`), details.getText());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const log = api.audit.logLines().join('\n');
    assertHidden("the extension's log", log);
    // The refusal as the user was shown it: its first error is attributes = $y, named by origin.
    assert.ok(
      log.includes('openssl req would refuse the config') && log.includes(`attributes names [${ENV_PLACEHOLDER}]`),
      log,
    );
  });
});
