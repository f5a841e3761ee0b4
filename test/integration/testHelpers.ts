import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';

export const EXTENSION_ID = 'mtls-rotation.mtls-rotation';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return folder.uri.fsPath;
}

/** Activates the extension and waits for its first inventory scan. */
export async function activateExtension(): Promise<MtlsRotationApi> {
  const extension = vscode.extensions.getExtension<MtlsRotationApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.inventory.store.whenIdle();
  return api;
}

/** Polls until `probe` returns something truthy; the host does its work asynchronously. */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** As `until`, for probes that must await something. */
export async function untilAsync<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
