// Real servers on 127.0.0.1 for test calls: Node's https with requestCert, OpenSSL's s_server (refusals at
// the handshake, with real TLS alerts), nginx (refusals as HTTP 400 pages), a TCP server that never answers
// and a refused port. Shared by the unit tests and the VS Code integration tests; every server started here
// is closed by closeAllServers(), so an `after` hook keeps mocha from hanging on a forgotten one.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { Ca, DAY_MS, makeCa, makeLeaf, tempDir } from './openssl';

export interface CertAndKey {
  certPath: string;
  keyPath: string;
}

/** Every certificate the test-call scenarios need, made once by `openssl` (about a second of RSA keys). */
export interface MtlsPki {
  dir: string;
  /** Signs the servers' certificates and the clients the servers accept. */
  ca: Ca;
  /** A CA nobody trusts: its client certificate is refused, its server certificate is untrusted. */
  otherCa: Ca;
  /** CN=localhost, SAN DNS:localhost and IP:127.0.0.1, signed by `ca`. */
  server: CertAndKey;
  /** Like `server` but signed by `otherCa`. */
  untrustedServer: CertAndKey;
  /** Signed by `ca` for DNS:wrong.example only: the host name check fails on 127.0.0.1. */
  wrongHostServer: CertAndKey;
  /** Valid now (from 30 days ago to 60 days ahead), signed by `ca`. */
  client: CertAndKey;
  /** Issued 100 days ago, expired 10 days ago, signed by `ca`. */
  expiredClient: CertAndKey;
  /** Valid, but signed by `otherCa`. */
  otherCaClient: CertAndKey;
  /** Valid, signed by `ca`, issued five minutes ago (the "wait a few minutes after issuance" case). */
  freshClient: CertAndKey;
}

export function makeMtlsPki(dir = tempDir('mtls-pki-'), now = Date.now()): MtlsPki {
  const ca = makeCa(path.join(dir, 'ca'), 'Test mTLS CA', {
    notBefore: new Date(now - 365 * DAY_MS),
    notAfter: new Date(now + 365 * DAY_MS),
  });
  const otherCa = makeCa(path.join(dir, 'other-ca'), 'Other CA', {
    notBefore: new Date(now - 365 * DAY_MS),
    notAfter: new Date(now + 365 * DAY_MS),
  });
  const leaf = (
    signer: Ca,
    name: string,
    subject: string,
    sans: string[],
    notBefore: number,
    notAfter: number,
  ): CertAndKey => {
    const made = makeLeaf(signer, path.join(dir, 'leaves'), name, {
      subject,
      sans,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
    });
    return { certPath: made.certPath, keyPath: made.keyPath };
  };
  const serverSans = ['DNS:localhost', 'IP:127.0.0.1'];
  return {
    dir,
    ca,
    otherCa,
    server: leaf(ca, 'server', '/O=Test/CN=localhost', serverSans, now - 30 * DAY_MS, now + 60 * DAY_MS),
    untrustedServer: leaf(
      otherCa,
      'untrusted-server',
      '/O=Other/CN=localhost',
      serverSans,
      now - 30 * DAY_MS,
      now + 60 * DAY_MS,
    ),
    wrongHostServer: leaf(
      ca,
      'wrong-host-server',
      '/O=Test/CN=wrong.example',
      ['DNS:wrong.example'],
      now - 30 * DAY_MS,
      now + 60 * DAY_MS,
    ),
    client: leaf(ca, 'client', '/O=Test/OU=Payments/CN=program-a', [], now - 30 * DAY_MS, now + 60 * DAY_MS),
    expiredClient: leaf(
      ca,
      'expired-client',
      '/O=Test/OU=Payments/CN=program-a-old',
      [],
      now - 100 * DAY_MS,
      now - 10 * DAY_MS,
    ),
    otherCaClient: leaf(
      otherCa,
      'other-ca-client',
      '/O=Other/OU=Payments/CN=program-a',
      [],
      now - 30 * DAY_MS,
      now + 60 * DAY_MS,
    ),
    freshClient: leaf(
      ca,
      'fresh-client',
      '/O=Test/OU=Payments/CN=program-a-new',
      [],
      now - 5 * 60_000,
      now + 90 * DAY_MS,
    ),
  };
}

export interface TestServer {
  port: number;
  /** `https://127.0.0.1:PORT/path`. */
  url(pathname?: string): string;
  close(): Promise<void>;
}

const running = new Set<TestServer>();

function track<T extends TestServer>(server: T): T {
  running.add(server);
  const close = server.close.bind(server);
  server.close = async () => {
    running.delete(server);
    await close();
  };
  return server;
}

/** Closes every server still running; for an `after` hook. */
export async function closeAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.close()));
}

const urlFor =
  (port: number) =>
  (pathname = '/'): string =>
    `https://127.0.0.1:${port}${pathname}`;

/** The paths the Node server answers, by what they answer. */
export const API_PATHS = {
  /** 200 `{"status":"success","items":[],"total":0}` with a valid client certificate and the right key; else 403 or 401. */
  cardholders: '/v2/cardholders',
  unauthorized: '/status/401',
  forbiddenIp: '/status/403-ip',
  forbidden: '/status/403',
  serverError: '/status/500',
  notFound: '/status/404',
  /** 200 with the request's headers as JSON: the API key comes back in the body. */
  echoHeaders: '/echo-headers',
  /** 200 with a body larger than the client reads (100 KB), the API key at the start and across the 64 KB read limit. */
  bigEcho: '/big-echo',
  /** Accepts the request and never answers. */
  hang: '/hang',
} as const;

export interface RequestRecord {
  path: string;
  authorized: boolean;
  apiKey?: string;
}

export interface NodeMtlsServer extends TestServer {
  requests: RequestRecord[];
  /** Completed TLS handshakes, one per connection: a reused connection would not add one. */
  handshakes: number;
  /** Handshakes that resumed a session. */
  resumedHandshakes: number;
}

export interface NodeServerOptions {
  apiKey: string;
  /** true: OpenSSL asks for a certificate and Node drops connections whose certificate fails; false: the handler decides. */
  rejectUnauthorized?: boolean;
  maxVersion?: tls.SecureVersion;
  /** The server's certificate; default `pki.server`. */
  serverCertificate?: CertAndKey;
  /** false: the server does not ask for a client certificate at all. */
  requestCert?: boolean;
}

/** Node's https.createServer with requestCert, answering by path. */
export async function startNodeMtlsServer(pki: MtlsPki, options: NodeServerOptions): Promise<NodeMtlsServer> {
  const serverCertificate = options.serverCertificate ?? pki.server;
  const requests: RequestRecord[] = [];
  const server = https.createServer(
    {
      requestCert: options.requestCert ?? true,
      rejectUnauthorized: options.rejectUnauthorized ?? true,
      ca: fs.readFileSync(pki.ca.certPath),
      cert: fs.readFileSync(serverCertificate.certPath),
      key: fs.readFileSync(serverCertificate.keyPath),
      maxVersion: options.maxVersion,
    },
    (request, response) => handle(request, response, options.apiKey, requests),
  );
  const record = { handshakes: 0, resumedHandshakes: 0 };
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    record.handshakes++;
    if (socket.isSessionReused()) record.resumedHandshakes++;
  });
  // Node's server logs nothing for refused handshakes; listening keeps them from becoming uncaught errors.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const result: NodeMtlsServer = {
    port,
    requests,
    get handshakes() {
      return record.handshakes;
    },
    get resumedHandshakes() {
      return record.resumedHandshakes;
    },
    url: urlFor(port),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return track(result);
}

function handle(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  apiKey: string,
  requests: RequestRecord[],
): void {
  const socket = request.socket as tls.TLSSocket;
  const sentKey = request.headers['x-api-key'];
  requests.push({
    path: request.url ?? '',
    authorized: socket.authorized,
    apiKey: typeof sentKey === 'string' ? sentKey : undefined,
  });
  const json = (status: number, body: unknown): void => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  switch (request.url) {
    case API_PATHS.cardholders:
      if (!socket.authorized) return json(403, { message: 'Client certificate not accepted' });
      if (sentKey !== apiKey) return json(401, { message: 'Invalid API key' });
      return json(200, { status: 'success', items: [], total: 0 });
    case API_PATHS.unauthorized:
      return json(401, { message: 'Unauthorized' });
    case API_PATHS.forbiddenIp:
      return json(403, { message: 'No Authorised IPs configured' });
    case API_PATHS.forbidden:
      return json(403, { message: 'Forbidden' });
    case API_PATHS.serverError:
      return json(500, { message: 'Internal Server Error' });
    case API_PATHS.echoHeaders:
      return json(200, { status: 'success', headers: request.headers, raw: request.rawHeaders.join('\n') });
    case API_PATHS.bigEcho: {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      // The second copy of the key straddles byte 65,536, where the client stops reading.
      const head = `key=${String(sentKey)}\n`;
      const filler = 'x'.repeat(64 * 1024 - 10 - head.length - 'key='.length);
      response.end(`${head}${filler}key=${String(sentKey)}\n${'y'.repeat(36 * 1024)}`);
      return;
    }
    case API_PATHS.hang:
      return;
    default:
      return json(404, { message: 'Not Found' });
  }
}

/** A port nothing listens on: bound by the system, then released. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The same as freePort, named for what the test does with it: connections are refused there. */
export const refusedPort = freePort;

/** Accepts TCP connections and never sends a byte: the handshake never completes. */
export async function startSilentServer(): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return track({
    port,
    url: urlFor(port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

export interface OpensslServerOptions {
  /** Only TLS 1.2: the refusal then comes inside the handshake instead of after it. */
  tls12?: boolean;
  serverCertificate?: CertAndKey;
  /** The CA client certificates must chain to; default `pki.ca`. */
  clientCa?: Ca;
}

/**
 * `openssl s_server -Verify 1 -verify_return_error -www`: a client certificate is required and checked
 * against the CA, and a refusal is a real TLS alert (certificate expired, unknown ca, certificate required).
 * A good client gets s_server's HTML status page with 200.
 */
export async function startOpensslServer(pki: MtlsPki, options: OpensslServerOptions = {}): Promise<TestServer> {
  const serverCertificate = options.serverCertificate ?? pki.server;
  let lastError = '';
  // freePort can race another process for the port; s_server then fails to bind and we try another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-Verify',
      '1',
      '-verify_return_error',
      '-CAfile',
      (options.clientCa ?? pki.ca).certPath,
      '-cert',
      serverCertificate.certPath,
      '-key',
      serverCertificate.keyPath,
      '-www',
    ];
    if (options.tls12) args.push('-tls1_2');
    const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await waitForOutput(child, /ACCEPT/, 5000);
    // s_server reports every handshake on stdout: keep draining it so that a full pipe never blocks it.
    child.stdout?.resume();
    child.stderr?.resume();
    if (started.ok) return track({ port, url: urlFor(port), close: () => stopChild(child) });
    lastError = started.output;
    await stopChild(child);
  }
  throw new Error(`openssl s_server did not start: ${lastError.trim()}`);
}

function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      resolve({ ok, output });
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (pattern.test(output)) done(true);
    };
    const onExit = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const NGINX = '/usr/sbin/nginx';

/** nginx is optional: the reason it cannot run, for `this.skip()`. */
export class NginxUnavailable extends Error {}

/**
 * nginx with `ssl_verify_client on`: it completes the handshake whatever the certificate, then answers
 * 400 "The SSL certificate error" or "No required SSL certificate was sent". `/v2/cardholders` answers the
 * guide's 200 JSON to a good certificate.
 */
export async function startNginxMtlsServer(pki: MtlsPki): Promise<TestServer> {
  if (!fs.existsSync(NGINX)) throw new NginxUnavailable(`${NGINX} is not installed`);
  const dir = fs.mkdtempSync(path.join(pki.dir, 'nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  const temp = (name: string): string => path.join(dir, name);
  // The CA's file name has spaces: every path goes in double quotes.
  const q = (file: string): string => JSON.stringify(file);
  fs.writeFileSync(
    conf,
    [
      'worker_processes 1;',
      'daemon off;',
      'master_process off;',
      `pid ${q(temp('nginx.pid'))};`,
      `error_log ${q(temp('error.log'))} info;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${q(temp(t))};`),
      '  server {',
      `    listen 127.0.0.1:${port} ssl;`,
      `    ssl_certificate ${q(pki.server.certPath)};`,
      `    ssl_certificate_key ${q(pki.server.keyPath)};`,
      `    ssl_client_certificate ${q(pki.ca.certPath)};`,
      '    ssl_verify_client on;',
      '    location / {',
      '      default_type application/json;',
      '      return 200 \'{"status":"success","items":[],"total":0}\';',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', temp('error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const failed = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => resolve(`nginx exited (${signal ?? code})`));
  });
  const ready = await Promise.race([waitForPort(port, 5000), failed]);
  if (ready !== true) {
    await stopChild(child);
    const log = fs.existsSync(temp('error.log')) ? fs.readFileSync(temp('error.log'), 'utf8') : '';
    const logged = log
      .trim()
      .split('\n')
      .filter((l) => /\[(emerg|alert|crit)\]/.test(l))
      .join('; ');
    const why = [ready, output.trim() || logged].filter((s) => s !== '');
    throw new NginxUnavailable(`nginx did not start: ${why.join(': ')}`);
  }
  return track({ port, url: urlFor(port), close: () => stopChild(child) });
}

async function waitForPort(port: number, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `port ${port} did not open within ${timeoutMs} ms`;
}
