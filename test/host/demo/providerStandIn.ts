// A local stand-in for the provider's API, as the rotation guide describes its answers: mutual TLS with the
// provider's CA, then the API key, then the certificate allowlist.
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import type * as net from 'net';
import type * as tls from 'tls';

export const DEMO_TEST_PATH = '/v2/cardholders';

export interface StandInRequest {
  method: string;
  path: string;
  /** The client certificate's CN, when one was presented. */
  client?: string;
  status: number;
}

export interface ProviderStandIn {
  /** `https://127.0.0.1:PORT`. */
  baseUrl: string;
  close(): Promise<void>;
}

export interface StandInOptions {
  caCertPath: string;
  server: { certPath: string; keyPath: string };
  apiKey: string;
  /** Client certificates the provider has allowlisted (PEM files). */
  allowlisted: string[];
  onRequest(request: StandInRequest): void;
}

/**
 * On 127.0.0.1 at a free port. The handshake requires a client certificate that chains to the CA and is in date
 * (an expired one is refused there, as the provider does); then `GET /v2/cardholders` answers 401 without the
 * right `X-API-Key`, 403 "No Authorised IPs configured" for a certificate not allowlisted, else 200.
 */
export async function startProviderStandIn(options: StandInOptions): Promise<ProviderStandIn> {
  const allowlist = new Set(
    options.allowlisted.map((file) => new X509Certificate(fs.readFileSync(file)).fingerprint256),
  );
  const server = https.createServer(
    {
      requestCert: true,
      rejectUnauthorized: true,
      ca: fs.readFileSync(options.caCertPath),
      cert: fs.readFileSync(options.server.certPath),
      key: fs.readFileSync(options.server.keyPath),
    },
    (request, response) => {
      const socket = request.socket as tls.TLSSocket;
      const peer = socket.getPeerX509Certificate();
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
        options.onRequest({
          method: request.method ?? '',
          path: request.url ?? '',
          client: peer?.subject.match(/^CN=(.*)$/m)?.[1],
          status,
        });
      };
      if (request.url !== DEMO_TEST_PATH) return json(404, { message: 'Not Found' });
      if (request.headers['x-api-key'] !== options.apiKey) return json(401, { message: 'Invalid API key' });
      if (!peer || !allowlist.has(peer.fingerprint256)) return json(403, { message: 'No Authorised IPs configured' });
      return json(200, { status: 'success', items: [], total: 0 });
    },
  );
  // Refused handshakes (an expired or unknown client certificate) are the client's to report, not ours.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    baseUrl: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
