import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommand } from '../commands';
import { Log } from '../log';
import {
  FormEdit,
  FormEditError,
  formEditToTextEdits,
  readRequestForm,
  RequestForm,
} from '../../core/opensslConfig/requestConfigForm';
import { Disposable } from '../disposable';
import { CONFIG_LANGUAGE, ConfigDocuments, toRange } from './configDocuments';
import type { ConfigEditorUpdate } from '../../core/opensslConfig/configEditorProtocol';
import { webviewPage, webviewPageOptions } from '../webview/webviewPage';
import { parseConfigEditorRequest } from './parseConfigEditorRequest';

/** Coalesces the change events of one edit (and of fast typing in a text editor beside the form). */
const RENDER_DELAY_MS = 20;
const CONFIG_GLOB = '**/{*.cnf,openssl.cnf,*openssl*.conf}';
const CONFIG_EXCLUDE = '**/{node_modules,.git,.vscode-test,out,dist}/**';

interface Panel {
  panel: vscode.WebviewPanel;
  document: vscode.TextDocument;
  /** The page has loaded its script; messages sent before would be lost. */
  ready: boolean;
}

/**
 * The request-config form: a custom text editor over the config's TextDocument. Every form edit becomes a
 * WorkspaceEdit of that document, so undo/redo, dirty state, saving and an open text editor stay in step; the
 * form is drawn again from the document whenever it changes, from the same evaluation the diagnostics use.
 */
export class ConfigEditor extends Disposable implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'mtlsRotation.configEditor';
  static readonly openCommand = 'mtlsRotation.openConfigEditor';

  private readonly panels = new Map<string, Set<Panel>>();
  private readonly forms = new Map<string, RequestForm>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly extensionUri: vscode.Uri;

  constructor(
    private readonly documents: ConfigDocuments,
    log: Log,
    extensionUri: vscode.Uri,
  ) {
    super();
    this.extensionUri = extensionUri;
    this.register(
      vscode.window.registerCustomEditorProvider(ConfigEditor.viewType, this, {
        supportsMultipleEditorsPerDocument: true,
      }),
    );
    this.register(
      registerCommand(log, ConfigEditor.openCommand, (arg?: unknown) =>
        this.open(arg instanceof vscode.Uri ? arg : undefined),
      ),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)));
    this.register({
      dispose: () => {
        for (const timer of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
      },
    });
  }

  /** The form last drawn for a document open in the form editor. */
  formFor(uri: vscode.Uri): RequestForm | undefined {
    return this.forms.get(uri.toString());
  }

  /** Open form editors of a document. */
  panelsFor(uri: vscode.Uri): vscode.WebviewPanel[] {
    return [...(this.panels.get(uri.toString()) ?? [])].map((p) => p.panel);
  }

  /**
   * For the integration tests: asks each open page of the document to type `text` into the input named by `key`
   * (its data-key, `field:OU`) through the page's own input handlers, and with `commit` to press Enter. False
   * while no page has loaded its script yet.
   */
  typeInto(uri: vscode.Uri, key: string, text: string, commit = false): boolean {
    const ready = [...(this.panels.get(uri.toString()) ?? [])].filter((entry) => entry.ready);
    for (const entry of ready) this.post(entry, { type: 'type-into', key, text, commit });
    return ready.length > 0;
  }

  /**
   * Makes a form edit in the document, as the webview's messages do. Resolves to whether VS Code applied it;
   * throws FormEditError when the edit cannot be made (an unknown field, a value the syntax cannot carry).
   */
  async applyFormEdit(uri: vscode.Uri, edit: FormEdit): Promise<boolean> {
    const document =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
      (await vscode.workspace.openTextDocument(uri));
    const edits = formEditToTextEdits(document.getText(), this.documents.get(document), edit);
    if (edits.length === 0) return true;
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const e of edits) workspaceEdit.replace(document.uri, toRange(e.range), e.newText);
    const applied = await vscode.workspace.applyEdit(workspaceEdit);
    if (applied) this.render(document);
    return applied;
  }

  /** Opens a config in the form editor: the one given, the active one, or one picked from the workspace. */
  async open(uri?: vscode.Uri): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    const target = uri ?? (active?.languageId === CONFIG_LANGUAGE ? active.uri : undefined) ?? (await pickConfig());
    if (!target) return;
    await vscode.commands.executeCommand('vscode.openWith', target, ConfigEditor.viewType);
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const key = document.uri.toString();
    panel.webview.options = webviewPageOptions(this.extensionUri);
    panel.webview.html = webviewPage(panel.webview, this.extensionUri, {
      script: 'configEditor',
      style: 'configEditor.css',
      title: path.basename(document.uri.path),
      loading: 'Reading the request config…',
    });
    const entry: Panel = { panel, document, ready: false };
    let set = this.panels.get(key);
    if (!set) this.panels.set(key, (set = new Set()));
    set.add(entry);
    this.forms.set(key, readRequestForm(this.documents.get(document)));
    const received = panel.webview.onDidReceiveMessage((message: unknown) => {
      void this.receive(entry, message).catch((error: unknown) => {
        void vscode.window.showErrorMessage(`mTLS Rotation: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    panel.onDidDispose(() => {
      received.dispose();
      set.delete(entry);
      if (set.size === 0) {
        this.panels.delete(key);
        this.forms.delete(key);
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
      }
    });
  }

  private async receive(entry: Panel, raw: unknown): Promise<void> {
    const message = parseConfigEditorRequest(raw);
    if (!message) return;
    const { document } = entry;
    switch (message.type) {
      case 'ready':
        entry.ready = true;
        this.post(entry, this.formMessage(document, this.render(document, false)));
        return;
      case 'edit': {
        let answer: ConfigEditorUpdate;
        try {
          const applied = await this.applyFormEdit(document.uri, message.edit);
          answer = applied
            ? { type: 'edit-result', key: message.key, ok: true }
            : {
                type: 'edit-result',
                key: message.key,
                ok: false,
                message: 'VS Code did not apply the change (is the file read-only?).',
              };
        } catch (error) {
          if (!(error instanceof FormEditError)) throw error;
          answer = { type: 'edit-result', key: message.key, ok: false, message: error.message };
        }
        this.post(entry, answer);
        return;
      }
      case 'reveal': {
        const range = toRange(message.range);
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: range });
        return;
      }
      case 'open-text':
        await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default', entry.panel.viewColumn);
        return;
    }
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.panels.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.render(document);
      }, RENDER_DELAY_MS),
    );
  }

  /** Reads the form from the document's current version and sends it to every ready panel of it. */
  private render(document: vscode.TextDocument, send = true): RequestForm {
    const key = document.uri.toString();
    const form = readRequestForm(this.documents.get(document));
    this.forms.set(key, form);
    if (send) {
      const message = this.formMessage(document, form);
      for (const entry of this.panels.get(key) ?? []) if (entry.ready) this.post(entry, message);
    }
    return form;
  }

  private formMessage(document: vscode.TextDocument, form: RequestForm): ConfigEditorUpdate {
    return { type: 'form', form, fileName: path.basename(document.uri.path), version: document.version };
  }

  private post(entry: Panel, message: ConfigEditorUpdate): void {
    void entry.panel.webview.postMessage(message);
  }
}

async function pickConfig(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(CONFIG_GLOB, CONFIG_EXCLUDE, 500);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No OpenSSL request configs (*.cnf) in this workspace.');
    return undefined;
  }
  const picks = files
    .map((uri) => ({ label: path.basename(uri.path), description: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const pick = await vscode.window.showQuickPick(picks, {
    title: 'Open request config in the form editor',
    matchOnDescription: true,
  });
  return pick?.uri;
}
