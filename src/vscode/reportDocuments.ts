import * as vscode from 'vscode';
import type { Report } from '../core/report/reportModel';
import { reportMarkdown } from '../core/report/reportMarkdown';
import { Disposable } from './disposable';
import { ReportPanels } from './reports/reportPanels';

export const REPORT_SCHEME = 'mtls-rotation-report';

interface Stored {
  /** Undefined for a report given as Markdown only: it opens as text. */
  report?: Report;
  markdown: string;
}

/**
 * The reports of generation, comparison, verification and test calls. A report opens in a panel beside the editor
 * (ReportPanels); its Markdown stays available as a read-only document (this provider's scheme) that never asks
 * to be saved. Re-running a command updates the open panel and document in place.
 */
export class ReportDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, Stored>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly panels: ReportPanels;

  constructor(extensionUri: vscode.Uri) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
    this.panels = this.register(
      new ReportPanels(extensionUri, {
        copyMarkdown: async (name) => {
          await vscode.env.clipboard.writeText(this.contents.get(pathOf(name))?.markdown ?? '');
          vscode.window.setStatusBarMessage('$(copy) Report copied as Markdown', 3000);
        },
        openMarkdown: (name, column) => this.openMarkdown(uriOf(name), column),
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path)?.markdown ?? '';
  }

  /** Stores a report and returns its Uri; an open report with that name updates. */
  set(name: string, report: Report | string): vscode.Uri {
    const uri = uriOf(name);
    const stored: Stored =
      typeof report === 'string' ? { markdown: report } : { report, markdown: reportMarkdown(report) };
    this.contents.set(uri.path, stored);
    this.changed.fire(uri);
    if (stored.report) this.panels.update(name, stored.report);
    return uri;
  }

  /** Shows a report in its panel beside the editor; one given as Markdown only opens as text. */
  async open(uri: vscode.Uri): Promise<void> {
    const stored = this.contents.get(uri.path);
    if (stored?.report) this.panels.show(nameOf(uri), stored.report);
    else await this.openMarkdown(uri, vscode.ViewColumn.Beside);
  }

  /** The report last set under a name (test seam). */
  report(name: string): Report | undefined {
    return this.contents.get(pathOf(name))?.report;
  }

  /** What the open panel of a report last drew, as its page posted it back (test seam). */
  rendered(name: string): string | undefined {
    return this.panels.rendered(name);
  }

  /** Clicks a button of a report's open panel, through its page (test seam); false while no page is ready. */
  press(name: string, label: string): boolean {
    return this.panels.press(name, label);
  }

  private async openMarkdown(uri: vscode.Uri, column: vscode.ViewColumn | undefined): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: column ?? vscode.ViewColumn.Beside });
  }
}

function pathOf(name: string): string {
  return `/${name}`;
}

function uriOf(name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: pathOf(name) });
}

function nameOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '');
}
