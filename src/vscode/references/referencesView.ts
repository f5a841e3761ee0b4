import * as vscode from 'vscode';
import { lineStarts, ReferenceMatch } from '../../core/rotation/findReferences';
import { ReferenceEdit } from '../../core/rotation/referenceReplacement';
import { rotationLabel } from '../../core/rotation/rotationLabel';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';
import { Disposable } from '../disposable';
import { ReferenceSearch } from './referenceSearch';
import { countOf } from '../../core/text/countOf';

export type ReferenceNode =
  | { type: 'file'; path: string; references: ReferenceNode[] }
  | {
      type: 'reference';
      match: ReferenceMatch;
      /** The line as it stands, trimmed, and where the match is in it. */
      preview: string;
      highlight: [number, number];
      edit?: ReferenceEdit;
      /** Why the replacement leaves it alone. */
      kept?: string;
    };

const MAX_PREVIEW = 160;

function previewOf(text: string | undefined, match: ReferenceMatch): { preview: string; highlight: [number, number] } {
  if (text === undefined) return { preview: match.match, highlight: [0, match.match.length] };
  const starts = lineStarts(text);
  const start = starts[match.line - 1] ?? 0;
  const end = (starts[match.line] ?? text.length + 1) - 1;
  const line = text.slice(start, end).replace(/\r$/, '');
  const indent = line.length - line.trimStart().length;
  let from = match.column - 1 - indent;
  let preview = line.trim();
  // A long line is cut around the match, as the editor's own references view does.
  if (preview.length > MAX_PREVIEW && from > 40) {
    preview = `…${preview.slice(from - 30)}`;
    from = 31;
  }
  if (preview.length > MAX_PREVIEW) preview = `${preview.slice(0, MAX_PREVIEW)}…`;
  return { preview, highlight: [from, Math.min(preview.length, from + match.match.length)] };
}

/**
 * The References view: the last search for a rotation's old certificate and key, by file, each reference with its
 * line and what a replacement makes of it. It stays until cleared or searched again, so each file can be visited in
 * turn; clicking (or Enter on) a reference opens its file there.
 */
export class ReferencesView extends Disposable implements vscode.TreeDataProvider<ReferenceNode> {
  private readonly changed = this.register(new vscode.EventEmitter<ReferenceNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<ReferenceNode>;
  private roots: ReferenceNode[] = [];
  private current: ReferenceSearch | undefined;

  constructor() {
    super();
    this.treeView = this.register(
      vscode.window.createTreeView('mtlsRotation.references', { treeDataProvider: this, showCollapseAll: true }),
    );
    void this.setContext();
  }

  /** The search the view shows, if any. */
  get search(): ReferenceSearch | undefined {
    return this.current;
  }

  show(search: ReferenceSearch): void {
    this.current = search;
    const edits = new Map((search.plan?.edits ?? []).map((e) => [e.match, e]));
    const kept = new Map((search.plan?.kept ?? []).map((k) => [k.match, k.reason]));
    const byFile = new Map<string, ReferenceNode[]>();
    for (const match of search.matches) {
      const edit = edits.get(match);
      const reason = kept.get(match);
      const node: ReferenceNode = {
        type: 'reference',
        match,
        ...previewOf(search.texts.get(match.path), match),
        ...(edit ? { edit } : {}),
        ...(reason ? { kept: reason } : {}),
      };
      byFile.set(match.path, [...(byFile.get(match.path) ?? []), node]);
    }
    this.roots = [...byFile].map(([path, references]) => ({ type: 'file', path, references }));
    const label = rotationLabel(search.rotation.old.subject);
    const replaceable = search.plan?.edits.length ?? 0;
    this.treeView.description = label;
    this.treeView.message =
      search.matches.length === 0
        ? `No workspace file refers to the old certificate or key of ${label} any more.`
        : `${countOf(search.matches.length, 'reference')} in ${countOf(byFile.size, 'file')} to the old certificate or key. ` +
          (search.newCertificatePath
            ? `${replaceable} can be replaced with the new paths${replaceable < search.matches.length ? `; ${search.matches.length - replaceable} are kept (see each one's tooltip)` : ''}.`
            : 'The new certificate is not in the workspace yet: once it is, they can be replaced with its paths.');
    void this.setContext();
    this.changed.fire(undefined);
  }

  clear(): void {
    this.current = undefined;
    this.roots = [];
    this.treeView.message = undefined;
    this.treeView.description = undefined;
    void this.setContext();
    this.changed.fire(undefined);
  }

  private async setContext(): Promise<void> {
    await runCommand(BUILT_IN_COMMAND_IDS.setContext, 'mtlsRotation.references.shown', this.current !== undefined);
    await runCommand(
      BUILT_IN_COMMAND_IDS.setContext,
      'mtlsRotation.references.canReplace',
      (this.current?.plan?.edits.length ?? 0) > 0,
    );
  }

  getChildren(node?: ReferenceNode): ReferenceNode[] {
    if (!node) return this.roots;
    return node.type === 'file' ? node.references : [];
  }

  getParent(node: ReferenceNode): ReferenceNode | undefined {
    if (node.type === 'file') return undefined;
    return this.roots.find((f) => f.type === 'file' && f.references.includes(node));
  }

  getTreeItem(node: ReferenceNode): vscode.TreeItem {
    if (node.type === 'file') {
      const uri = vscode.Uri.file(node.path);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.label = vscode.workspace.asRelativePath(uri);
      item.description = countOf(node.references.length, 'reference');
      item.iconPath = vscode.ThemeIcon.File;
      item.contextValue = 'referenceFile';
      item.command = { title: 'Open', command: BUILT_IN_COMMAND_IDS.open, arguments: [uri] };
      return item;
    }
    const { match } = node;
    const item = new vscode.TreeItem({ label: node.preview, highlights: [node.highlight] });
    const becomes = node.edit ? ` → ${node.edit.newText}` : node.kept ? ' · kept' : '';
    item.description = `line ${match.line}${becomes}`;
    const what = match.kind === 'fingerprint' ? 'fingerprint' : match.kind === 'basename' ? 'file name' : 'path';
    item.tooltip = [
      `${vscode.workspace.asRelativePath(match.path)}:${match.line}:${match.column}: ${what} ${match.match}`,
      node.edit ? `Replace makes it: ${node.edit.newText}` : node.kept ? `Replace keeps it: ${node.kept}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(node.edit ? 'replace' : match.kind === 'fingerprint' ? 'key' : 'circle-slash');
    item.contextValue = node.edit ? 'reference.replaceable' : 'reference';
    const start = new vscode.Position(match.line - 1, match.column - 1);
    const selection = new vscode.Range(start, start.translate(0, match.match.length));
    item.command = {
      title: 'Open Reference',
      command: BUILT_IN_COMMAND_IDS.open,
      arguments: [
        vscode.Uri.file(match.path),
        { selection, preserveFocus: false } satisfies vscode.TextDocumentShowOptions,
      ],
    };
    return item;
  }
}
