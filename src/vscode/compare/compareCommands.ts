import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommand } from '../commands';
import { Disposable } from '../disposable';
import { InventoryNode } from '../inventory/inventoryTree';
import { Log } from '../log';
import { ReportDocuments } from '../reportDocuments';
import { comparisonReport } from './comparisonReport';
import { certificateName, RenewalComparison, RenewalRequests } from './renewalRequests';
import { COMMAND_IDS } from '../commandIds';
import { comparisonLensTitle } from '../../core/compare/comparisonLensTitle';

async function requestDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const node = arg as Partial<InventoryNode> | undefined;
  if (node?.type === 'csr' && node.csr) return vscode.workspace.openTextDocument(vscode.Uri.file(node.csr.path));
  return vscode.window.activeTextEditor?.document;
}

export function registerCompareCommands(
  log: Log,
  requests: RenewalRequests,
  reports: ReportDocuments,
): vscode.Disposable[] {
  const show = async (document: vscode.TextDocument): Promise<RenewalComparison> => {
    const comparison = requests.compare(document);
    if (!comparison) throw new Error(`${path.basename(document.uri.fsPath)} is neither a CSR nor a request config`);
    const uri = reports.set(
      `compare-${path.basename(document.uri.fsPath)}.md`,
      comparisonReport(document.uri.fsPath, comparison),
    );
    await reports.open(uri);
    return comparison;
  };

  return [
    registerCommand(log, COMMAND_IDS.compareWithCertificate, async (arg?: unknown, certificatePath?: string) => {
      const document = await requestDocument(arg);
      if (!document || !requests.requestOf(document)) {
        throw new Error('Open a CSR or a request config first, then compare it with a certificate');
      }
      const certificates = requests.certificates().filter((c) => !c.isCA);
      let chosen = certificatePath ? certificates.find((c) => c.path === certificatePath) : undefined;
      if (!chosen) {
        const current = requests.compare(document)?.old;
        const picked = await vscode.window.showQuickPick(
          certificates.map((certificate) => ({
            label: certificateName(certificate),
            description: certificate === current ? 'current' : `expires ${certificate.notAfter.slice(0, 10)}`,
            detail: vscode.workspace.asRelativePath(certificate.path),
            certificate,
          })),
          { title: `Which certificate does ${path.basename(document.uri.fsPath)} renew?` },
        );
        chosen = picked?.certificate;
      }
      if (!chosen) return undefined;
      await requests.link(document.uri.fsPath, chosen);
      return show(document);
    }),
    registerCommand(log, COMMAND_IDS.showComparison, async (arg?: unknown) => {
      const document = await requestDocument(arg);
      if (!document) throw new Error('Open a CSR or a request config first');
      return show(document);
    }),
  ];
}

/** "Compare with <certificate>" above a CSR or request config. */
export class CompareCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly requests: RenewalRequests) {
    super();
    this.register(requests.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const comparison = this.requests.compare(document);
    if (!comparison) return [];
    const range = new vscode.Range(comparison.line - 1, 0, comparison.line - 1, 0);
    if (!comparison.old) {
      return [
        new vscode.CodeLens(range, {
          title: '$(git-compare) Compare with certificate…',
          command: COMMAND_IDS.compareWithCertificate,
          arguments: [document.uri],
        }),
      ];
    }
    return [
      new vscode.CodeLens(range, {
        title: `$(git-compare) ${comparisonLensTitle(certificateName(comparison.old), comparison.findings)}`,
        command: COMMAND_IDS.showComparison,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: 'Change certificate…',
        command: COMMAND_IDS.compareWithCertificate,
        arguments: [document.uri],
      }),
    ];
  }
}
