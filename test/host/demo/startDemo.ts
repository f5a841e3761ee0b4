// `npm start`: the extension in the same VS Code server the tests use (code-server 4.100.3, installed into
// .vscode-test/ once), on a demo workspace generated for this run, with a local stand-in for the provider's API.
// Unlike the tests there is no smoke-test driver and no test payload: a plain workbench, as a user sees it.
import { randomBytes } from 'crypto';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { HOST_SETTINGS } from '../hostSettings';
import { installCodeServer } from '../installCodeServer';
import { startServer, type RunningServer } from '../startServer';
import { makeDemoFiles } from './demoWorkspace';
import { DEMO_TEST_PATH, startProviderStandIn, type ProviderStandIn } from './providerStandIn';

const CODE_SERVER = '4.100.3';
export const DEMO_ENVIRONMENT = 'demo';
/** The line that carries the workbench's address; the demo test reads it. */
export const URL_LINE = 'Open VS Code at ';
export const READY_LINE = 'Ready: API key for "demo" stored in secret storage';

const USAGE = `usage: npm start [-- --no-open] [--keep]

  --no-open   print the address only; do not open it in your browser
  --keep      keep the generated files (workspace, provider CA, server state) after Ctrl+C`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--no-open' && a !== '--keep');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}\n${USAGE}`);
  const open = !argv.includes('--no-open');
  const keep = argv.includes('--keep');

  const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
  const main = path.join(repoRoot, 'dist', 'extension.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm start does)`);
  const cacheRoot = path.join(repoRoot, '.vscode-test');
  const logs = path.join(cacheRoot, 'logs');
  fs.mkdirSync(logs, { recursive: true });

  const interrupt = new AbortController();
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      // A second Ctrl+C exits at once; startServer's exit handler still kills the server's process group.
      if (interrupt.signal.aborted) process.exit(130);
      interrupt.abort();
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  console.log(`Installing or reusing code-server ${CODE_SERVER} in ${path.relative(repoRoot, cacheRoot)}/ …`);
  const codeServer = await installCodeServer(CODE_SERVER, cacheRoot, path.join(logs, `install-${CODE_SERVER}.log`));

  // A fresh folder per run: the demo never writes over anything that already exists.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const runDir = path.join(cacheRoot, 'demo', `${stamp}-${process.pid}`);
  console.log('Generating the demo workspace and provider CA with openssl …');
  const files = makeDemoFiles(runDir);
  const stateDir = path.join(runDir, 'vscode-state');
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });

  let standIn: ProviderStandIn | undefined;
  let server: RunningServer | undefined;
  const cleanUp = async () => {
    await server?.stop();
    await standIn?.close();
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    // A fresh key per run: it is only good for this run's stand-in.
    const apiKey = `demo-${randomBytes(9).toString('base64url')}`;
    standIn = await startProviderStandIn({
      caCertPath: files.caCertPath,
      server: files.server,
      apiKey,
      allowlisted: [files.dueSoon.certPath, files.expired.certPath],
      onRequest: (r) =>
        console.log(`provider stand-in: ${r.method} ${r.path} from ${r.client ?? '(no certificate)'} -> ${r.status}`),
    });

    // Where test calls go, which CA is trusted: restricted settings, so they are the user's, not the workspace's.
    const userSettings = {
      ...HOST_SETTINGS,
      'mtlsRotation.environments': [
        { name: DEMO_ENVIRONMENT, baseUrl: standIn.baseUrl, testPath: DEMO_TEST_PATH, caBundle: files.caCertPath },
      ],
      'mtlsRotation.defaultEnvironment': DEMO_ENVIRONMENT,
      'mtlsRotation.caBundle': files.caCertPath,
    };
    // The API key reaches SecretStorage through the preset extension (presetExtension/extension.js), which reads
    // this private file once and deletes it; the key is never in settings, the workspace or the environment.
    const presetFile = path.join(stateDir, 'api-key-preset.json');
    fs.writeFileSync(presetFile, JSON.stringify({ environment: DEMO_ENVIRONMENT, apiKey }), { mode: 0o600 });
    const readyFile = path.join(stateDir, 'api-key-preset.done');

    // Installed into this server's own extensions folder (a second development path is not honoured by the web
    // workbench: only one is loaded), so it exists in the demo's VS Code only.
    fs.cpSync(
      path.join(repoRoot, 'test', 'host', 'demo', 'presetExtension'),
      path.join(stateDir, 'extensions', 'mtls-rotation-demo.mtls-rotation-demo-preset-0.0.0'),
      { recursive: true },
    );

    // The demo may stay up for hours: without a token, any local user or web page could reach the server (a
    // terminal and the workspace's files) through its port. The address printed below carries it once; the server
    // then keeps it in a cookie.
    const connectionToken = randomBytes(16).toString('hex');
    const tokenFile = path.join(stateDir, 'connection-token');
    fs.writeFileSync(tokenFile, connectionToken, { mode: 0o600 });

    const serverLog = path.join(logs, 'server-demo.log');
    server = await startServer({
      node: process.execPath,
      serverMain: codeServer.serverMain,
      stateDir,
      logFile: serverLog,
      userSettings,
      // The workspace is ours, generated a moment ago: trusted (trust off), so every command is available.
      trusted: true,
      smokeTestDriver: false,
      connectionTokenFile: tokenFile,
      env: { MTLS_DEMO_PRESET_FILE: presetFile, MTLS_DEMO_READY_FILE: readyFile },
      signal: interrupt.signal,
    });

    const remote = (p: string) => `vscode-remote://127.0.0.1:${server?.port}${toPosix(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['skipWelcome', 'true'],
    ];
    const url =
      `http://127.0.0.1:${server.port}/?tkn=${connectionToken}` +
      `&folder=${encodeURIComponent(toPosix(files.workspace))}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    console.log('');
    console.log(`mTLS Rotation demo (VS Code ${codeServer.vscodeVersion}, log ${path.relative(repoRoot, serverLog)})`);
    console.log(`  workspace        ${files.workspace}`);
    console.log(`  provider API     ${standIn.baseUrl}${DEMO_TEST_PATH} (environment "${DEMO_ENVIRONMENT}")`);
    console.log('  certificates     program-a due in 20 days (allowlisted), legacy expired, program-b not allowlisted');
    console.log('');
    console.log(`${URL_LINE}${url}`);
    console.log("  (the address carries this run's access token: keep it to yourself)");
    console.log('');
    console.log(keep ? 'Ctrl+C stops the demo (its files are kept).' : 'Ctrl+C stops the demo and removes its files.');
    if (open) openInBrowser(url);
    void waitForPreset(readyFile, interrupt.signal).then((message) => message && console.log(message));

    const signal = await stopped;
    console.log(`\n${signal}: stopping the demo …`);
    return 0;
  } finally {
    await cleanUp();
  }
}

/** The preset extension runs when the page is opened; say so once the key is stored. */
async function waitForPreset(readyFile: string, signal: AbortSignal): Promise<string | undefined> {
  while (!signal.aborted) {
    if (fs.existsSync(readyFile)) {
      const result = JSON.parse(fs.readFileSync(readyFile, 'utf8')) as { ok: boolean; error?: string };
      return result.ok
        ? READY_LINE
        : `Could not store the demo's API key (${result.error}); use "mTLS Rotation: Set API Key…"`;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`(could not run ${command}: open the address above yourself)`));
  child.unref();
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`error: ${err.message}`);
      process.exit(1);
    },
  );
}
