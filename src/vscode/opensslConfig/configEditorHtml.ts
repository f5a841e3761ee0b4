import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The page of the form editor: no inline script or style, a nonce for the one script (the bundle of
 * src/webview/configEditor, in dist/webview), the style from the extension's media folder. The form itself is
 * built by the script from the messages it gets.
 */
export function configEditorHtml(
  webview: vscode.Webview,
  mediaRoot: vscode.Uri,
  scriptRoot: vscode.Uri,
  title: string,
): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(scriptRoot, 'configEditor.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'configEditor.css'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Reading the request config…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
