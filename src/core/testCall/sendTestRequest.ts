import * as http from 'http';
import { isIP } from 'net';
import * as tls from 'tls';
import { readCertificate } from '../x509/certificate';
import { formatName } from '../x509/formatName';
import { ClientCredentials } from './loadClientCredentials';
import { TestCallPhase, TestCallServerCertificate, TestCallTls } from './testCallResult';

export const MAX_BODY_BYTES = 64 * 1024;

export interface TestRequestTarget {
  /** Host name or IP address, without brackets. */
  host: string;
  port: number;
  /** Path and query. */
  path: string;
  /** The Host header: host, with the port unless it is 443. */
  hostHeader: string;
}

export interface TestRequestOptions {
  target: TestRequestTarget;
  credentials?: ClientCredentials;
  caBundlePem?: string;
  apiKey?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

/** What happened on the wire, before any interpretation. */
export interface TestRequestObservation {
  end: 'response' | 'error' | 'closed' | 'timeout' | 'cancelled' | 'server-certificate' | 'setup-error';
  phase: TestCallPhase;
  tls: TestCallTls;
  status?: number;
  contentType?: string;
  body?: string;
  /** False when the body was cut at MAX_BODY_BYTES or the connection ended inside it. */
  bodyComplete?: boolean;
  bodyBytes?: number;
  error?: unknown;
  /** Node's `authorizationError` for the server's certificate, with a readable detail when there is one. */
  serverCertificateError?: { code: string; detail?: string };
}

/**
 * One GET over one fresh TLS connection. The server's certificate is verified by hand after the handshake
 * (rejectUnauthorized: false, then `socket.authorized`) so that its facts can still be reported when it is
 * refused; the request, and with it the API key, is only written once the server has been verified.
 * No agent, no session cache: nothing carries over from one call to the next.
 */
export function sendTestRequest(options: TestRequestOptions): Promise<TestRequestObservation> {
  const { target, credentials, log } = options;
  return new Promise((resolve) => {
    const facts: TestCallTls = {};
    let phase: TestCallPhase = 'connect';
    let socket: tls.TLSSocket | undefined;
    let settled = false;
    let status: number | undefined;
    let contentType: string | undefined;
    const chunks: Buffer[] = [];
    let bodyBytes = 0;

    const finish = (observation: Omit<TestRequestObservation, 'phase' | 'tls'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve({ phase, tls: facts, ...observation });
    };
    const finishResponse = (complete: boolean): void => {
      const body = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
      finish({ end: 'response', status, contentType, body, bodyComplete: complete, bodyBytes });
    };
    // Once the status line is in, a later failure only cuts the body short: the answer stands.
    const onError = (error: unknown): void => {
      if (status !== undefined) finishResponse(false);
      else finish({ end: 'error', error });
    };
    const onAbort = (): void => finish({ end: 'cancelled' });
    const timer = setTimeout(() => finish({ end: 'timeout' }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    try {
      socket = tls.connect({
        host: target.host,
        port: target.port,
        // SNI carries host names only (RFC 6066); Node warns when given an IP address.
        servername: isIP(target.host) === 0 ? target.host : undefined,
        cert: credentials?.certificateChainPem,
        key: credentials?.keyPem,
        ca: options.caBundlePem,
        rejectUnauthorized: false,
      });
    } catch (error) {
      finish({ end: 'setup-error', error });
      return;
    }
    const connected = socket;
    log(`Connecting to ${target.hostHeader} (timeout ${options.timeoutMs} ms)`);
    connected.once('connect', () => {
      phase = 'tls-handshake';
    });
    connected.on('error', onError);
    connected.once('close', () => {
      if (status !== undefined) finishResponse(false);
      else finish({ end: 'closed' });
    });
    connected.once('secureConnect', () => {
      phase = 'response';
      readTlsFacts(connected, credentials, facts);
      log(
        `TLS ${facts.protocol ?? '?'} ${facts.cipher ?? ''}; client certificate requested: ${facts.clientCertificateRequested ? 'yes' : 'no'}`,
      );
      if (!connected.authorized) {
        const code = String(connected.authorizationError ?? 'UNKNOWN');
        finish({
          end: 'server-certificate',
          serverCertificateError: { code, detail: hostMismatchDetail(connected, target.host, code) },
        });
        return;
      }
      const headers: http.OutgoingHttpHeaders = {
        Host: target.hostHeader,
        Accept: 'application/json',
        'User-Agent': 'mtls-rotation-test-call',
        Connection: 'close',
      };
      if (options.apiKey !== undefined) headers['X-API-Key'] = options.apiKey;
      // The ClientRequest constructor, not http.request: VS Code's extension host wraps http.request to route
      // through its proxy agent, which ignores createConnection and would dial localhost:80 instead of this socket.
      const request = new http.ClientRequest({
        method: 'GET',
        path: target.path,
        setHost: false,
        headers,
        createConnection: () => connected,
      });
      request.on('error', onError);
      request.on('response', (response) => {
        phase = 'body';
        status = response.statusCode;
        contentType = response.headers['content-type'];
        log(`HTTP ${status}`);
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          bodyBytes += chunk.length;
          if (bodyBytes >= MAX_BODY_BYTES) finishResponse(false);
        });
        response.on('end', () => {
          phase = 'done';
          finishResponse(true);
        });
        response.on('error', onError);
      });
      request.end();
    });
  });
}

function readTlsFacts(socket: tls.TLSSocket, credentials: ClientCredentials | undefined, facts: TestCallTls): void {
  facts.protocol = socket.getProtocol() ?? undefined;
  facts.cipher = socket.getCipher()?.name;
  facts.sessionReused = socket.isSessionReused();
  facts.serverCertificate = serverCertificate(socket);
  // OpenSSL fills the shared signature algorithms on the client only while processing a CertificateRequest
  // (TLS 1.2 and 1.3 alike), so a non-empty list is the server's request for a client certificate.
  // getCertificate() would not do: it returns the configured certificate whether or not it was sent.
  facts.clientCertificateRequested = socket.getSharedSigalgs().length > 0;
  if (facts.clientCertificateRequested && credentials) {
    facts.clientCertificateSent = {
      subject: formatName(credentials.certificate.subject),
      fingerprintSha256: credentials.certificate.fingerprintSha256,
    };
  }
}

function serverCertificate(socket: tls.TLSSocket): TestCallServerCertificate | undefined {
  const peer = socket.getPeerCertificate(false);
  if (!peer || !Buffer.isBuffer(peer.raw)) return undefined;
  try {
    const info = readCertificate(peer.raw);
    return {
      subject: formatName(info.subject),
      issuer: formatName(info.issuer),
      notAfter: info.notAfter,
      fingerprintSha256: info.fingerprintSha256,
    };
  } catch {
    return undefined;
  }
}

/** Node's hostname check gives the names the certificate does carry; worth showing next to the URL's host. */
function hostMismatchDetail(socket: tls.TLSSocket, host: string, code: string): string | undefined {
  if (code !== 'ERR_TLS_CERT_ALTNAME_INVALID') return undefined;
  return tls.checkServerIdentity(host, socket.getPeerCertificate(false))?.message;
}
