// Runs inside the VS Code extension host (the harness's extensionTestsPath): times the Certificates view on a
// workspace of 10,000 certificate files, from activation to the first items and to the full load, against a
// plain loop in the same process that reads and parses every file with X509Certificate, measured alternately.
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';

const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(name: string, value: number, extra: Record<string, number | string> = {}): void {
  console.log(`BENCH ${JSON.stringify({ name, ms: Math.round(value * 10) / 10, ...extra })}`);
}

export async function run(): Promise<void> {
  console.log(`VS Code ${vscode.version} (${vscode.env.appName}, Node ${process.version})`);
  const extension = vscode.extensions.getExtension<MtlsRotationApi>('mtls-rotation.mtls-rotation');
  if (!extension) throw new Error('extension not found');
  await vscode.commands.executeCommand('mtlsRotation.showInventory');

  const started = performance.now();
  const api = await extension.activate();
  let firstItems: number | undefined;
  const listener = api.inventory.tree.onDidChangeModel((model) => {
    if (firstItems === undefined && model.certificates.length > 0) firstItems = performance.now() - started;
  });
  await api.inventory.store.whenIdle();
  const fullLoad = performance.now() - started;
  listener.dispose();
  const certificates = api.inventory.tree.model.certificates.length;
  const files = [...new Set(api.inventory.store.snapshot().items.map((item) => item.path))];

  const plainLoop = (): number => {
    const t = performance.now();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      new X509Certificate(text);
    }
    return performance.now() - t;
  };
  const rescans: number[] = [];
  const loops: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    loops.push(plainLoop());
    const t = performance.now();
    await api.inventory.store.refresh();
    rescans.push(performance.now() - t);
  }
  const floor = median(loops);
  // Where the time goes besides reading and parsing: finding the files, and rebuilding a tree of this size.
  const findStart = performance.now();
  await vscode.workspace.findFiles('**/*.{pem,crt,cer,cert,der,key,csr,req,p12,pfx}', '**/{node_modules,.git}/**');
  const findMs = performance.now() - findStart;
  const rebuildStart = performance.now();
  api.inventory.tree.rebuild();
  const rebuildMs = performance.now() - rebuildStart;
  report('first items in the tree after activation', firstItems ?? fullLoad, { files: files.length, certificates });
  report('full load after activation (first scan, cold)', fullLoad, {
    ratio: Math.round((fullLoad / floor) * 100) / 100,
  });
  report('refresh of the whole inventory (median)', median(rescans), {
    ratio: Math.round((median(rescans) / floor) * 100) / 100,
  });
  report('plain loop in the extension host: readFileSync + X509Certificate (median)', floor, { ratio: 1 });
  report('of which: vscode.workspace.findFiles over the workspace', findMs);
  report('of which: one rebuild of the tree model (pairing, badges, decorations)', rebuildMs);
  report('extension host memory', process.memoryUsage().rss / 1024 / 1024, { unit: 'MiB rss' });
}
