import * as vscode from 'vscode';
import { ConfigFinding } from '../../core/opensslConfig/configFinding';
import { findConfigNodeAt } from '../../core/opensslConfig/findConfigNodeAt';
import { DIAGNOSTIC_SOURCE } from './configDiagnostics';
import { ConfigDocuments, toRange } from './configDocuments';

/** What a new section should start with, by the finding that says it is missing. */
const SECTION_TEMPLATES: Record<string, (name: string) => string> = {
  'distinguished-name-section-missing': () => 'O = \nOU = \nCN = \n',
  'extension-section-missing': () => 'subjectAltName = @alt_names\n',
  'san-section-missing': () => 'DNS.1 = \n',
  'attributes-section-missing': () => '',
  'oid-section-missing': () => '',
};

/** Quick fixes: create a section that a key points at, and replace a misspelt name with the closest known one. */
export class ConfigCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly documents: ConfigDocuments) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const { config, findings } = this.documents.get(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = findings.find(
        (f) =>
          f.code === diagnostic.code &&
          f.line !== undefined &&
          toRange(f as Required<ConfigFinding>).isEqual(diagnostic.range),
      );
      if (!finding) continue;
      const suggestion = finding.data?.suggestion;
      if (suggestion !== undefined) {
        const action = new vscode.CodeAction(`Replace with '${suggestion}'`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, suggestion);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      const template = SECTION_TEMPLATES[String(finding.code)];
      if (template && finding.line !== undefined) {
        const node = findConfigNodeAt(config, finding.line, finding.column ?? 1);
        // A section named by a value from the environment or an included file would put that value on screen.
        const name =
          node && 'entry' in node && !node.entry.origin ? node.entry.value.replace(/^@/, '').trim() : undefined;
        if (!name) continue;
        const action = new vscode.CodeAction(`Create section [ ${name} ]`, vscode.CodeActionKind.QuickFix);
        const end = document.lineAt(document.lineCount - 1);
        const separator = end.text.trim() === '' ? '' : '\n';
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, end.range.end, `${separator}\n[ ${name} ]\n${template(name)}`);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}
