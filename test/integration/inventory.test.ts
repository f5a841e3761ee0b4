import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';
import { activateExtension, EXTENSION_ID, until, workspaceRoot } from './testHelpers';
import type { InventoryNode } from '../../src/vscode/inventory/inventoryTree';
import { fileKey } from '../../src/vscode/inventory/fileKey';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../support/openssl';
import { FIXTURE } from './prepareWorkspace';

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function rootByLabel(api: MtlsRotationApi, text: string): InventoryNode | undefined {
  const tree = api.inventory.tree;
  return tree.getChildren().find((node) => label(tree.getTreeItem(node)) === text);
}

function fingerprintOf(file: string): string {
  return openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha256']).trim().split('=')[1];
}

describe('Inventory view', () => {
  let api: MtlsRotationApi;
  let root: string;

  before(async () => {
    api = await activateExtension();
    root = workspaceRoot();
  });

  it('lists every certificate, soonest expiry first, with badges from the real clock', () => {
    const tree = api.inventory.tree;
    const roots = tree.getChildren().filter((node) => node.type === 'certificate');
    const labels = roots.map((node) => label(tree.getTreeItem(node)));
    // Client certificates only: the CA certificates of the bundle are in a group of their own.
    assert.deepStrictEqual(labels, ['legacy.example.com', 'program-a.example.com', 'program-b.example.com']);

    const descriptions = roots.slice(0, 3).map((node) => String(tree.getTreeItem(node).description));
    assert.match(descriptions[0], /^expired [23] days ago · legacy\.crt$/);
    assert.strictEqual(descriptions[1], '12 days left · program-a.crt');
    assert.match(descriptions[2], /^200 days left · program-b\.crt$/);

    const icons = roots.slice(0, 3).map((node) => tree.getTreeItem(node).iconPath as vscode.ThemeIcon);
    assert.deepStrictEqual(
      icons.map((icon) => icon.id),
      ['error', 'warning', 'verified'],
    );
    assert.deepStrictEqual(
      icons.map((icon) => icon.color?.id),
      ['mtlsRotation.expiredForeground', 'mtlsRotation.dueForeground', 'mtlsRotation.okForeground'],
    );
  });

  it('shows a rich tooltip with subject, issuer, SANs, serial and fingerprint', () => {
    const tree = api.inventory.tree;
    const node = rootByLabel(api, 'program-a.example.com');
    assert.ok(node);
    const tooltip = tree.resolveTreeItem(tree.getTreeItem(node), node).tooltip as vscode.MarkdownString;
    const file = path.join(root, FIXTURE.dueSoon);
    assert.ok(tooltip.value.includes('O = Axys Test, OU = Program A, CN = program-a.example.com'), tooltip.value);
    assert.ok(tooltip.value.includes('CN = Fixture Root CA'), 'issuer');
    assert.ok(tooltip.value.includes('DNS:program-a.example.com, IP:203.0.113.10'), 'SANs');
    assert.ok(tooltip.value.includes(fingerprintOf(file)), 'fingerprint as openssl prints it');
    const serial = openssl(['x509', '-in', file, '-noout', '-serial']).trim().split('=')[1];
    assert.ok(tooltip.value.includes(serial), 'serial as openssl prints it');
  });

  it('puts the matching key, the renewal CSR and its new key, and nothing else under a certificate', () => {
    const tree = api.inventory.tree;
    const node = rootByLabel(api, 'program-a.example.com');
    assert.ok(node);
    assert.strictEqual(tree.getTreeItem(node).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = tree.getChildren(node).map((child) => {
      const item = tree.getTreeItem(child);
      return `${label(item)} | ${String(item.description).split(' · ')[0]}`;
    });
    assert.deepStrictEqual(children, [
      'program-a.key | private key',
      'program-a-new.csr | renewal CSR (new key)',
      'program-a-new.key | new private key',
    ]);
  });

  it('groups keys and CSRs without a certificate, and unreadable files with their reason', async () => {
    const tree = api.inventory.tree;
    const group = (name: string) => tree.getChildren().find((node) => node.type === 'group' && node.group === name);
    const labels = (node: InventoryNode | undefined) =>
      node ? tree.getChildren(node).map((child) => label(tree.getTreeItem(child))) : [];
    // An earlier suite's files may still be leaving the view (their delete events come a moment later).
    await until(
      "only the fixture's orphans and unreadable files",
      () => (labels(group('orphans')).length === 2 && labels(group('unreadable')).length === 2 ? true : undefined),
      10_000,
    ).catch(() => undefined);
    const orphans = group('orphans');
    assert.ok(orphans, 'orphans group');
    assert.deepStrictEqual(labels(orphans).sort(), ['orphan.key', 'program-c.csr']);

    const unreadable = group('unreadable');
    assert.ok(unreadable, 'unreadable group');
    const errors = tree.getChildren(unreadable).map((node) => tree.getTreeItem(node));
    assert.deepStrictEqual(errors.map(label), ['garbage.crt', 'truncated.pem']);
    assert.match(String(errors[1].description), /truncated/i);
    for (const item of errors) assert.ok(String(item.description).length > 5, 'each error has a reason');
  });

  it('puts CA certificates in a group of their own, with their expiry, counted for nothing', async () => {
    const tree = api.inventory.tree;
    const caGroup = tree.getChildren().find((node) => node.type === 'group' && node.group === 'ca');
    assert.ok(caGroup, 'the CA group');
    const groupItem = tree.getTreeItem(caGroup);
    assert.strictEqual(label(groupItem), 'CA certificates');
    assert.strictEqual(groupItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const cas = tree.getChildren(caGroup).map((node) => tree.getTreeItem(node));
    assert.deepStrictEqual(cas.map(label).sort(), ['Fixture Issuing CA', 'Fixture Root CA']);
    for (const item of cas) assert.match(String(item.description), /days left · ca-chain\.pem/);
    assert.ok(
      tree.model.certificates.every(({ certificate }) => !certificate.isCA),
      'no CA among the counted certificates',
    );

    // An expired CA certificate shows as expired in its group, but neither the badge nor the Explorer counts it.
    const scratch = tempDir();
    const target = path.join(root, 'ca', 'expired-provider-root.crt');
    try {
      const expiredCa = makeCa(path.join(scratch, 'ca'), 'Expired Provider Root', {
        notBefore: daysFromNow(-400),
        notAfter: daysFromNow(-3),
      });
      fs.copyFileSync(expiredCa.certPath, target);
      const shown = await until('the expired CA in the CA group', () =>
        tree.model.caCertificates.find(({ certificate }) => certificate.path === target),
      );
      assert.strictEqual(shown.expiry.status, 'expired');
      const group = tree.getChildren().find((node) => node.type === 'group' && node.group === 'ca');
      assert.ok(group);
      assert.match(String(tree.getTreeItem(group).description), /^3 · 1 expired$/);
      const node = tree.getChildren(group).find((n) => n.type === 'certificate' && n.certificate.path === target);
      assert.ok(node);
      assert.strictEqual((tree.getTreeItem(node).iconPath as vscode.ThemeIcon).id, 'error');
      assert.strictEqual(api.inventory.treeView.badge?.value, 2);
      assert.strictEqual(api.inventory.decorations.decorationFor(vscode.Uri.file(target)), undefined);
      assert.match(api.inventory.statusBar.text, /legacy\.example\.com/);
    } finally {
      fs.rmSync(target, { force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    await until('the expired CA to leave the tree', () =>
      tree.model.caCertificates.every(({ certificate }) => certificate.path !== target),
    );
  });

  it('sets the view badge to the number of certificates due or expired', () => {
    const badge = api.inventory.treeView.badge;
    assert.ok(badge);
    assert.strictEqual(badge.value, 2);
    assert.match(badge.tooltip, /2 certificates are due/);
  });

  it('decorates due and expired files in the Explorer', () => {
    const decorations = api.inventory.decorations;
    const due = decorations.decorationFor(vscode.Uri.file(path.join(root, FIXTURE.dueSoon)));
    assert.strictEqual(due?.badge, '12');
    assert.match(due?.tooltip ?? '', /program-a\.example\.com: 12 days left/);
    assert.strictEqual(decorations.decorationFor(vscode.Uri.file(path.join(root, FIXTURE.expired)))?.badge, '!');
    assert.strictEqual(decorations.decorationFor(vscode.Uri.file(path.join(root, FIXTURE.healthy))), undefined);
  });

  it('shows the soonest expiry in the status bar', () => {
    assert.match(api.inventory.statusBar.text, /^\$\(error\) legacy\.example\.com: expired [23] days ago$/);
  });

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('shows a clicked certificate decoded, as openssl x509 -text prints it, with a way to the raw file', async () => {
    const tree = api.inventory.tree;
    const node = rootByLabel(api, 'program-a.example.com');
    assert.ok(node);
    const command = tree.getTreeItem(node).command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await until('the decoded certificate', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'mtls-certificate'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    const text = editor.document.getText();
    const file = path.join(root, FIXTURE.dueSoon);
    const theirs = openssl(['x509', '-in', file, '-text', '-noout'])
      .split('\n')
      .map((line) => line.trim());
    for (const field of ['Serial Number:', 'Not Before:', 'Not After :', 'Subject:', 'Issuer:', 'Public-Key:']) {
      const line = theirs.find((l) => l.startsWith(field));
      assert.ok(line && text.includes(line), `${field} as openssl prints it: ${line}\n${text}`);
    }
    assert.ok(text.includes('DNS:program-a.example.com, IP Address:203.0.113.10'), 'SANs');
    assert.ok(text.includes(`SHA-256: ${fingerprintOf(file)}`), 'fingerprint');
    assert.ok(!text.includes('BEGIN CERTIFICATE'), 'decoded, not the PEM');

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
      'vscode.executeLinkProvider',
      editor.document.uri,
    );
    assert.deepStrictEqual(
      links.map((link) => link.target?.fsPath),
      [file],
    );
    await vscode.commands.executeCommand('mtlsRotation.openRawCertificate');
    await until('the raw file', () => vscode.window.activeTextEditor?.document.uri.fsPath === file);
  });

  it('runs the copy commands on a tree node', async () => {
    const node = rootByLabel(api, 'program-a.example.com');
    assert.ok(node && node.type === 'certificate');
    await vscode.commands.executeCommand('mtlsRotation.copyFingerprint', node);
    assert.strictEqual(await vscode.env.clipboard.readText(), fingerprintOf(path.join(root, FIXTURE.dueSoon)));
    await vscode.commands.executeCommand('mtlsRotation.copySubject', node);
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      'O = Axys Test, OU = Program A, CN = program-a.example.com',
    );
  });

  it('opens a file at its PEM block and reveals it in the Explorer', async () => {
    const target = path.join(root, FIXTURE.caBundle);
    await vscode.commands.executeCommand('mtlsRotation.openFile', { path: target, line: 1 });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, target);
    const second = api.inventory.tree.model.caCertificates.find(
      ({ certificate }) => certificate.path === target && certificate.index === 1,
    );
    assert.ok(second, 'the second certificate of the bundle');
    const caGroup = api.inventory.tree.getChildren().find((n) => n.type === 'group' && n.group === 'ca');
    assert.ok(caGroup);
    const node = api.inventory.tree
      .getChildren(caGroup)
      .find((n) => n.type === 'certificate' && n.certificate === second.certificate);
    await vscode.commands.executeCommand('mtlsRotation.openFile', node);
    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, second.certificate.line - 1);
    assert.ok(second.certificate.line > 1);
    await vscode.commands.executeCommand('mtlsRotation.revealInExplorer', node);
    await vscode.commands.executeCommand('mtlsRotation.showInventory');
    await vscode.commands.executeCommand('mtlsRotation.refresh');
    assert.strictEqual(api.inventory.tree.model.certificates.length, 3);
    assert.strictEqual(api.inventory.tree.model.caCertificates.length, 2);
  });

  it("keys files exactly as VS Code's Uri names them, plain paths or not", () => {
    const paths = [
      path.join(root, 'certs', 'program-a.crt'),
      '/srv/team-1/service_2/client-3.v1~old.pem',
      '/srv/with space/a b.crt',
      '/srv/ümlaut/é.pem',
      '/srv/percent%20/hash#/q?.crt',
      '/srv/colon:/semi;/comma,/plus+/at@/amp&/eq=/dollar$.crt',
      '//server/share/x.crt',
      '/srv//double/x.crt',
      '/',
    ];
    for (const file of paths) assert.strictEqual(fileKey(file), vscode.Uri.file(file).toString(), file);
  });

  it('keeps nothing of files deleted while a scan reads them', async () => {
    const scratch = tempDir();
    const ca = makeCa(path.join(scratch, 'ca'), 'Churn CA', { key: { type: 'ec' } });
    const made = makeLeaf(ca, path.join(scratch, 'leaf'), 'churn', {
      notAfter: daysFromNow(200.5),
      key: { type: 'ec' },
    });
    const dir = path.join(root, 'churn');
    const pem = fs.readFileSync(made.certPath);
    try {
      // Rounds of files written, a refresh started, and the files deleted under it: each of the walk, the
      // reads and the delete events may come first.
      for (let round = 0; round < 4; round++) {
        fs.mkdirSync(dir, { recursive: true });
        for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, `churn-${round}-${i}.crt`), pem);
        // Deleted once the scan has read its first files, or a moment later.
        const reading = new Promise<void>((resolve) => {
          const listener = api.inventory.store.onDidChange(() => {
            listener.dispose();
            resolve();
          });
        });
        const scan = api.inventory.store.refresh();
        await reading;
        await new Promise((resolve) => setTimeout(resolve, round * 20));
        fs.rmSync(dir, { recursive: true, force: true });
        await scan;
      }
      // And without a scan: deleted while the create events are being read.
      for (const wait of [0, 150, 300]) {
        fs.mkdirSync(dir, { recursive: true });
        for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(dir, `event-${wait}-${i}.crt`), pem);
        await new Promise((resolve) => setTimeout(resolve, wait));
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const left = () => {
        const { items, errors } = api.inventory.store.snapshot();
        return [...items, ...errors].map((entry) => entry.path).filter((file) => file.startsWith(dir + path.sep));
      };
      await until('the deleted files gone from the inventory', () => left().length === 0, 20_000).catch(
        () => undefined,
      );
      assert.deepStrictEqual(left(), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('updates by itself when a certificate file is added and deleted', async () => {
    const scratch = tempDir();
    const ca = makeCa(path.join(scratch, 'ca'), 'Watcher CA');
    const made = makeLeaf(ca, path.join(scratch, 'leaf'), 'watched', {
      subject: '/O=Axys Test/CN=watched.example.com',
      notAfter: daysFromNow(4.5),
    });
    const target = path.join(root, 'certs', 'watched.crt');
    try {
      fs.copyFileSync(made.certPath, target);
      const added = await until('the new certificate in the tree', () =>
        api.inventory.tree.model.certificates.find(({ certificate }) => certificate.path === target),
      );
      assert.strictEqual(added.expiry.status, 'due-5');
      assert.strictEqual(api.inventory.treeView.badge?.value, 3);
      fs.rmSync(target);
      await until(
        'the deleted certificate to leave the tree',
        () => !api.inventory.tree.model.certificates.some(({ certificate }) => certificate.path === target),
      );
      assert.strictEqual(api.inventory.treeView.badge?.value, 2);
    } finally {
      fs.rmSync(target, { force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
