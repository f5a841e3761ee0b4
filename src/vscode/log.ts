import * as vscode from 'vscode';

/** The extension's single output channel. Never pass key material or secrets to it. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('mTLS Rotation', { log: true });
}
