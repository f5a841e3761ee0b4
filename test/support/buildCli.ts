// Builds dist/cli.js the way `npm run build` does (same esbuild options) but for the CLI alone, so that the
// CLI tests do not depend on the extension bundle building at that moment.
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

let built = false;

export function buildCli(): string {
  if (built) return CLI;
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile: CLI,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // As esbuild.js: jsonc-parser's UMD "main" cannot be bundled (the CLI reads rotation records through it).
    mainFields: ['module', 'main'],
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  fs.chmodSync(CLI, 0o755);
  built = true;
  return CLI;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [buildCli(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
