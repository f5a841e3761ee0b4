import * as vscode from 'vscode';
import { configHoverText } from '../../core/opensslConfig/configHoverText';
import { ConfigDocuments, toRange } from './configDocuments';

/**
 * Explains a key or field name, and shows what a variable resolves to, as openssl would read it; values from the
 * environment or an included file only by where they come from (configHoverText).
 */
export class ConfigHover implements vscode.HoverProvider {
  constructor(private readonly documents: ConfigDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { config, request } = this.documents.get(document);
    const line = document.lineAt(position.line).text;
    const hover = configHoverText(config, request, line, position.line + 1, position.character + 1, process.env);
    return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range)) : undefined;
  }
}
