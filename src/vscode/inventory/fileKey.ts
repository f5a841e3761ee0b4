import * as vscode from 'vscode';

/** An absolute POSIX path of characters a file URI leaves as they are (and not `//`, which names a host). */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*$/;

/**
 * `vscode.Uri.file(path).toString()`, the store's key for a local file: built directly for the common path,
 * since building a Uri for each of 10,000 files is a noticeable part of showing a reopened workspace.
 */
export function fileKey(path: string): string {
  return process.platform !== 'win32' && PLAIN_PATH.test(path) ? `file://${path}` : vscode.Uri.file(path).toString();
}
