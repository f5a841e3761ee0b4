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
import type { ConfigEditorSnapshot, ConfigEditorUpdate } from '../../core/opensslConfig/configEditorProtocol';
import { FormProblem, placeFormProblem } from '../../core/opensslConfig/formProblem';
import type { Severity } from '../../core/model';
import { severityCounts } from '../../core/severityCounts';
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
  /** Answers to the tests' snapshot requests, oldest first. */
  snapshots: ((snapshot: ConfigEditorSnapshot) => void)[];
}

/** The problems last sent for a document, with the code actions behind their fix buttons. */
interface Problems {
  message: ConfigEditorUpdate;
  /** The document version the fixes were computed on: an edit computed on older text must not be applied. */
  version: number;
  fixes: Map<string, vscode.CodeAction>;
}

const SEVERITIES: Partial<Record<vscode.DiagnosticSeverity, Severity>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
};

function diagnosticCode(code: vscode.Diagnostic['code']): string | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
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
  private readonly problems = new Map<string, Problems>();
  /** Counts problem computations per document, so that a slower, older one never replaces a newer one. */
  private readonly problemRuns = new Map<string, number>();
  private readonly extensionUri: vscode.Uri;

  constructor(
    private readonly documents: ConfigDocuments,
    private readonly log: Log,
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
    // The Problems panel is the reference: whatever changes it (a provider's delay, the comparison's certificate
    // found or linked) redraws the form's problems.
    this.register(
      vscode.languages.onDidChangeDiagnostics((event) => {
        for (const uri of event.uris) {
          // Only the problems: redrawing the inputs here would disturb typing when a late comparison arrives.
          const document = [...(this.panels.get(uri.toString()) ?? [])][0]?.document;
          if (document && !document.isClosed) this.sendProblems(document);
        }
      }),
    );
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

  /** For the integration tests: clicks the button named by `key` (its data-key) in each ready page. */
  click(uri: vscode.Uri, key: string): boolean {
    const ready = [...(this.panels.get(uri.toString()) ?? [])].filter((entry) => entry.ready);
    for (const entry of ready) this.post(entry, { type: 'click', key });
    return ready.length > 0;
  }

  /** Whether a page of the document has loaded its script (it takes messages). */
  pageReady(uri: vscode.Uri): boolean {
    return [...(this.panels.get(uri.toString()) ?? [])].some((entry) => entry.ready);
  }

  /**
   * For the integration tests: what the first ready page of the document shows, read from its DOM; undefined when
   * no page is ready or none answers within `timeoutMs`.
   */
  async snapshot(uri: vscode.Uri, timeoutMs = 5_000): Promise<ConfigEditorSnapshot | undefined> {
    const entry = [...(this.panels.get(uri.toString()) ?? [])].find((e) => e.ready);
    if (!entry) return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        entry.snapshots = entry.snapshots.filter((r) => r !== answer);
        resolve(undefined);
      }, timeoutMs);
      const answer = (snapshot: ConfigEditorSnapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      };
      entry.snapshots.push(answer);
      this.post(entry, { type: 'snapshot-request' });
    });
  }

  /** The problems last sent to the document's pages. */
  problemsFor(uri: vscode.Uri): FormProblem[] | undefined {
    const message = this.problems.get(uri.toString())?.message;
    return message?.type === 'problems' ? message.problems : undefined;
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
    const title = formTitle(document.uri);
    // The tab's own name, so that the form and the text editor of one file can be told apart. VS Code names a
    // custom editor's tab after its file until 1.106 (microsoft/vscode#105299), which reads the panel's title.
    panel.title = title;
    panel.webview.html = webviewPage(panel.webview, this.extensionUri, {
      script: 'configEditor',
      style: 'configEditor.css',
      title,
      loading: 'Reading the request config…',
    });
    const entry: Panel = { panel, document, ready: false, snapshots: [] };
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
        this.problems.delete(key);
        this.problemRuns.delete(key);
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
        this.sendProblems(document);
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
      case 'fix':
        this.post(entry, await this.applyFix(document, message.id));
        return;
      case 'snapshot':
        entry.snapshots.shift()?.(message.snapshot);
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
        if (!document.isClosed) {
          this.render(document);
          this.sendProblems(document);
        }
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

  /**
   * Sends every diagnostic the Problems panel has for the document (hints are not listed there), each placed on
   * its row, with the quick fixes the code action providers offer for its range.
   */
  private sendProblems(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const run = (this.problemRuns.get(key) ?? 0) + 1;
    this.problemRuns.set(key, run);
    void this.computeProblems(document, run).then(
      (problems) => {
        if (!problems || this.problemRuns.get(key) !== run || !this.panels.has(key)) return;
        this.problems.set(key, problems);
        for (const entry of this.panels.get(key) ?? []) if (entry.ready) this.post(entry, problems.message);
      },
      (error: unknown) => this.log.error(`Form editor: reading the problems failed: ${String(error)}`),
    );
  }

  private async computeProblems(document: vscode.TextDocument, run: number): Promise<Problems | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const form = this.forms.get(key) ?? readRequestForm(this.documents.get(document));
    const fixes = new Map<string, vscode.CodeAction>();
    const problems: FormProblem[] = [];
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      const severity = SEVERITIES[diagnostic.severity];
      if (!severity) continue;
      const { start, end } = diagnostic.range;
      const problem: FormProblem = {
        severity,
        message: diagnostic.message,
        ...(diagnostic.source ? { source: diagnostic.source } : {}),
        ...(diagnostic.code !== undefined ? { code: diagnosticCode(diagnostic.code) } : {}),
        range: {
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
        },
        fixes: [],
      };
      const target = placeFormProblem(form, problem);
      if (target) problem.target = target;
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
          'vscode.executeCodeActionProvider',
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      // A newer run started (the text or the diagnostics changed): this one's fixes would be stale.
      if (this.problemRuns.get(key) !== run) return undefined;
      const titles = new Set<string>();
      for (const action of actions) {
        if (!(action instanceof vscode.CodeAction) || action.disabled || (!action.edit && !action.command)) continue;
        if (titles.has(action.title)) continue;
        titles.add(action.title);
        const id = `${run}:${fixes.size}`;
        fixes.set(id, action);
        problem.fixes.push({ id, title: action.title, ...(action.isPreferred ? { preferred: true } : {}) });
      }
      problems.push(problem);
    }
    return { message: { type: 'problems', problems, counts: severityCounts(problems) }, version, fixes };
  }

  /** Applies a quick fix as the lightbulb does: its edit (one undo step in the document), then its command. */
  private async applyFix(document: vscode.TextDocument, id: string): Promise<ConfigEditorUpdate> {
    const problems = this.problems.get(document.uri.toString());
    const action = problems?.fixes.get(id);
    if (!problems || !action) return { type: 'fix-result', ok: false, message: 'That fix is no longer offered.' };
    if (document.version !== problems.version) {
      this.sendProblems(document);
      return { type: 'fix-result', ok: false, message: 'The file changed since; the fixes are being updated.' };
    }
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
      return { type: 'fix-result', ok: false, message: 'VS Code did not apply the fix (is the file read-only?).' };
    }
    if (action.command)
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    return { type: 'fix-result', ok: true, message: action.title };
  }

  private formMessage(document: vscode.TextDocument, form: RequestForm): ConfigEditorUpdate {
    return { type: 'form', form, fileName: path.basename(document.uri.path), version: document.version };
  }

  private post(entry: Panel, message: ConfigEditorUpdate): void {
    void entry.panel.webview.postMessage(message);
  }
}

/** "request.cnf (Form)": the form's tab, distinct from the text editor's. */
export function formTitle(uri: vscode.Uri): string {
  return `${path.basename(uri.path)} (Form)`;
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
