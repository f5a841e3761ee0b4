import * as vscode from 'vscode';
import { BuiltInCommandId, CommandId } from './commandIds';
import { Log } from './log';
import { allowedInThisWorkspace } from './trust';

/**
 * The one registration point for commands: a failure is logged and shown to the user instead of
 * disappearing into the extension host's console.
 */
export function registerCommand(log: Log, id: CommandId, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`mTLS Rotation: ${message}`);
      return undefined;
    }
  });
}

/**
 * A command that writes, deletes or sends a secret: in Restricted Mode it refuses with `doesWhat` ("Test calls
 * send your API key and client certificate") and returns undefined.
 */
export function registerTrustedCommand(
  log: Log,
  id: CommandId,
  doesWhat: string,
  handler: (...args: never[]) => unknown,
): vscode.Disposable {
  return registerCommand(log, id, (...args: never[]) =>
    allowedInThisWorkspace(log, doesWhat) ? (handler as (...a: never[]) => unknown)(...args) : undefined,
  );
}

/** Runs a command by an id from the list, so that a renamed or misspelt command fails the type check. */
export function runCommand<T = unknown>(id: CommandId | BuiltInCommandId, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(id, ...args);
}
