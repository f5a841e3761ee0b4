// Entry of the integration tests inside the VS Code extension host: the module named by `extensionTestsPath`.
// VS Code calls run(); its promise settles the run (rejected: the host reports a failure).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { SCREENSHOT_ACK_ENV, SCREENSHOT_MARKER } from '../host/screenshotMarker';
import { prepareScreenshotScene } from './screenshotScene';

export async function run(): Promise<void> {
  const failures = await runMochaIn(__dirname, ['restricted']);
  await holdForScreenshot();
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

/** Runs every *.test.js under `dir` (but the folders named in `skip`, which have entries of their own). */
export async function runMochaIn(dir: string, skip: string[] = []): Promise<number> {
  console.log(
    `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, Node ${process.version})`,
  );
  // Plain output: it is streamed line by line through the workbench's log and parsed (`N passing`, `N failing`).
  // MTLS_TEST_GREP (inherited from the harness through the server) runs only the matching tests, while working on them.
  const grep = process.env.MTLS_TEST_GREP || undefined;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', grep });
  const files = findTests(dir).filter(
    (file) => !skip.some((folder) => path.relative(dir, file).split(path.sep)[0] === folder),
  );
  for (const file of files) mocha.addFile(file);
  if (files.length === 0) throw new Error(`no *.test.js files under ${dir}`);
  return new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * Once run() settles, VS Code ends the extension host, and the extension's views go blank. Under the offline
 * harness (which sets MTLS_HOST_SCREENSHOT_ACK), keep the host alive until the harness has taken its screenshot
 * and created that file; give up after 20 s. Elsewhere, return at once. See test/host/screenshotMarker.ts.
 */
async function holdForScreenshot(): Promise<void> {
  const ack = process.env[SCREENSHOT_ACK_ENV];
  if (!ack) return;
  await prepareScreenshotScene().catch((error: unknown) => console.log(`screenshot scene: ${String(error)}`));
  console.log(SCREENSHOT_MARKER);
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(ack) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
