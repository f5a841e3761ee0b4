// Entry of the integration tests inside the VS Code extension host: the module named by `extensionTestsPath`.
// VS Code calls run(); its promise settles the run (rejected: the host reports a failure).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, Node ${process.version})`);
  // Plain output: it is streamed line by line through the workbench's log and parsed (`N passing`, `N failing`).
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const files = findTests(__dirname);
  for (const file of files) mocha.addFile(file);
  if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
