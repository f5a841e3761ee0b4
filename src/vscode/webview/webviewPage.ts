import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

export interface WebviewPageOptions {
  /** The page's bundle in dist/webview (built from src/webview/<name>/main.ts), e.g. `configEditor`. */
  script: string;
  /** The page's stylesheet in media/, e.g. `configEditor.css`. */
  style: string;
  title: string;
  /** Shown until the script has built the page from its first message; plain text. */
  loading: string;
}

/**
 * Every page of the extension: no inline script or style, a fresh nonce for the one script, the style from the
 * extension's media folder, nothing else allowed (CSP `default-src 'none'`). Pages build themselves from the
 * messages they get, so nothing from a workspace file is ever interpolated into this HTML.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, options: WebviewPageOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${options.script}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', options.style));
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(options.loading)}</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** Webview options for a page built by webviewPage: scripts on, resources only from dist/webview and media. */
export function webviewPageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
