import * as vscode from 'vscode';
import { CompareFinding } from '../../core/compare/compareFinding';
import { diagnosticSeverity } from '../diagnosticSeverity';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { toRange } from '../opensslConfig/configDocuments';
import { certificateName, RenewalComparison, RenewalRequests } from './renewalRequests';

const DEBOUNCE_MS = 300;
export const COMPARE_SOURCE = 'mTLS renewal';

/** Diagnostics on CSR files and request configs: how each differs from the certificate it renews. */
export class CompareDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('mtlsRotation.compare'));
  private readonly delayer = this.register(new KeyedDelayer<string>(DEBOUNCE_MS));

  constructor(private readonly requests: RenewalRequests) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.update(doc)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)));
    this.register(requests.onDidChange(() => vscode.workspace.textDocuments.forEach((doc) => this.schedule(doc))));
    vscode.workspace.textDocuments.forEach((doc) => this.update(doc));
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isRequestDocument(document)) return;
    this.delayer.trigger(document.uri.toString(), () => this.update(document));
  }

  update(document: vscode.TextDocument): void {
    if (document.isClosed || document.uri.scheme !== 'file' || !isRequestDocument(document)) return;
    const comparison = this.requests.compare(document);
    if (!comparison?.old) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(
      document.uri,
      comparison.findings
        // The config's own diagnostic already marks a SAN openssl refuses, at the same place and in the same words.
        .filter((finding) => finding.code !== 'san-refused')
        .map((finding) => toDiagnostic(document, comparison, finding)),
    );
  }
}

function toDiagnostic(
  document: vscode.TextDocument,
  comparison: RenewalComparison,
  finding: CompareFinding,
): vscode.Diagnostic {
  const range = finding.range
    ? toRange(finding.range)
    : document.lineAt(Math.min(document.lineCount - 1, comparison.line - 1)).range;
  const diagnostic = new vscode.Diagnostic(range, finding.message, diagnosticSeverity(finding.severity));
  diagnostic.source = COMPARE_SOURCE;
  diagnostic.code = finding.code;
  const old = comparison.old!;
  diagnostic.relatedInformation = [
    new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.file(old.path), new vscode.Position(Math.max(0, old.line - 1), 0)),
      `the certificate being renewed: ${certificateName(old)}${comparison.how === 'linked' ? ' (linked)' : ''}`,
    ),
  ];
  return diagnostic;
}

/** Only request configs and files that can hold a PEM CSR are compared; other documents cost nothing. */
export function isRequestDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'opensslconf' || /\.(csr|req|pem)$/i.test(document.uri.fsPath);
}
