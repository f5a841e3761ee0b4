import * as vscode from 'vscode';
import { ConfigFinding } from '../../core/opensslConfig/configFinding';
import { diagnosticSeverity } from '../diagnosticSeverity';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { CONFIG_LANGUAGE, ConfigDocuments, toRange } from './configDocuments';

const DEBOUNCE_MS = 250;
export const DIAGNOSTIC_SOURCE = 'openssl config';

/** Owns the config DiagnosticCollection; validates on open at once and while typing after a pause. */
export class ConfigDiagnostics extends Disposable {
  private readonly collection = this.register(
    vscode.languages.createDiagnosticCollection('mtlsRotation.opensslConfig'),
  );
  private readonly delayer = this.register(new KeyedDelayer<string>(DEBOUNCE_MS));

  constructor(private readonly documents: ConfigDocuments) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.update(doc)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.delayer.cancel(doc.uri.toString());
        this.collection.delete(doc.uri);
      }),
    );
    vscode.workspace.textDocuments.forEach((doc) => this.update(doc));
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== CONFIG_LANGUAGE) return;
    this.delayer.trigger(document.uri.toString(), () => this.update(document));
  }

  update(document: vscode.TextDocument): void {
    if (document.languageId !== CONFIG_LANGUAGE || document.isClosed) return;
    const { findings } = this.documents.get(document);
    this.collection.set(
      document.uri,
      findings.map((finding) => toDiagnostic(document, finding)),
    );
  }
}

export function toDiagnostic(document: vscode.TextDocument, finding: ConfigFinding): vscode.Diagnostic {
  const range =
    finding.line !== undefined
      ? toRange({
          line: finding.line,
          column: finding.column ?? 1,
          endLine: finding.endLine,
          endColumn: finding.endColumn,
        })
      : new vscode.Range(0, 0, 0, document.lineAt(0).text.length);
  const diagnostic = new vscode.Diagnostic(range, finding.message, diagnosticSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  // A path that came from the environment or another included file is not shown, not even as a link.
  if (finding.data?.file && finding.data.fileLine && !finding.data.filePathHidden) {
    const position = new vscode.Position(finding.data.fileLine - 1, Math.max(0, (finding.data.fileColumn ?? 1) - 1));
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(finding.data.file), position),
        'The problem is in this included file.',
      ),
    ];
  }
  return diagnostic;
}
