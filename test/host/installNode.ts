import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { npmInstall } from './npmInstall';
import { withLock } from './withLock';

export interface InstalledNode {
  /** Absolute path of the node binary. */
  path: string;
  /** Its `process.version`, e.g. `v24.9.0`. */
  version: string;
  /** True when nothing had to be downloaded. */
  cached: boolean;
}

/**
 * A Node binary of the given major version. This process's own Node when it is that major; otherwise the npm
 * package `node-<platform>-<arch>@MAJOR` (a plain tarball carrying `bin/node`, no install script) installed into
 * `<cacheRoot>/node-<major>`, once.
 */
export async function installNode(major: number, cacheRoot: string, logFile: string): Promise<InstalledNode> {
  if (Number(process.versions.node.split('.')[0]) === major) {
    return { path: process.execPath, version: process.version, cached: true };
  }
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const prefix = path.join(cacheRoot, `node-${major}`);
  const binary = path.join(prefix, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  return withLock(`${prefix}.lock`, async () => {
    const found = versionOf(binary);
    if (found && majorOf(found) === major) return { path: binary, version: found, cached: true };
    fs.rmSync(prefix, { recursive: true, force: true });
    await npmInstall(prefix, [`${pkg}@${major}`], logFile);
    const version = versionOf(binary);
    if (!version || majorOf(version) !== major) {
      throw new Error(
        `${pkg}@${major} installed into ${prefix}, but ${binary} does not run as Node ${major} (${version ?? 'no version'})`,
      );
    }
    return { path: binary, version, cached: false };
  });
}

function versionOf(binary: string): string | undefined {
  if (!fs.existsSync(binary)) return undefined;
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

function majorOf(version: string): number {
  return Number(version.replace(/^v/, '').split('.')[0]);
}
