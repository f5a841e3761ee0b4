import * as path from 'path';
import * as vscode from 'vscode';
import { configFileAccess } from '../../core/opensslConfig/loadOpensslConfigFile';
import { checkOpensslConfig, ConfigValidation } from '../../core/opensslConfig/validateOpensslConfig';

export const CONFIG_LANGUAGE = 'opensslconf';
export const CONFIG_SELECTOR: vscode.DocumentSelector = [{ language: CONFIG_LANGUAGE }];

/**
 * One evaluation per document version, shared by diagnostics, hover, completion, definitions and code
 * actions: a keystroke parses the config once, not once per feature.
 */
export class ConfigDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; validation: ConfigValidation }>();
  private readonly closed: vscode.Disposable;

  constructor() {
    this.closed = vscode.workspace.onDidCloseTextDocument((doc) => this.cache.delete(doc.uri.toString()));
  }

  get(document: vscode.TextDocument): ConfigValidation {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.validation;
    const validation = this.check(document, document.getText());
    this.cache.set(key, { version: document.version, validation });
    return validation;
  }

  /** Evaluates other text as if it were this document's (for edits computed in several steps). */
  check(document: vscode.TextDocument, text: string): ConfigValidation {
    // openssl resolves relative .include paths against its working directory; users run it beside the config.
    const cwd = document.uri.scheme === 'file' ? path.dirname(document.uri.fsPath) : process.cwd();
    return checkOpensslConfig(text, {
      path: document.uri.fsPath,
      env: process.env,
      ...(document.uri.scheme === 'file' ? configFileAccess(cwd) : {}),
    });
  }

  dispose(): void {
    this.closed.dispose();
    this.cache.clear();
  }
}

/** Core ranges are 1-based with an exclusive end column; VS Code's are 0-based. */
export function toRange(range: { line: number; column: number; endLine?: number; endColumn?: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, range.line - 1), Math.max(0, range.column - 1));
  const end = new vscode.Position(
    Math.max(0, (range.endLine ?? range.line) - 1),
    Math.max(0, (range.endColumn ?? range.column + 1) - 1),
  );
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}
