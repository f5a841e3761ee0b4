import * as vscode from 'vscode';
import { Disposable } from './disposable';

export const REPORT_SCHEME = 'mtls-rotation-report';

/**
 * Read-only Markdown documents for reports (generation results, comparisons, verifications): unlike untitled
 * documents they never ask to be saved, and re-running a command updates the open report in place.
 */
export class ReportDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Stores a report and returns its Uri; an open report with that name updates. */
  set(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }

  async open(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}
