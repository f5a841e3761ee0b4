import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';
import type { InventoryNode } from '../../src/vscode/inventory/inventoryTree';
import { GROUPING_THRESHOLD } from '../../src/core/inventory/groupInventory';
import { activateExtension, until, untilAsync, workspaceRoot } from './testHelpers';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../support/openssl';

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/**
 * Resolves once the model has not changed for a second. The workbench side of a tree view refreshes a moment
 * after the provider's change event (it debounces it), and TreeView.reveal resolves an element through the items
 * it was last given: a certificate revealed before that refresh may not be among them yet.
 */
async function settled(api: MtlsRotationApi): Promise<void> {
  let last = Date.now();
  const listener = api.inventory.tree.onDidChangeModel(() => (last = Date.now()));
  try {
    await until('the view settled', () => Date.now() - last > 1000, 60_000);
  } finally {
    listener.dispose();
  }
}

function pathOf(node: unknown): string | undefined {
  const n = node as InventoryNode;
  return n.type === 'certificate' ? n.certificate.path : undefined;
}

async function setGrouping(value: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('mtlsRotation')
    .update('inventory.groupBy', value, vscode.ConfigurationTarget.Global);
}

describe('Inventory view of a large workspace', function () {
  this.timeout(180_000);
  let api: MtlsRotationApi;
  let large: string;
  const copies: Record<'expired' | 'due' | 'valid', string[]> = { expired: [], due: [], valid: [] };

  before(async () => {
    api = await activateExtension();
    // Three certificates made by openssl, each copied into folders of the workspace: more items than the view
    // lists at its root.
    const scratch = tempDir();
    const ca = makeCa(path.join(scratch, 'ca'), 'Large Workspace CA', { key: { type: 'ec' } });
    const made = {
      expired: makeLeaf(ca, scratch, 'large-expired', {
        notBefore: daysFromNow(-40),
        notAfter: daysFromNow(-1.5),
        key: { type: 'ec' },
      }),
      due: makeLeaf(ca, scratch, 'large-due', { notAfter: daysFromNow(3.5), key: { type: 'ec' } }),
      valid: makeLeaf(ca, scratch, 'large-valid', { notAfter: daysFromNow(300.5), key: { type: 'ec' } }),
    };
    large = path.join(workspaceRoot(), 'large');
    const perStatus = Math.ceil((GROUPING_THRESHOLD + 10) / 3);
    for (const status of ['expired', 'due', 'valid'] as const) {
      const pem = fs.readFileSync(made[status].certPath);
      for (let i = 0; i < perStatus; i++) {
        const dir = path.join(large, `team-${i % 4}`);
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${status}-${i}.crt`);
        fs.writeFileSync(file, pem);
        copies[status].push(file);
      }
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    await until(
      'every copy in the inventory',
      () =>
        api.inventory.tree.model.certificates.filter((c) => c.certificate.path.startsWith(large)).length ===
        3 * perStatus,
      120_000,
    );
  });

  after(async () => {
    await setGrouping(undefined);
    fs.rmSync(large, { recursive: true, force: true });
    // The other suites expect the fixture's flat view back.
    await until(
      'the flat view back',
      () => !api.inventory.tree.getChildren().some((n) => n.type === 'bucket'),
      120_000,
    );
  });

  it('shows sections by status at the root, most urgent first and open, with their counts', () => {
    const tree = api.inventory.tree;
    const roots = tree.getChildren();
    assert.ok(roots.length < 20, `${roots.length} items at the root`);
    assert.ok(!roots.some((n) => n.type === 'certificate'), 'no certificate at the root');
    const sections = roots.filter((n) => n.type === 'bucket');
    // The counts are those of the certificates the badges count, status by status.
    const counted = (status: string) => tree.model.certificates.filter((c) => c.expiry.status === status).length;
    const expected = [
      ['Expired', 'expired'],
      ['Due in 5 days', 'due-5'],
      ['Due in 15 days', 'due-15'],
      ['Due in 30 days', 'due-30'],
      ['Valid', 'ok'],
    ]
      .filter(([, status]) => counted(status) > 0)
      .map(([name, status]) => `${name} (${counted(status)})`);
    const items = sections.map((n) => tree.getTreeItem(n));
    assert.deepStrictEqual(items.map(label).slice(0, expected.length), expected);
    assert.deepStrictEqual(
      items.map((item) => item.collapsibleState),
      items.map((_, i) =>
        i === 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      ),
    );
    assert.strictEqual((items[0].iconPath as vscode.ThemeIcon).id, 'error');
    // The groups of their own stay as they were.
    assert.ok(roots.some((n) => n.type === 'group' && n.group === 'ca'));
    assert.ok(roots.some((n) => n.type === 'group' && n.group === 'unreadable'));
    // Ids name what a section holds: the same after a rebuild, so the workbench keeps it open or closed.
    const ids = items.map((item) => item.id);
    tree.rebuild();
    assert.deepStrictEqual(
      tree
        .getChildren()
        .filter((n) => n.type === 'bucket')
        .map((n) => tree.getTreeItem(n).id),
      ids,
    );
  });

  it('reveals a certificate inside its section and opens it decoded, as openssl prints it', async () => {
    const tree = api.inventory.tree;
    const file = copies.due[7];
    const node = tree.certificateNode(file);
    assert.ok(node && node.type === 'certificate');
    const parent = tree.getParent(node);
    assert.ok(parent && parent.type === 'bucket');
    assert.strictEqual(label(tree.getTreeItem(parent)).replace(/ \(\d+\)$/, ''), 'Due in 5 days');

    await vscode.commands.executeCommand('mtlsRotation.showInventory');
    await until('the Certificates view visible', () => api.inventory.treeView.visible);
    await settled(api);
    // Asked again if the workbench was still laying the view out when first asked: the selection is the proof.
    await untilAsync(
      'the certificate revealed and selected',
      async () => {
        const current = tree.certificateNode(file);
        assert.ok(current);
        await api.inventory.treeView.reveal(current, { select: true, focus: true, expand: true });
        return until(
          'the selection',
          () =>
            api.inventory.treeView.selection.some(
              (selected) => (selected as InventoryNode).type === 'certificate' && pathOf(selected) === file,
            ),
          3000,
        ).catch(() => false);
      },
      60_000,
    );

    const item = tree.getTreeItem(node);
    assert.strictEqual(item.contextValue, 'certificate.due-5');
    const command = item.command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    // This file's decoded view: another one may still be the active editor from an earlier suite.
    const decoded = `${vscode.Uri.file(file).path} (decoded)`;
    const editor = await until('the decoded certificate', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'mtls-certificate' && active.document.uri.path === decoded
        ? active
        : undefined;
    });
    const serial = openssl(['x509', '-in', file, '-noout', '-serial']).trim().split('=')[1];
    assert.ok(editor.document.getText().replace(/:/g, '').toUpperCase().includes(serial), 'its serial');
  });

  it('follows mtlsRotation.inventory.groupBy: by folder, or every certificate at the root', async () => {
    const tree = api.inventory.tree;
    try {
      await setGrouping('folder');
      const folders = await until('folder sections', () => {
        const roots = tree.getChildren();
        return roots.some((n) => n.type === 'bucket' && n.by === 'folder') ? roots : undefined;
      });
      const labels = folders.filter((n) => n.type === 'bucket').map((n) => label(tree.getTreeItem(n)));
      for (let team = 0; team < 4; team++)
        assert.ok(
          labels.some((l) => new RegExp(`^large/team-${team} \\(\\d+\\)$`).test(l)),
          `large/team-${team} in ${labels.join(', ')}`,
        );
      assert.ok(
        labels.some((l) => /^certs \(\d+\)$/.test(l)),
        labels.join(', '),
      );

      await setGrouping('none');
      const flat = await until('the flat view', () => {
        const roots = tree.getChildren();
        return roots.some((n) => n.type === 'bucket') ? undefined : roots;
      });
      assert.ok(flat.filter((n) => n.type === 'certificate').length > GROUPING_THRESHOLD);
    } finally {
      await setGrouping(undefined);
    }
    await until('the status sections back', () =>
      tree.getChildren().some((n) => n.type === 'bucket' && n.by === 'status'),
    );
  });
});
