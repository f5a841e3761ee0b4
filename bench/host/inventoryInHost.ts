// Runs inside the VS Code extension host (the harness's extensionTestsPath): times the Certificates view on a
// workspace of 10,000 certificate files against a plain loop in the same process that reads and parses every
// file with X509Certificate. Two launches on the same workspace and user data (MTLS_BENCH_PHASE): `first` (no
// cache: the full load, refreshes with nothing changed, memory) and `reopen` (the cache the first one left).
// The extension activates on its own (workspaceContains) before run() is called, so activation-relative figures
// come from the store's own timestamps (performance.now(), the same clock in this process).
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { MtlsRotationApi } from '../../src/extension';
import { walkFiles } from '../../src/core/inventory/walkFiles';

const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(name: string, value: number, extra: Record<string, number | string> = {}): void {
  console.log(`BENCH ${JSON.stringify({ name, ms: Math.round(value * 10) / 10, ...extra })}`);
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function memory(label: string): void {
  const m = process.memoryUsage();
  report(`extension host memory ${label}`, mib(m.rss), {
    unit: 'MiB rss',
    heapUsedMiB: mib(m.heapUsed),
    heapTotalMiB: mib(m.heapTotal),
    externalMiB: mib(m.external),
    arrayBuffersMiB: mib(m.arrayBuffers),
  });
}

function plainLoop(files: string[]): number {
  const t = performance.now();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    new X509Certificate(text);
  }
  return performance.now() - t;
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/**
 * With MTLS_BENCH_HEAP=1: V8's sampling heap profiler from here on, and at `report()` the live memory by the
 * function and by the file that allocated it, largest first: where the extension host's memory goes.
 */
async function heapSampler(): Promise<{ report(label: string): Promise<void> } | undefined> {
  if (!process.env.MTLS_BENCH_HEAP) return undefined;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('HeapProfiler.startSampling', { samplingInterval: 32 * 1024 });
  return {
    async report(label: string) {
      const { profile } = (await post('HeapProfiler.getSamplingProfile')) as { profile: { head: ProfileNode } };
      const byFunction = new Map<string, number>();
      const byFile = new Map<string, number>();
      const walk = (node: ProfileNode) => {
        const file = node.callFrame.url ? path.basename(node.callFrame.url) : '(native)';
        const where = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
        byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize);
        byFile.set(file, (byFile.get(file) ?? 0) + node.selfSize);
        node.children.forEach(walk);
      };
      walk(profile.head);
      const top = (map: Map<string, number>) =>
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([name, bytes]) => `${mib(bytes)} MiB ${name}`);
      console.log(`HEAP live since the sampler started, ${label}, by file: ${top(byFile).join(' | ')}`);
      console.log(`HEAP live since the sampler started, ${label}, by function: ${top(byFunction).join(' | ')}`);
    },
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * With MTLS_BENCH_PROFILE=1: every file's mtime moved, then a refresh (which reads them all again) under V8's
 * CPU profiler; prints the time by file and by function, largest first: where a full read goes in the host.
 */
async function profileFullReread(store: MtlsRotationApi['inventory']['store'], files: string[]): Promise<void> {
  if (!process.env.MTLS_BENCH_PROFILE) return;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const moved = new Date(Date.now() - 3600_000);
  for (const file of files) fs.utimesSync(file, moved, moved);
  await post('Profiler.enable');
  await post('Profiler.start');
  const t = performance.now();
  await store.refresh();
  const ms = performance.now() - t;
  const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  // The reopen that follows is to find the files as this cache has them.
  await store.saveCache();
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!;
    const file = frame.url ? path.basename(frame.url) : `(${frame.functionName || 'native'})`;
    const where = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    const delta = profile.timeDeltas[i] / 1000;
    byFunction.set(where, (byFunction.get(where) ?? 0) + delta);
    byFile.set(file, (byFile.get(file) ?? 0) + delta);
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, total]) => `${Math.round(total)} ms ${name}`);
  report('refresh after every file changed (all read again, under the CPU profiler)', ms);
  console.log(`HEAP cpu of the full re-read by file: ${top(byFile).join(' | ')}`);
  console.log(`HEAP cpu of the full re-read by function: ${top(byFunction).join(' | ')}`);
}

/**
 * With MTLS_BENCH_PROFILE=1 on the reopen: V8's CPU profiler from this entry's start to the whole tree; the
 * returned function stops it and prints the time by function, largest first. The workbench may have activated
 * the extension before this entry runs: the restore is then not in it, and the store's log gives its split.
 */
async function profileReopen(): Promise<() => Promise<void>> {
  if (!process.env.MTLS_BENCH_PROFILE) return async () => undefined;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    const byFunction = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!;
      const file = frame.url ? path.basename(frame.url) : `(${frame.functionName || 'native'})`;
      const where = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
      byFunction.set(where, (byFunction.get(where) ?? 0) + profile.timeDeltas[i] / 1000);
    });
    const top = [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([name, total]) => `${Math.round(total)} ms ${name}`);
    console.log(`HEAP cpu of the reopen by function: ${top.join(' | ')}`);
  };
}

export async function run(): Promise<void> {
  const heap = await heapSampler();
  const phase = process.env.MTLS_BENCH_PHASE === 'reopen' ? 'reopen' : 'first';
  console.log(`VS Code ${vscode.version} (${vscode.env.appName}, Node ${process.version}), phase ${phase}`);
  const stopProfile = phase === 'reopen' ? await profileReopen() : async () => undefined;
  const extension = vscode.extensions.getExtension<MtlsRotationApi>('mtls-rotation.mtls-rotation');
  if (!extension) throw new Error('extension not found');
  const commandStart = performance.now();
  await vscode.commands.executeCommand('mtlsRotation.showInventory');
  const api = await extension.activate();
  const store = api.inventory.store;
  const tree = api.inventory.tree;
  // Activation began at the store's start(), or (had it not started yet) when this entry asked for the view.
  const started = store.timings.started ?? commandStart;

  if (phase === 'reopen') {
    const restoredFiles = await store.whenRestored();
    // The whole tree: the model built from what the cache showed (the rebuild that was waiting is done now).
    const restoredAt = store.timings.restored ?? performance.now();
    const rebuildStart = performance.now();
    tree.rebuild();
    const certificatesShown = tree.model.certificates.length + tree.model.caCertificates.length;
    const reopen = restoredAt - started + (performance.now() - rebuildStart);
    await stopProfile();
    memory('after the reopen (cache shown)');
    await heap?.report('after the reopen');
    await store.whenIdle();
    const background = (store.timings.loaded ?? performance.now()) - restoredAt;
    const files = [...new Set(store.snapshot().items.map((item) => item.path))];
    const loops: number[] = [];
    for (let round = 0; round < ROUNDS; round++) loops.push(plainLoop(files));
    const floor = median(loops);
    report('reopen from the cache: activation to the whole tree', reopen, {
      ratio: Math.round((reopen / floor) * 100) / 100,
      restoredFiles,
      certificatesShown,
      certificatesAfterPass: tree.model.certificates.length + tree.model.caCertificates.length,
    });
    report('of which: background pass after the reopen (walk + stat, nothing read)', background, {
      ratio: Math.round((background / floor) * 100) / 100,
    });
    report('plain loop in the reopened host: readFileSync + X509Certificate (median)', floor, { ratio: 1 });
    memory('after the reopen and its background pass');
    printInventoryLog(api);
    return;
  }

  await store.whenIdle();
  const loaded = store.timings.loaded ?? performance.now();
  const rebuildStart = performance.now();
  tree.rebuild();
  const certificates = tree.model.certificates.length;
  const rebuildMs = performance.now() - rebuildStart;
  const fullLoad = loaded - started + rebuildMs;
  memory('after the full load');
  await heap?.report('after the full load');
  const files = [...new Set(store.snapshot().items.map((item) => item.path))];

  const refreshes: number[] = [];
  const loops: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    loops.push(plainLoop(files));
    const t = performance.now();
    await store.refresh();
    refreshes.push(performance.now() - t);
  }
  const floor = median(loops);
  // What VS Code's own search costs on this workspace: the walk the store no longer does.
  const findStart = performance.now();
  await vscode.workspace.findFiles('**/*.{pem,crt,cer,cert,der,key,csr,req,p12,pfx}', '**/{node_modules,.git}/**');
  const findMs = performance.now() - findStart;
  const walkStart = performance.now();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const walked = folder ? (await walkFiles([folder], { stat: true, skipDirectories: [] })).files.length : 0;
  const walkMs = performance.now() - walkStart;
  await store.saveCache();
  await profileFullReread(store, files);
  report('full load after activation (first scan, no cache)', fullLoad, {
    ratio: Math.round((fullLoad / floor) * 100) / 100,
    files: files.length,
    certificates: certificates + tree.model.caCertificates.length,
  });
  report('refresh with nothing changed (median)', median(refreshes), {
    ratio: Math.round((median(refreshes) / floor) * 100) / 100,
  });
  report('plain loop in the extension host: readFileSync + X509Certificate (median)', floor, { ratio: 1 });
  report('for comparison: vscode.workspace.findFiles over the workspace', findMs);
  report('of which: the walk with a stat per file (walkFiles)', walkMs, {
    ratio: Math.round((walkMs / floor) * 100) / 100,
    walked,
  });
  report('of which: one rebuild of the tree model (pairing, badges, decorations)', rebuildMs);
  memory('after the refreshes');
  printInventoryLog(api);
}

/** The store's own account (files walked, read, shown from the cache), into the benchmark's output log. */
function printInventoryLog(api: MtlsRotationApi): void {
  for (const line of api.audit.logLines()) if (line.includes('Inventory')) console.log(line);
}
