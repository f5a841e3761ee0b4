import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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
export async function untilAsync<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Answers confirmations from a script and records every question, so a test sees what was asked. The one-time
 * question before a test call goes to a new URL is answered yes (and recorded in `approvedUrls`), as a user who
 * configured that environment would.
 */
export class ScriptedPrompts {
  readonly asked: Array<{ message: string; detail: string; confirmLabel: string; answer: boolean }> = [];
  readonly approvedUrls: string[] = [];
  /** Questions with several answers; each is dismissed. */
  readonly choices: Array<{ message: string; labels: string[] }> = [];
  constructor(
    private readonly answers: boolean[],
    private readonly options: { approveUrls?: boolean } = {},
  ) {}
  async confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    if (confirmLabel === 'Call This URL') {
      if (this.options.approveUrls === false) {
        this.asked.push({ message, detail, confirmLabel, answer: false });
        return false;
      }
      this.approvedUrls.push(message);
      return true;
    }
    const answer = this.answers.shift() ?? false;
    this.asked.push({ message, detail, confirmLabel, answer });
    return answer;
  }
  async choose(message: string, _detail: string, labels: string[]): Promise<string | undefined> {
    this.choices.push({ message, labels });
    return undefined;
  }
}

/** Test-call environments live in the user's settings (a workspace cannot route API keys); undefined resets them. */
export async function setEnvironments(environments: unknown[] | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('mtlsRotation')
    .update('environments', environments, vscode.ConfigurationTarget.Global);
}

/** A fresh folder inside the fixture workspace: the extension writes keys and CSRs only inside a workspace folder. */
export function workspaceScratch(prefix = 'scratch-'): string {
  return fs.mkdtempSync(path.join(workspaceRoot(), prefix));
}
