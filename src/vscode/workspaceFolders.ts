import * as vscode from 'vscode';

/** The folders of the workspace on disk: the only places the extension writes to or deletes from. */
export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}
