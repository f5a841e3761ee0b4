import * as vscode from 'vscode';
import { Log } from './log';
import { BUILT_IN_COMMAND_IDS } from './commandIds';
import { runCommand } from './commands';

/**
 * Restricted Mode: a workspace the user has not trusted may be read (inventory, badges, the config language,
 * comparisons), never acted on. Each guarded command says what it would do, so the refusal explains itself.
 * Returns true when the command may go on.
 */
export function allowedInThisWorkspace(log: Log, doesWhat: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const message = `${doesWhat}: off in Restricted Mode, because this workspace is not trusted. Trust it to use this.`;
  log.warn(message);
  void vscode.window.showWarningMessage(`mTLS Rotation: ${message}`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void runCommand(BUILT_IN_COMMAND_IDS.manageTrust);
  });
  return false;
}
