import * as fs from 'fs';
import * as path from 'path';
import { prepareWorkspace } from '../integration/prepareWorkspace';
import { createHostLogFilter } from './hostLogFilter';
import { HOST_SETTINGS, RESTRICTED_SETTINGS } from './hostSettings';
import { installCodeServer } from './installCodeServer';
import { installNode } from './installNode';
import { parseMochaSummary } from './parseMochaSummary';
import { runInBrowser } from './runInBrowser';
import { SCREENSHOT_ACK_ENV, SCREENSHOT_MARKER } from './screenshotMarker';
import { startServer, type RunningServer } from './startServer';
import type { Target } from './targets';
import { withLock } from './withLock';

export interface RunTargetOptions {
  repoRoot: string;
  /** `.vscode-test/` in the repository: installs, workspaces, logs, screenshots. */
  cacheRoot: string;
  chromium: string;
  /** Limit for one target's run (server start, workbench, tests), installs excluded. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Where the streamed output goes (stdout). */
  print(line: string): void;
  /** The module VS Code runs in the extension host; the integration tests' entry by default. */
  testsEntry?: string;
  /** Builds the workspace to open in `dir` and returns it; the integration fixture by default. */
  prepareWorkspace?: (dir: string) => string;
  /** false for entries that run no mocha (benchmarks): no test summary is expected then. */
  mocha?: boolean;
  /** 'restricted': the workspace opens untrusted (Restricted Mode); logs, folders and the lock get their own names. */
  trust?: 'trusted' | 'restricted';
  /** Every line the extension host logs, unfiltered. */
  onOutput?(line: string): void;
  /**
   * Keep the server's state (user data, workspace storage) and port from the previous run: a window reopened,
   * not a new one. The port matters because the workbench keys a workspace's storage on its URI, authority included.
   */
  keepState?: boolean;
}

export interface TargetResult {
  target: Target;
  trust: 'trusted' | 'restricted';
  ok: boolean;
  /** Why the target failed, when it did. */
  problems: string[];
  /** VS Code version the extension host reported (`vscode.version`). */
  reportedVersion?: string;
  nodeVersion?: string;
  passing: number;
  failing: number;
  pending: number;
  exitCode?: number;
  timedOut: boolean;
  interrupted: boolean;
  installMs: number;
  installCached: boolean;
  runMs: number;
  screenshot?: string;
  serverLog: string;
}

/** Installs (once) and runs the integration tests in one VS Code build; never throws. */
export async function runTarget(target: Target, options: RunTargetOptions): Promise<TargetResult> {
  const v = target.vscode;
  const run = runName(target, options);
  const tag = `[${run}]`;
  const logs = path.join(options.cacheRoot, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const serverLog = path.join(logs, `server-${run}.log`);
  const result: TargetResult = {
    target,
    trust: options.trust ?? 'trusted',
    ok: false,
    problems: [],
    passing: 0,
    failing: 0,
    pending: 0,
    timedOut: false,
    interrupted: false,
    installMs: 0,
    installCached: true,
    runMs: 0,
    serverLog,
  };

  // Installs: code-server and, for newer builds, the Node they need.
  const installStart = Date.now();
  let node: string;
  let serverMain: string;
  try {
    const installLog = path.join(logs, `install-${v}.log`);
    fs.writeFileSync(installLog, '');
    const nodeInstall =
      target.node.kind === 'self'
        ? { path: process.execPath, version: process.version, cached: true }
        : await installNode(target.node.major, options.cacheRoot, installLog);
    const codeServer = await installCodeServer(target.codeServer, options.cacheRoot, installLog);
    node = nodeInstall.path;
    serverMain = codeServer.serverMain;
    result.nodeVersion = nodeInstall.version;
    result.installCached = nodeInstall.cached && codeServer.cached;
    if (codeServer.vscodeVersion !== v) {
      options.print(`${tag} warning: code-server@${target.codeServer} carries VS Code ${codeServer.vscodeVersion}`);
    }
  } catch (err) {
    result.problems.push(`install failed: ${(err as Error).message}`);
    return result;
  } finally {
    result.installMs = Date.now() - installStart;
  }
  options.print(
    `${tag} code-server ${target.codeServer} on Node ${result.nodeVersion}: ` +
      `${result.installCached ? 'cached' : 'installed'} in ${seconds(result.installMs)}`,
  );

  // Another harness run in this tree (someone else's `npm test`) may be using this target's folders: wait.
  return withLock(
    path.join(options.cacheRoot, 'runs', `${run}.lock`),
    () => runTests(target, options, result, node, serverMain),
    {
      signal: options.signal,
    },
  ).catch((err: Error) => {
    result.problems.push(err.message);
    result.interrupted = options.signal.aborted;
    return result;
  });
}

/** `1.100.3`, or `1.100.3-restricted` for the Restricted Mode run: names its logs, folders and output lines. */
export function runName(target: Target, options: Pick<RunTargetOptions, 'trust'>): string {
  return options.trust === 'restricted' ? `${target.vscode}-restricted` : target.vscode;
}

async function runTests(
  target: Target,
  options: RunTargetOptions,
  result: TargetResult,
  node: string,
  serverMain: string,
): Promise<TargetResult> {
  const v = runName(target, options);
  const tag = `[${v}]`;
  const logs = path.join(options.cacheRoot, 'logs');
  const serverLog = result.serverLog;
  const runStart = Date.now();
  let server: RunningServer | undefined;
  try {
    const workspace = (options.prepareWorkspace ?? prepareWorkspace)(
      path.join(options.cacheRoot, 'workspaces', v, 'mtls-fixture'),
    );
    const stateDir = path.join(options.cacheRoot, 'runs', v);
    if (!options.keepState) fs.rmSync(stateDir, { recursive: true, force: true });
    fs.mkdirSync(stateDir, { recursive: true });
    const screenshotDir = path.join(options.cacheRoot, 'screenshots');
    const screenshotPath = path.join(screenshotDir, `inventory-${v}.png`);
    fs.rmSync(screenshotPath, { force: true });
    // The tests' entry waits for this file before it returns, so that the screenshot shows a live extension.
    const screenshotAck = path.join(stateDir, 'screenshot-taken');
    fs.rmSync(screenshotAck, { force: true });

    // One deadline for server start and the tests.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
    timer.unref();
    const signal = AbortSignal.any([options.signal, deadline.signal]);
    const portFile = path.join(stateDir, 'port');
    const port = options.keepState && fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8')) : undefined;
    try {
      server = await startServer({
        port,
        node,
        serverMain,
        stateDir,
        logFile: serverLog,
        // MTLS_ITEST_SECRET: a value the host inherits, which no screen may show (noSecretOnScreen.test.ts).
        env: {
          MTLS_ROTATION_FIXTURE: workspace,
          [SCREENSHOT_ACK_ENV]: screenshotAck,
          MTLS_ITEST_SECRET: 's3cr3t-itest-7qxzp2',
        },
        userSettings: options.trust === 'restricted' ? { ...HOST_SETTINGS, ...RESTRICTED_SETTINGS } : HOST_SETTINGS,
        trusted: options.trust !== 'restricted',
        signal,
      });
    } catch (err) {
      clearTimeout(timer);
      if (!deadline.signal.aborted) throw err;
      result.timedOut = true;
      throw new Error(`timed out after ${seconds(options.timeoutMs)} while the VS Code server was starting`, {
        cause: err,
      });
    }
    options.print(`${tag} VS Code server on http://127.0.0.1:${server.port} (log ${serverLog})`);
    fs.writeFileSync(portFile, String(server.port));

    const remote = (p: string) => `vscode-remote://127.0.0.1:${server?.port}${toPosix(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(options.repoRoot)],
      [
        'extensionTestsPath',
        remote(options.testsEntry ?? path.join(options.repoRoot, 'out', 'test', 'integration', 'index.js')),
      ],
      ['skipWelcome', 'true'],
    ];
    const url =
      `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(toPosix(workspace))}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const output: string[] = [];
    const show = createHostLogFilter();
    const outputLog = path.join(logs, `output-${v}.log`);
    fs.writeFileSync(outputLog, '');
    const browser = await runInBrowser({
      url,
      executablePath: options.chromium,
      screenshotPath,
      screenshotMarker: SCREENSHOT_MARKER,
      onScreenshot: () => fs.writeFileSync(screenshotAck, ''),
      timeoutScreenshotPath: path.join(screenshotDir, `timeout-${v}.png`),
      consoleLogFile: path.join(logs, `browser-${v}.log`),
      workbenchLogDir: path.join(logs, `workbench-${v}`),
      timeoutMs: Math.max(1000, options.timeoutMs - (Date.now() - runStart)),
      signal: options.signal,
      onLog(text, level) {
        const lines = text.split(/\r?\n/);
        output.push(...lines);
        if (options.onOutput) lines.forEach((line) => options.onOutput?.(line));
        fs.appendFileSync(outputLog, lines.map((l) => `${level.padEnd(5)} ${l}\n`).join(''));
        if (show(level, text)) for (const l of lines) options.print(`${tag} ${l}`);
      },
    });
    clearTimeout(timer);

    const summary = parseMochaSummary(output);
    result.reportedVersion = summary.vscodeVersion;
    result.passing = summary.passing ?? 0;
    result.failing = summary.failing ?? 0;
    result.pending = summary.pending ?? 0;
    result.exitCode = browser.exitCode;
    result.timedOut = browser.timedOut;
    result.interrupted = browser.interrupted;
    result.screenshot = browser.screenshot;

    if (browser.interrupted) result.problems.push('interrupted');
    if (browser.timedOut) {
      result.problems.push(
        `timed out after ${seconds(options.timeoutMs)}` +
          (browser.screenshot ? ` (screenshot ${browser.screenshot})` : ''),
      );
    }
    if (browser.error) result.problems.push(`browser: ${browser.error}`);
    if (browser.exitCode !== undefined && browser.exitCode !== 0)
      result.problems.push(`the tests' run() ended with exit code ${browser.exitCode}`);
    if (result.failing > 0) result.problems.push(`${result.failing} test(s) failed`);
    if (options.mocha === false) {
      // A benchmark entry: its own exit code says whether it ran.
    } else if (browser.exitCode !== undefined && summary.passing === undefined)
      result.problems.push('no mocha summary in the output');
    else if (browser.exitCode !== undefined && result.passing + result.failing === 0 && !process.env.MTLS_TEST_GREP)
      result.problems.push('zero tests ran');
    if (browser.exitCode !== undefined && !summary.vscodeVersion)
      result.problems.push('the host did not report its VS Code version');
  } catch (err) {
    result.problems.push((err as Error).message);
  } finally {
    await server?.stop();
    result.runMs = Date.now() - runStart;
  }
  result.ok = result.problems.length === 0 && result.exitCode === 0;
  return result;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
