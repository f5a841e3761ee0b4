import * as vscode from 'vscode';
import { addAllMissingSans, CompareFix, compareFix } from '../../core/compare/compareFixes';
import { applyFormEdit, readRequestForm } from '../../core/opensslConfig/requestConfigForm';
import { ConfigDocuments, toRange } from '../opensslConfig/configDocuments';
import { COMPARE_SOURCE } from './compareDiagnostics';
import { certificateName, RenewalRequests } from './renewalRequests';

/** On a request config: set a field to the old certificate's value, add the SANs it lost. */
export class CompareCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly requests: RenewalRequests,
    private readonly configs: ConfigDocuments,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === COMPARE_SOURCE);
    if (ours.length === 0) return [];
    const comparison = this.requests.compare(document);
    if (!comparison?.old || comparison.request.kind !== 'config') return [];
    const form = readRequestForm(this.configs.get(document));
    const oldName = certificateName(comparison.old);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = comparison.findings.find(
        (f) =>
          f.code === diagnostic.code &&
          f.message === diagnostic.message &&
          (!f.range || toRange(f.range).isEqual(diagnostic.range)),
      );
      const fix = finding && compareFix(finding, form, oldName);
      if (fix) actions.push(this.action(document, fix, [diagnostic], true));
    }
    const all = addAllMissingSans(comparison.findings, form, oldName);
    if (all)
      actions.push(
        this.action(
          document,
          all,
          ours.filter((d) => d.code === 'san-removed'),
          false,
        ),
      );
    return actions;
  }

  private action(
    document: vscode.TextDocument,
    fix: CompareFix,
    diagnostics: vscode.Diagnostic[],
    preferred: boolean,
  ): vscode.CodeAction {
    // Each form edit is computed on the text the previous one left, so several can be chained safely.
    let text = document.getText();
    for (const edit of fix.edits) text = applyFormEdit(text, this.configs.check(document, text), edit);
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    action.diagnostics = diagnostics;
    action.isPreferred = preferred;
    return action;
  }
}
