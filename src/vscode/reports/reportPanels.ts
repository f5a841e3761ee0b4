import * as vscode from 'vscode';
import type { Report } from '../../core/report/reportModel';
import { parseReportRequest, ReportUpdate } from '../../core/report/reportProtocol';
import { Disposable } from '../disposable';
import { webviewPage, webviewPageOptions } from '../webview/webviewPage';

const VIEW_TYPE = 'mtlsRotation.report';

interface Panel {
  panel: vscode.WebviewPanel;
  report: Report;
  ready: boolean;
  /** What the page last drew, as it posted it back (read by the integration tests). */
  rendered?: string;
}

/** What a page's Markdown buttons do; the report documents keep the Markdown. */
export interface ReportMarkdownActions {
  copyMarkdown(name: string): Promise<void>;
  openMarkdown(name: string, column: vscode.ViewColumn | undefined): Promise<void>;
}

/**
 * One webview panel per report name, beside the editor: showing a report again updates its open panel in place,
 * so re-running a command never stacks tabs. The page (src/webview/report) draws the report from a message.
 */
export class ReportPanels extends Disposable {
  private readonly panels = new Map<string, Panel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly markdown: ReportMarkdownActions,
  ) {
    super();
    this.register({ dispose: () => [...this.panels.values()].forEach((entry) => entry.panel.dispose()) });
  }

  /** Sends the report to its open panel, if there is one. */
  update(name: string, report: Report): void {
    const entry = this.panels.get(name);
    if (!entry) return;
    entry.report = report;
    entry.panel.title = report.title;
    if (entry.ready) this.post(entry, { type: 'report', report });
  }

  /** Shows the report in its panel, opening one beside the editor when it has none. */
  show(name: string, report: Report): void {
    const open = this.panels.get(name);
    if (open) {
      this.update(name, report);
      open.panel.reveal(open.panel.viewColumn ?? vscode.ViewColumn.Beside);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      report.title,
      { viewColumn: vscode.ViewColumn.Beside },
      { ...webviewPageOptions(this.extensionUri), enableFindWidget: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = webviewPage(panel.webview, this.extensionUri, {
      script: 'report',
      style: 'report.css',
      title: report.title,
      loading: 'Loading the report…',
    });
    const entry: Panel = { panel, report, ready: false };
    this.panels.set(name, entry);
    const received = panel.webview.onDidReceiveMessage((message: unknown) => {
      void this.receive(name, entry, message).catch((error: unknown) => {
        void vscode.window.showErrorMessage(`mTLS Rotation: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    panel.onDidDispose(() => {
      received.dispose();
      if (this.panels.get(name) === entry) this.panels.delete(name);
    });
  }

  /** The text the open panel of a report last drew; for the integration tests. */
  rendered(name: string): string | undefined {
    return this.panels.get(name)?.rendered;
  }

  /** Clicks a button of the open panel's page (its label); false while no page is ready. For the integration tests. */
  press(name: string, label: string): boolean {
    const entry = this.panels.get(name);
    if (!entry?.ready) return false;
    this.post(entry, { type: 'press', label });
    return true;
  }

  isOpen(name: string): boolean {
    return this.panels.has(name);
  }

  private async receive(name: string, entry: Panel, raw: unknown): Promise<void> {
    const message = parseReportRequest(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        // Also after the page was hidden and reloaded: it has lost what it drew.
        entry.ready = true;
        this.post(entry, { type: 'report', report: entry.report });
        return;
      case 'rendered':
        entry.rendered = message.text;
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('$(copy) Copied to the clipboard', 3000);
        return;
      case 'copy-markdown':
        await this.markdown.copyMarkdown(name);
        return;
      case 'open-markdown':
        await this.markdown.openMarkdown(name, entry.panel.viewColumn);
        return;
    }
  }

  private post(entry: Panel, message: ReportUpdate): void {
    void entry.panel.webview.postMessage(message);
  }
}
