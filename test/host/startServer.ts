import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { freePort } from './freePort';
import { tailOfFile } from './tailOfFile';

export interface StartServerOptions {
  /** Node binary that runs the server (and, through it, the extension host). */
  node: string;
  /** `lib/vscode/out/server-main.js` of a code-server install. */
  serverMain: string;
  /** Fresh folder for this run's user data, extensions and server data. */
  stateDir: string;
  /** The server's stdout and stderr go here. */
  logFile: string;
  /** Written to `<user-data>/User/settings.json` before the start. */
  userSettings?: Readonly<Record<string, unknown>>;
  /**
   * false: the workspace opens in Restricted Mode (workspace trust on, never granted, no start-up question), as a
   * repository the user has not trusted yet. Default true: the trust feature is off and every folder is trusted.
   */
  trusted?: boolean;
  /**
   * Default true: the extension test paths in the payload are honoured, and dialogs are answered by the driver.
   * false for the demo (`npm start`): a plain workbench, whose modal dialogs show in the page.
   */
  smokeTestDriver?: boolean;
  /**
   * A private file (mode 600) holding the connection token the page must present (`?tkn=` on the first load, then
   * a cookie). Default: none, the tests' server needs no token. A file rather than `--connection-token`, so the
   * token shows neither in the process list nor in the log's command line.
   */
  connectionTokenFile?: string;
  /** Extra environment for the server; the extension host inherits it. */
  env: Record<string, string>;
  signal: AbortSignal;
  startTimeoutMs?: number;
  /** The port to listen on (a free one by default): the workbench names the workspace after it, storage included. */
  port?: number;
}

export interface RunningServer {
  port: number;
  pid: number;
  /** Ends the server and everything it started (its process group). Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the VS Code server on 127.0.0.1 at a free port, in a process group of its own, and resolves once it
 * answers HTTP. The flags are the ones the tests need: no connection token (unless one is given), no license prompt, no telemetry,
 * no workspace trust dialog, and `--enable-smoke-test-driver`, without which newer builds ignore the
 * extension test paths in the payload.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dir = (name: string) => {
    const d = path.join(options.stateDir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const args = [
    options.serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    ...(options.connectionTokenFile
      ? ['--connection-token-file', options.connectionTokenFile]
      : ['--without-connection-token']),
    '--accept-server-license-terms',
    '--disable-telemetry',
    ...(options.trusted === false ? [] : ['--disable-workspace-trust']),
    ...(options.smokeTestDriver === false ? [] : ['--enable-smoke-test-driver']),
    '--server-data-dir',
    dir('server-data'),
    '--user-data-dir',
    dir('user-data'),
    '--extensions-dir',
    dir('extensions'),
  ];
  if (options.userSettings) {
    const user = path.join(options.stateDir, 'user-data', 'User');
    fs.mkdirSync(user, { recursive: true });
    fs.writeFileSync(path.join(user, 'settings.json'), JSON.stringify(options.userSettings, null, 2) + '\n');
  }
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  fs.writeFileSync(options.logFile, `$ ${options.node} ${args.join(' ')}\n`);
  const out = fs.openSync(options.logFile, 'a');
  const child = spawn(options.node, args, {
    cwd: options.stateDir,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so that stop() also reaches the extension host
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${options.node}`);

  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  child.on('error', () => undefined);

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  // Whatever happens to this process, do not leave the server behind.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      killGroup('SIGTERM');
      const grace = new Promise<void>((r) => setTimeout(r, 5000).unref());
      await Promise.race([exit, grace]);
      killGroup('SIGKILL'); // the group may outlive the server (extension host, watchers)
      process.off('exit', onExit);
    })());

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(
        `the VS Code server exited during startup; log ${options.logFile}:\n${tailOfFile(options.logFile, 40)}`,
      );
    }
    if (options.signal.aborted || Date.now() > deadline) {
      await stop();
      throw new Error(
        options.signal.aborted
          ? 'interrupted while the VS Code server was starting'
          : `the VS Code server did not answer on port ${port}; log ${options.logFile}:\n${tailOfFile(options.logFile, 40)}`,
      );
    }
    if (await answers(port)) return { port, pid, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/version', timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
