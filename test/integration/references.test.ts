import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';
import type { ReplaceOutcome } from '../../src/vscode/references/referenceCommands';
import type { ReferenceNode } from '../../src/vscode/references/referencesView';
import type { NextStepOffer } from '../../src/vscode/rotation/nextStepOffers';
import { daysFromNow, makeCa, makeLeaf, tempDir } from '../support/openssl';
import { activateExtension, ScriptedPrompts, until, untilAsync, workspaceRoot } from './testHelpers';

const SUBJECT = '/O=Test/OU=Payments/CN=refs-demo.example';

/** Answers Replace's question with `answer` and records what it asked. */
class ReplaceAnswer extends ScriptedPrompts {
  readonly questions: Array<{ message: string; detail: string; labels: string[] }> = [];
  constructor(private readonly answer: string | undefined) {
    super([]);
  }
  override async choose(message: string, detail: string, labels: string[]): Promise<string | undefined> {
    this.questions.push({ message, detail, labels });
    return this.answer;
  }
}

/** The text as VS Code holds it (the editor's model, saved or not). */
async function documentText(file: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(vscode.Uri.file(file))).getText();
}

describe('References to the old pair', () => {
  let api: MtlsRotationApi;
  let dir: string;
  let files: Record<string, string>;
  let original: Record<string, string>;
  let rotationId: string;
  let fresh: string;

  before(async () => {
    api = await activateExtension();
    const ca = makeCa(path.join(tempDir('mtls-refs-ca-'), 'ca'), 'Refs CA');
    dir = path.join(workspaceRoot(), 'refs-demo');
    const old = makeLeaf(ca, path.join(dir, 'certs'), 'refs-old', {
      subject: SUBJECT,
      notBefore: daysFromNow(-300),
      notAfter: daysFromNow(40),
    });
    fs.rmSync(old.csrPath);
    // The renewed pair is made now, outside the workspace, and copied in when the test needs it to arrive.
    fresh = path.join(tempDir('mtls-refs-new-'), 'leaf');
    makeLeaf(ca, fresh, 'refs-new', { subject: SUBJECT, notBefore: daysFromNow(-0.01), notAfter: daysFromNow(400) });
    fs.chmodSync(old.keyPath, 0o600);
    files = {
      service: path.join(dir, 'service.yaml'),
      nginx: path.join(dir, 'deploy', 'nginx.conf'),
      script: path.join(dir, 'certs', 'call.sh'),
    };
    original = {
      service: 'client:\n  certificate: refs-demo/certs/refs-old.crt\n  key: ./refs-demo/certs/refs-old.key\n',
      nginx: `ssl_certificate ../certs/refs-old.crt;\nssl_certificate_key ${path.join(dir, 'certs', 'refs-old.key')};\n`,
      script:
        'curl --cert refs-old.crt --key refs-old.key https://api.example\n# on the server: /etc/ssl/refs-old.crt\n',
    };
    fs.mkdirSync(path.dirname(files.nginx), { recursive: true });
    for (const name of Object.keys(files)) fs.writeFileSync(files[name], original[name]);
    const oldCert = old.certPath;
    const node = await until('the old certificate in the tree', () =>
      api.inventory.tree.getChildren().find((n) => n.type === 'certificate' && n.certificate.path === oldCert),
    );
    const rotation = await vscode.commands.executeCommand<{ id: string }>('mtlsRotation.startRotation', node);
    rotationId = rotation.id;
  });

  after(async () => {
    api.prompts.current = new ScriptedPrompts([]);
    api.nextSteps.answerer = () => Promise.resolve(undefined);
    await vscode.commands.executeCommand('mtlsRotation.clearReferences');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Evidence still being written would put this rotation back into the record after it is removed.
    await api.rotations.store.whenEvidenceRecorded();
    await api.rotations.view.whenIdle();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of ['.vscode/mtls-rotation.json', 'certificate-register.json'])
      fs.rmSync(path.join(workspaceRoot(), file), { force: true });
    await api.inventory.store.refresh();
  });

  it('lists them by file, opens each, replaces them all in one undoable edit, and says so before the new certificate exists', async function () {
    // Five workspace searches and an edit over three files: well within the limit on an idle machine, not on a busy one.
    this.timeout(120_000);
    const started = Date.now();
    const phase = (name: string) =>
      console.log(`    references: ${name} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    phase('before the new certificate');
    // Before the signed certificate arrives: the list, and nothing to replace with.
    const early = await vscode.commands.executeCommand<unknown[]>('mtlsRotation.findOldReferences', { rotationId });
    assert.strictEqual(early.length, 7, JSON.stringify(early));
    assert.match(api.references.treeView.message ?? '', /new certificate is not in the workspace yet/);
    const declined = new ReplaceAnswer('Replace');
    api.prompts.current = declined;
    const nothing = await vscode.commands.executeCommand<ReplaceOutcome>('mtlsRotation.replaceOldReferences', {
      rotationId,
    });
    assert.strictEqual(nothing.applied, false);
    assert.deepStrictEqual(declined.questions, [], 'nothing is offered without the new certificate');
    assert.strictEqual(fs.readFileSync(files.service, 'utf8'), original.service);

    phase('new pair copied');
    // The new pair, signed by the same CA, in the same folder.
    for (const file of ['refs-new.key', 'refs-new.csr', 'refs-new.crt'])
      fs.copyFileSync(path.join(fresh, file), path.join(dir, 'certs', file));
    fs.chmodSync(path.join(dir, 'certs', 'refs-new.key'), 0o600);
    const newCert = path.join(dir, 'certs', 'refs-new.crt');
    // Scanned now rather than left to the file watcher, which a busy machine may deliver late.
    await api.inventory.store.refresh();
    await until(
      'the new certificate in the inventory',
      () => api.inventory.store.snapshot().items.some((i) => i.path === newCert) || undefined,
    );

    phase('list');
    // The list: one node per file, each reference with its line, what it becomes, and a click that opens it there.
    await vscode.commands.executeCommand('mtlsRotation.findOldReferences', { rotationId });
    const roots = api.references.getChildren();
    assert.deepStrictEqual(roots.map((r) => (r.type === 'file' ? r.path : '')).sort(), Object.values(files).sort());
    const refs = roots.flatMap((r) => api.references.getChildren(r));
    const described = refs.map((r) => {
      const item = api.references.getTreeItem(r);
      return `${path.relative(dir, (r as Extract<ReferenceNode, { type: 'reference' }>).match.path)} ${String(item.description)}`;
    });
    assert.deepStrictEqual(described.sort(), [
      'certs/call.sh line 1 → refs-new.crt',
      'certs/call.sh line 1 → refs-new.key',
      'certs/call.sh line 2 · kept',
      'deploy/nginx.conf line 1 → ../certs/refs-new.crt',
      `deploy/nginx.conf line 2 → ${path.join(dir, 'certs', 'refs-new.key')}`,
      'service.yaml line 2 → refs-demo/certs/refs-new.crt',
      'service.yaml line 3 → ./refs-demo/certs/refs-new.key',
    ]);
    const nginxKey = refs.find(
      (r) => r.type === 'reference' && r.match.path === files.nginx && r.match.line === 2,
    ) as Extract<ReferenceNode, { type: 'reference' }>;
    const click = api.references.getTreeItem(nginxKey).command;
    assert.ok(click);
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    const editor = await until('the reference opened', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === files.nginx ? vscode.window.activeTextEditor : undefined,
    );
    assert.deepStrictEqual(
      [editor.selection.start.line, editor.selection.start.character, editor.selection.end.character],
      [1, nginxKey.match.column - 1, nginxKey.match.column - 1 + nginxKey.match.match.length],
    );

    phase('replace');
    // Replace: one question naming the counts, then one WorkspaceEdit over the three files.
    const prompts = new ReplaceAnswer('Replace');
    api.prompts.current = prompts;
    const outcome = await vscode.commands.executeCommand<ReplaceOutcome>('mtlsRotation.replaceOldReferences');
    assert.deepStrictEqual(
      prompts.questions.map((q) => q.message),
      ['Replace 6 references in 3 files with the new certificate and key paths?'],
    );
    assert.match(prompts.questions[0].detail, /1 reference kept/);
    assert.strictEqual(outcome.applied, true);
    const replaced: Record<string, string> = {
      service: 'client:\n  certificate: refs-demo/certs/refs-new.crt\n  key: ./refs-demo/certs/refs-new.key\n',
      nginx: `ssl_certificate ../certs/refs-new.crt;\nssl_certificate_key ${path.join(dir, 'certs', 'refs-new.key')};\n`,
      script:
        'curl --cert refs-new.crt --key refs-new.key https://api.example\n# on the server: /etc/ssl/refs-old.crt\n',
    };
    for (const name of Object.keys(files)) assert.strictEqual(await documentText(files[name]), replaced[name], name);
    // Saved as a refactoring is (files.refactoring.autoSave), and the list shows only what is left.
    for (const name of Object.keys(files))
      await until(`${name} saved`, () => fs.readFileSync(files[name], 'utf8') === replaced[name]);
    assert.deepStrictEqual(
      api.references.search?.matches.map((m) => m.match),
      ['refs-old.crt'],
    );

    phase('undo');
    // One Undo, from one of the files, reverts every file.
    await vscode.window.showTextDocument(vscode.Uri.file(files.service));
    await vscode.commands.executeCommand('undo');
    await untilAsync('every file reverted', async () => {
      for (const name of Object.keys(files)) if ((await documentText(files[name])) !== original[name]) return false;
      return true;
    });
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    for (const name of Object.keys(files))
      await until(`${name} saved`, () => fs.readFileSync(files[name], 'utf8') === original[name]);
  });

  it('says where an export went and offers to open or reveal it', async () => {
    const offers: NextStepOffer[] = [];
    api.nextSteps.answerer = (offer) => {
      offers.push(offer);
      return Promise.resolve('Open');
    };
    await vscode.commands.executeCommand('mtlsRotation.updateRegister');
    const target = vscode.Uri.file(path.join(dir, 'register.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('mtlsRotation.exportRegister', 'csv', target);
    assert.strictEqual(written?.fsPath, target.fsPath);
    const offer = await until('the export offer', () => offers.find((o) => o.kind === 'register-exported'));
    const count = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n').length - 1;
    assert.ok(count >= 2, `certificates exported: ${count}`);
    assert.strictEqual(offer.message, `Exported ${count} certificates to refs-demo/register.csv.`);
    assert.deepStrictEqual(offer.actions, ['Open', 'Reveal in Explorer View']);
    await until('the export opened', () => vscode.window.activeTextEditor?.document.uri.fsPath === target.fsPath);
  });
});
