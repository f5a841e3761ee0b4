import * as fs from 'fs';
import * as path from 'path';
import { npmCommand, npmEnv, npmInstall } from './npmInstall';
import { runCommand } from './runCommand';
import { withLock } from './withLock';

export interface InstalledCodeServer {
  /** code-server's built VS Code (`node_modules/code-server/lib/vscode`). */
  vscodeDir: string;
  /** The server's entry point, run with Node. */
  serverMain: string;
  /** VS Code version from the build's package.json. */
  vscodeVersion: string;
  /** True when the cache was already complete. */
  cached: boolean;
}

/** Bump when the steps below change, so that existing caches are rebuilt. */
const LAYOUT = 1;
const MARKER = '.mtls-host-ready.json';

/**
 * code-server@VERSION in `<cacheRoot>/code-server-VERSION`, made runnable offline:
 * 1. `npm install --ignore-scripts code-server@VERSION` (its postinstall downloads ripgrep from GitHub and builds
 *    native addons: both fail offline, and the extension host does not need them);
 * 2. in `lib/vscode`, `npm install --omit=dev --ignore-scripts`: VS Code's runtime dependencies;
 * 3. `lib/vscode/node_modules.asar -> node_modules`, where the server looks up some modules;
 * 4. `node_modules/@vscode/ripgrep/bin/rg -> <ripgrep on PATH>` (Debian's package `ripgrep`), used for search.
 * A marker file records a finished install, so later runs skip all of it.
 */
export async function installCodeServer(
  version: string,
  cacheRoot: string,
  logFile: string,
): Promise<InstalledCodeServer> {
  const prefix = path.join(cacheRoot, `code-server-${version}`);
  const vscodeDir = path.join(prefix, 'node_modules', 'code-server', 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  const marker = path.join(prefix, MARKER);
  return withLock(`${prefix}.lock`, async () => {
    if (isReady(marker, version) && fs.existsSync(serverMain)) {
      return { vscodeDir, serverMain, vscodeVersion: vscodeVersionOf(vscodeDir), cached: true };
    }
    fs.rmSync(prefix, { recursive: true, force: true });
    await npmInstall(prefix, [`code-server@${version}`], logFile);
    if (!fs.existsSync(serverMain)) throw new Error(`code-server@${version} has no ${serverMain}`);

    await runCommand(npmCommand(), ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: vscodeDir,
      env: npmEnv(),
      logFile,
    });
    symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));

    const rg = findOnPath('rg');
    const rgLink = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    if (rg) {
      fs.mkdirSync(path.dirname(rgLink), { recursive: true });
      symlink(rg, rgLink);
    } else {
      console.warn(`warning: no ripgrep (rg) on PATH; search in VS Code ${vscodeVersionOf(vscodeDir)} will not work`);
    }

    const vscodeVersion = vscodeVersionOf(vscodeDir);
    fs.writeFileSync(
      marker,
      JSON.stringify({ codeServer: version, vscode: vscodeVersion, layout: LAYOUT, rg }, null, 2) + '\n',
    );
    return { vscodeDir, serverMain, vscodeVersion, cached: false };
  });
}

function isReady(marker: string, version: string): boolean {
  try {
    const data = JSON.parse(fs.readFileSync(marker, 'utf8')) as { codeServer?: string; layout?: number };
    return data.codeServer === version && data.layout === LAYOUT;
  } catch {
    return false;
  }
}

function vscodeVersionOf(vscodeDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

function symlink(target: string, link: string): void {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(target, link);
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return fs.realpathSync(candidate);
    } catch {
      // not here
    }
  }
  return undefined;
}
