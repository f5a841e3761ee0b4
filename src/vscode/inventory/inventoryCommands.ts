import * as path from 'path';
import * as vscode from 'vscode';
import { commonName, formatName } from '../../core/x509/formatName';
import { CsrInfo } from '../../core/model';
import { registerCommand, runCommand } from '../commands';
import { Log } from '../log';
import { CertificateStore } from './certificateStore';
import { resolveCertificate } from './resolveCertificate';
import { InventoryNode } from './inventoryTree';
import { BUILT_IN_COMMAND_IDS, COMMAND_IDS } from '../commandIds';

interface FileTarget {
  path: string;
  line: number;
}

/** Accepts what each caller passes: a tree node (context menu), a `{path, line}` (tree click), or a Uri (Explorer). */
function fileTarget(arg: unknown): FileTarget | undefined {
  if (arg instanceof vscode.Uri) return { path: arg.fsPath, line: 1 };
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<InventoryNode> & Partial<FileTarget>;
  if (typeof node.path === 'string') return { path: node.path, line: node.line ?? 1 };
  switch (node.type) {
    case 'certificate':
      return { path: node.certificate!.path, line: node.certificate!.line };
    case 'key':
      return { path: node.key!.path, line: node.key!.line };
    case 'csr':
      return { path: node.csr!.path, line: node.csr!.line };
    case 'pkcs12':
      return { path: node.pkcs12!.path, line: 1 };
    case 'error':
      return { path: node.error!.path, line: 1 };
    default:
      return undefined;
  }
}

const TEXT_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.cert', '.key', '.csr', '.req', '.txt']);

export function registerInventoryCommands(log: Log, store: CertificateStore): vscode.Disposable[] {
  const pickFile = async (title: string): Promise<FileTarget | undefined> => {
    await store.whenIdle();
    const snapshot = store.snapshot();
    const files = new Map<string, FileTarget>();
    for (const item of snapshot.items)
      if (!files.has(item.path)) files.set(item.path, { path: item.path, line: item.line });
    for (const error of snapshot.errors)
      if (!files.has(error.path)) files.set(error.path, { path: error.path, line: 1 });
    const picks = [...files.values()].map((target) => ({
      label: path.basename(target.path),
      description: vscode.workspace.asRelativePath(target.path),
      target,
    }));
    return (await vscode.window.showQuickPick(picks, { title, matchOnDescription: true }))?.target;
  };

  return [
    registerCommand(log, COMMAND_IDS.refresh, () => store.refresh()),
    registerCommand(log, COMMAND_IDS.showInventory, () => runCommand(BUILT_IN_COMMAND_IDS.focusInventory)),
    registerCommand(log, COMMAND_IDS.openFile, async (arg?: unknown) => {
      const target = fileTarget(arg) ?? (await pickFile('Open certificate, key or CSR file'));
      if (!target) return;
      const uri = vscode.Uri.file(target.path);
      if (!TEXT_EXTENSIONS.has(path.extname(target.path).toLowerCase())) {
        // DER and PKCS#12 files are binary: let VS Code choose its binary editor.
        await runCommand(BUILT_IN_COMMAND_IDS.open, uri);
        return;
      }
      const position = new vscode.Position(Math.max(0, target.line - 1), 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
    }),
    registerCommand(log, COMMAND_IDS.revealInExplorer, async (arg?: unknown) => {
      const target = fileTarget(arg) ?? (await pickFile('Reveal in Explorer'));
      if (!target) return;
      await runCommand(BUILT_IN_COMMAND_IDS.revealInExplorer, vscode.Uri.file(target.path));
    }),
    registerCommand(log, COMMAND_IDS.copyFingerprint, async (arg?: unknown) => {
      // Any certificate, CAs included: a fingerprint is asked for to pin or compare, not only to renew.
      const certificate = (
        await resolveCertificate(arg, store, { title: 'Copy SHA-256 fingerprint of…', offer: () => true })
      )?.certificate;
      if (!certificate) return;
      await vscode.env.clipboard.writeText(certificate.fingerprintSha256);
      vscode.window.setStatusBarMessage(
        `$(check) Copied the SHA-256 fingerprint of ${commonName(certificate.subject) ?? 'the certificate'}`,
        3000,
      );
    }),
    registerCommand(log, COMMAND_IDS.copySubject, async (arg?: unknown) => {
      const named =
        csrOf(arg) ??
        (await resolveCertificate(arg, store, { title: 'Copy subject of…', offer: () => true }))?.certificate;
      if (!named) return;
      await vscode.env.clipboard.writeText(formatName(named.subject));
      vscode.window.setStatusBarMessage('$(check) Copied the subject', 3000);
    }),
  ];
}

function csrOf(arg: unknown): CsrInfo | undefined {
  const node = arg as Partial<InventoryNode> | undefined;
  return node?.type === 'csr' ? node.csr : undefined;
}
