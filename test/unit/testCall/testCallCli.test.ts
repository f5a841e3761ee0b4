import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { TestCallResult } from '../../../src/core/testCall/testCallResult';
import { buildCli, CliRun } from '../../support/buildCli';
import {
  API_PATHS,
  closeAllServers,
  NodeMtlsServer,
  refusedPort,
  startNodeMtlsServer,
  startOpensslServer,
  startSilentServer,
  TestServer,
} from '../../support/mtlsServers';
import { API_KEY, sharedPki } from './fixtures';

/** runCli spawns synchronously, which would freeze the in-process server it calls: this one waits asynchronously. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.MTLS_API_KEY;
    const child = spawn(process.execPath, [buildCli(), ...args], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function oneLine(stderr: string): void {
  assert.strictEqual(stderr.split('\n').filter((l) => l !== '').length, 1, JSON.stringify(stderr));
}

describe('CLI test-call', function () {
  this.timeout(30_000);
  const pki = sharedPki();
  let server: NodeMtlsServer;
  let openssl: TestServer;
  const env = { MTLS_API_KEY: API_KEY };
  const client = ['--cert', pki.client.certPath, '--key', pki.client.keyPath, '--ca', pki.ca.certPath];

  before(async () => {
    buildCli();
    [server, openssl] = await Promise.all([startNodeMtlsServer(pki, { apiKey: API_KEY }), startOpensslServer(pki)]);
  });
  after(closeAllServers);

  async function json(
    args: string[],
    extraEnv: NodeJS.ProcessEnv = env,
  ): Promise<{ run: CliRun; result: TestCallResult }> {
    const run = await runCli(['test-call', ...args, '--json'], extraEnv);
    assert.ok(!run.stdout.includes(API_KEY) && !run.stderr.includes(API_KEY), 'the API key never reaches the output');
    return { run, result: JSON.parse(run.stdout) as TestCallResult };
  }

  it("ok: exit 0 and the contract's JSON, the key read from MTLS_API_KEY", async () => {
    const { run, result } = await json(['--url', server.url(API_PATHS.cardholders), ...client]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(Object.keys(result).slice(0, 4), ['outcome', 'status', 'durationMs', 'hint']);
    assert.strictEqual(result.outcome, 'ok');
    assert.strictEqual(result.status, 200);
    assert.strictEqual(typeof result.durationMs, 'number');
    assert.deepStrictEqual(result.json, { status: 'success', total: 0 });
    assert.strictEqual(result.tls?.clientCertificateRequested, true);
    assert.strictEqual(server.requests[server.requests.length - 1].apiKey, API_KEY);
    assert.strictEqual(run.stderr, '');
  });

  it('ok as text: the facts, the hint and the equivalent curl command without the key', async () => {
    const run = await runCli(['test-call', '--url', server.url(API_PATHS.cardholders), ...client], env);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ok \(HTTP 200\) in \d+ ms: https:\/\/127\.0\.0\.1:\d+\/v2\/cardholders\n/);
    assert.match(run.stdout, /^TLS: TLSv1\.3, TLS_/m);
    assert.match(run.stdout, /^Server certificate: O = Test, CN = localhost; issuer O = Test, CN = Test mTLS CA/m);
    assert.match(run.stdout, /^Client certificate requested: yes; sent O = Test, OU = Payments, CN = program-a/m);
    assert.match(run.stdout, /^Hint: HTTP 200/m);
    assert.ok(
      run.stdout.includes(
        `Same call with curl: curl --cert ${pki.client.certPath} --key ${pki.client.keyPath} --cacert '${pki.ca.certPath}' -H "X-API-Key: $MTLS_API_KEY" `,
      ),
      run.stdout,
    );
    assert.ok(!run.stdout.includes(API_KEY));
  });

  it('exit 1 for every outcome but ok, each classified', async () => {
    const port = await refusedPort();
    const silent = await startSilentServer();
    const cases: [string[], TestCallResult['outcome']][] = [
      [
        [
          '--url',
          openssl.url('/'),
          '--cert',
          pki.expiredClient.certPath,
          '--key',
          pki.expiredClient.keyPath,
          '--ca',
          pki.ca.certPath,
        ],
        'tls-handshake',
      ],
      [['--url', server.url(API_PATHS.unauthorized), ...client], 'unauthorized'],
      [['--url', server.url(API_PATHS.forbiddenIp), ...client], 'forbidden-ip'],
      [['--url', server.url(API_PATHS.forbidden), ...client], 'forbidden'],
      [['--url', server.url(API_PATHS.serverError), ...client], 'http-error'],
      [['--url', `https://127.0.0.1:${port}/`, ...client], 'network'],
      [['--url', silent.url('/'), ...client, '--timeout-ms', '300'], 'timeout'],
    ];
    const runs = await Promise.all(cases.map(([args]) => json(args)));
    runs.forEach(({ run, result }, i) => {
      const outcome = cases[i][1];
      assert.strictEqual(run.code, 1, `${outcome}: ${run.stderr}`);
      assert.strictEqual(result.outcome, outcome, result.hint);
      assert.ok(result.hint.length > 0);
    });
  });

  it('--now moves the clock of the local expiry check', async () => {
    const { result } = await json(['--url', server.url(API_PATHS.cardholders), ...client, '--now', '2099-01-01']);
    assert.strictEqual(result.outcome, 'ok');
    assert.strictEqual(result.clientCertificate?.expired, true);
    assert.match(result.hint, /expired at/);
  });

  it('--api-key-env names the variable; an unset one is bad usage', async () => {
    const { run, result } = await json(
      ['--url', server.url(API_PATHS.cardholders), ...client, '--api-key-env', 'PROGRAM_A_KEY'],
      { PROGRAM_A_KEY: API_KEY },
    );
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(result.outcome, 'ok');
    const unset = await runCli([
      'test-call',
      '--url',
      server.url(API_PATHS.cardholders),
      ...client,
      '--api-key-env',
      'PROGRAM_A_KEY',
    ]);
    assert.strictEqual(unset.code, 2);
    oneLine(unset.stderr);
    assert.match(unset.stderr, /PROGRAM_A_KEY/);
  });

  it('without MTLS_API_KEY the call goes without a key, and says so on stderr', async () => {
    const run = await runCli(['test-call', '--url', server.url(API_PATHS.cardholders), ...client, '--json']);
    assert.strictEqual(run.code, 1);
    assert.strictEqual((JSON.parse(run.stdout) as TestCallResult).outcome, 'unauthorized');
    assert.match(run.stderr, /MTLS_API_KEY is not set/);
  });

  it('exit 2 with one line on stderr for bad usage and unreadable input; never a key on the command line', async () => {
    const url = server.url(API_PATHS.cardholders);
    const cases: string[][] = [
      [],
      ['--cert', pki.client.certPath, '--key', pki.client.keyPath],
      ['--url', url, '--cert', pki.client.certPath],
      ['--url', url, '--cert', '/definitely/not/here.crt', '--key', pki.client.keyPath],
      ['--url', url, ...client, '--timeout-ms', 'soon'],
      ['--url', url, ...client, '--api-key', API_KEY],
      ['--url', 'http://127.0.0.1/', ...client],
      ['--url', url, '--cert', pki.client.certPath, '--key', pki.expiredClient.keyPath],
      ['--url', url, '--pkcs12', path.join(pki.dir, 'missing.p12'), '--cert', pki.client.certPath],
      ['--url', url, ...client, '--now', 'yesterday'],
    ];
    const runs = await Promise.all(cases.map((args) => runCli(['test-call', ...args], env)));
    runs.forEach((run, i) => {
      assert.strictEqual(run.code, 2, `${cases[i].join(' ')}: ${run.stdout}`);
      oneLine(run.stderr);
      assert.ok(!run.stderr.includes(API_KEY));
    });
    assert.match(runs[3].stderr, /--cert: \/definitely\/not\/here\.crt: no such file/);
    assert.match(runs[7].stderr, /does not belong to the certificate/);
  });

  it('is listed in --help', async () => {
    const help = await runCli(['test-call', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: mtls-rotation test-call --url U/);
    assert.match(help.stdout, /--api-key-env NAME/);
    assert.match((await runCli(['--help'])).stdout, /test-call/);
  });
});
