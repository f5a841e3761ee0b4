import * as assert from 'assert';
import * as fs from 'fs';
import { readCertificate } from '../../../src/core/x509/certificate';
import { runTestCall, TestCallInput } from '../../../src/core/testCall/runTestCall';
import { TestCallResult } from '../../../src/core/testCall/testCallResult';
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
import { API_KEY, caBundle, pem, sharedPki } from './fixtures';

const CLIENT_SUBJECT = 'O = Test, OU = Payments, CN = program-a';
const SERVER_SUBJECT = 'O = Test, CN = localhost';
const CA_NAME = 'O = Test, CN = Test mTLS CA';

function call(input: Partial<TestCallInput> & { url: string }): Promise<TestCallResult> {
  return runTestCall({ caBundlePem: caBundle(), apiKey: API_KEY, timeoutMs: 5000, ...input });
}

function fingerprintOf(certPath: string): string {
  return readCertificate(fs.readFileSync(certPath, 'utf8')).fingerprintSha256;
}

describe('runTestCall', function () {
  this.timeout(20_000);
  const pki = sharedPki();
  after(closeAllServers);

  describe('against Node https (requestCert, rejectUnauthorized: true)', () => {
    let server: NodeMtlsServer;
    before(async () => {
      server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    });
    after(() => server.close());

    it("ok: 200 with the guide's JSON, TLS facts, the client certificate requested and sent", async () => {
      const result = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client) });
      assert.strictEqual(result.outcome, 'ok', result.hint);
      assert.strictEqual(result.status, 200);
      assert.deepStrictEqual(result.json, { status: 'success', total: 0 });
      assert.strictEqual(result.url, server.url(API_PATHS.cardholders));
      assert.strictEqual(result.tls?.protocol, 'TLSv1.3');
      assert.match(result.tls?.cipher ?? '', /^TLS_/);
      assert.strictEqual(result.tls?.serverCertificate?.subject, SERVER_SUBJECT);
      assert.strictEqual(result.tls?.serverCertificate?.issuer, CA_NAME);
      assert.strictEqual(result.tls?.serverCertificate?.fingerprintSha256, fingerprintOf(pki.server.certPath));
      assert.match(result.tls?.serverCertificate?.notAfter ?? '', /^\d{4}-\d\d-\d\dT/);
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
      assert.deepStrictEqual(result.tls?.clientCertificateSent, {
        subject: CLIENT_SUBJECT,
        fingerprintSha256: fingerprintOf(pki.client.certPath),
      });
      assert.strictEqual(result.tls?.sessionReused, false);
      assert.strictEqual(result.clientCertificate?.expired, false);
      assert.strictEqual(result.phase, 'done');
      assert.strictEqual(result.error, undefined);
      assert.match(result.hint, /Step 5/);
      assert.ok(result.durationMs >= 0 && result.durationMs < 5000);
      const last = server.requests[server.requests.length - 1];
      assert.deepStrictEqual(last, { path: API_PATHS.cardholders, authorized: true, apiKey: API_KEY });
      assert.doesNotThrow(() => JSON.parse(JSON.stringify(result)));
    });

    it('opens a fresh connection and a fresh TLS session for every call', async () => {
      const before = server.handshakes;
      const first = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client) });
      const second = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client) });
      assert.strictEqual(first.outcome, 'ok');
      assert.strictEqual(second.outcome, 'ok');
      assert.strictEqual(server.handshakes - before, 2);
      assert.strictEqual(server.resumedHandshakes, 0);
      assert.strictEqual(second.tls?.sessionReused, false);
    });

    it('tls-handshake: an expired client certificate is dropped after a TLS 1.3 handshake (reset on the first read)', async () => {
      const lines: string[] = [];
      const result = await call({
        url: server.url(API_PATHS.cardholders),
        ...pem(pki.expiredClient),
        log: (l) => lines.push(l),
      });
      assert.strictEqual(result.outcome, 'tls-handshake', JSON.stringify(result));
      assert.strictEqual(result.status, undefined);
      assert.strictEqual(result.tls?.protocol, 'TLSv1.3');
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
      assert.strictEqual(result.tls?.clientCertificateSent?.subject, 'O = Test, OU = Payments, CN = program-a-old');
      assert.strictEqual(result.tls?.refusedBy, 'server');
      assert.strictEqual(result.error?.code, 'ECONNRESET');
      assert.strictEqual(result.clientCertificate?.expired, true);
      assert.match(result.hint, /expired at .*checked on this machine/);
      assert.match(result.hint, /priority 1/);
      assert.match(result.hint, /new key pair and CSR/);
      assert.match(result.hint, /Account Management/);
      assert.match(result.hint, /TLS 1\.3/);
      assert.ok(lines.length >= 2, 'progress lines are logged');
    });

    it('tls-handshake: the same refusal over TLS 1.2 comes during the handshake', async () => {
      const tls12 = await startNodeMtlsServer(pki, { apiKey: API_KEY, maxVersion: 'TLSv1.2' });
      try {
        const good = await call({ url: tls12.url(API_PATHS.cardholders), ...pem(pki.client) });
        assert.strictEqual(good.outcome, 'ok');
        assert.strictEqual(good.tls?.protocol, 'TLSv1.2');
        assert.strictEqual(good.tls?.clientCertificateRequested, true);
        const expired = await call({ url: tls12.url(API_PATHS.cardholders), ...pem(pki.expiredClient) });
        assert.strictEqual(expired.outcome, 'tls-handshake');
        assert.strictEqual(expired.phase, 'tls-handshake');
        assert.strictEqual(expired.tls?.protocol, undefined);
        assert.match(expired.hint, /during the TLS handshake/);
        assert.match(expired.hint, /priority 1/);
      } finally {
        await tls12.close();
      }
    });

    it('tls-handshake: a client certificate from another CA', async () => {
      const result = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.otherCaClient) });
      assert.strictEqual(result.outcome, 'tls-handshake');
      assert.strictEqual(result.clientCertificate?.expired, false);
      assert.match(result.hint, /wait a few minutes after issuance and retry/);
    });

    it('tls-handshake: no client certificate (TLS 1.3 alert "certificate required")', async () => {
      const result = await call({ url: server.url(API_PATHS.cardholders) });
      assert.strictEqual(result.outcome, 'tls-handshake');
      assert.strictEqual(result.tls?.alert, 'certificate required');
      assert.strictEqual(result.tls?.reason, 'TLSV13_ALERT_CERTIFICATE_REQUIRED');
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
      assert.strictEqual(result.tls?.clientCertificateSent, undefined);
      assert.strictEqual(result.clientCertificate, undefined);
      assert.match(result.hint, /none was configured/);
    });

    it('unauthorized: 401 for a wrong API key, and for none', async () => {
      const wrong = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client), apiKey: 'not-the-key' });
      assert.strictEqual(wrong.outcome, 'unauthorized');
      assert.strictEqual(wrong.status, 401);
      assert.match(wrong.hint, /X-API-Key/);
      const none = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client), apiKey: undefined });
      assert.strictEqual(none.outcome, 'unauthorized');
      assert.match(none.hint, /no API key was sent/);
      assert.strictEqual(server.requests[server.requests.length - 1].apiKey, undefined);
    });

    it('forbidden-ip: 403 "No Authorised IPs configured"', async () => {
      const result = await call({ url: server.url(API_PATHS.forbiddenIp), ...pem(pki.client) });
      assert.strictEqual(result.outcome, 'forbidden-ip');
      assert.strictEqual(result.status, 403);
      assert.match(result.bodyPreview ?? '', /No Authorised IPs configured/);
      assert.match(result.hint, /may need to be allowlisted/);
      assert.match(result.hint, /IP Allowlisting & Network Security/);
    });

    it('forbidden: any other 403', async () => {
      const result = await call({ url: server.url(API_PATHS.forbidden), ...pem(pki.client) });
      assert.strictEqual(result.outcome, 'forbidden');
      assert.strictEqual(result.status, 403);
      assert.match(result.hint, /FCrDNS/);
    });

    it('http-error: 500 and 404', async () => {
      const failed = await call({ url: server.url(API_PATHS.serverError), ...pem(pki.client) });
      assert.strictEqual(failed.outcome, 'http-error');
      assert.strictEqual(failed.status, 500);
      assert.match(failed.hint, /server failed/);
      const missing = await call({ url: server.url(API_PATHS.notFound), ...pem(pki.client) });
      assert.strictEqual(missing.outcome, 'http-error');
      assert.strictEqual(missing.status, 404);
      assert.match(missing.hint, /path/);
    });

    it('timeout: the request is accepted and never answered', async () => {
      const result = await call({ url: server.url(API_PATHS.hang), ...pem(pki.client), timeoutMs: 300 });
      assert.strictEqual(result.outcome, 'timeout');
      assert.strictEqual(result.phase, 'response');
      assert.strictEqual(result.error?.code, 'ETIMEDOUT');
      assert.strictEqual(result.tls?.protocol, 'TLSv1.3');
      assert.ok(result.durationMs >= 290 && result.durationMs < 2000, String(result.durationMs));
      assert.match(result.hint, /handshake completed but no complete HTTP answer/);
    });

    it('cancelled: an AbortSignal stops the call mid-request', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const result = await call({
        url: server.url(API_PATHS.hang),
        ...pem(pki.client),
        signal: controller.signal,
        timeoutMs: 10_000,
      });
      assert.strictEqual(result.outcome, 'cancelled');
      assert.strictEqual(result.phase, 'response');
      assert.ok(result.durationMs < 2000, String(result.durationMs));
    });

    it('cancelled: an already aborted signal never connects', async () => {
      const before = server.handshakes;
      const controller = new AbortController();
      controller.abort();
      const result = await call({
        url: server.url(API_PATHS.cardholders),
        ...pem(pki.client),
        signal: controller.signal,
      });
      assert.strictEqual(result.outcome, 'cancelled');
      assert.strictEqual(result.phase, 'connect');
      assert.strictEqual(server.handshakes, before);
    });
  });

  describe('against Node https that does not reject (the application decides)', () => {
    it('reports a server that never asked for a client certificate', async () => {
      const server = await startNodeMtlsServer(pki, { apiKey: API_KEY, requestCert: false });
      try {
        const result = await call({ url: server.url(API_PATHS.unauthorized), ...pem(pki.client) });
        assert.strictEqual(result.outcome, 'unauthorized');
        assert.strictEqual(result.tls?.clientCertificateRequested, false);
        assert.strictEqual(result.tls?.clientCertificateSent, undefined);
        const ok = await call({ url: server.url(API_PATHS.echoHeaders), ...pem(pki.client) });
        assert.strictEqual(ok.outcome, 'ok');
        assert.match(ok.hint, /did not ask for a client certificate/);
      } finally {
        await server.close();
      }
    });

    it('an expired certificate gets through TLS and is refused by the handler', async () => {
      const server = await startNodeMtlsServer(pki, { apiKey: API_KEY, rejectUnauthorized: false });
      try {
        const result = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.expiredClient) });
        assert.strictEqual(result.outcome, 'forbidden');
        assert.strictEqual(result.tls?.clientCertificateRequested, true);
        assert.match(result.hint, /expired at/);
        assert.strictEqual(server.requests[0].authorized, false);
      } finally {
        await server.close();
      }
    });
  });

  describe('against openssl s_server -Verify 1 -verify_return_error', () => {
    let tls13: TestServer;
    let tls12: TestServer;
    before(async () => {
      [tls13, tls12] = await Promise.all([startOpensslServer(pki), startOpensslServer(pki, { tls12: true })]);
    });
    after(async () => {
      await Promise.all([tls13.close(), tls12.close()]);
    });

    it("ok with a good certificate (s_server's status page)", async () => {
      const result = await call({ url: tls13.url('/'), ...pem(pki.client) });
      assert.strictEqual(result.outcome, 'ok', result.hint);
      assert.strictEqual(result.status, 200);
      assert.strictEqual(result.json, undefined);
      assert.match(result.bodyPreview ?? '', /s_server/);
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
    });

    it('TLS 1.3: the "certificate expired" alert arrives after the client finished its handshake', async () => {
      const result = await call({ url: tls13.url('/'), ...pem(pki.expiredClient) });
      assert.strictEqual(result.outcome, 'tls-handshake');
      assert.strictEqual(result.tls?.alert, 'certificate expired');
      assert.strictEqual(result.tls?.reason, 'SSLV3_ALERT_CERTIFICATE_EXPIRED');
      assert.strictEqual(result.tls?.refusedBy, 'server');
      assert.strictEqual(result.tls?.protocol, 'TLSv1.3');
      assert.strictEqual(result.tls?.serverCertificate?.subject, SERVER_SUBJECT);
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
      assert.strictEqual(
        result.tls?.clientCertificateSent?.fingerprintSha256,
        fingerprintOf(pki.expiredClient.certPath),
      );
      assert.strictEqual(result.error?.code, 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED');
      assert.strictEqual(result.error?.message, 'sslv3 alert certificate expired (SSL alert number 45)');
      assert.match(result.hint, /priority 1/);
    });

    it('TLS 1.2: the alert ends the handshake; the request for a certificate is inferred from it', async () => {
      const result = await call({ url: tls12.url('/'), ...pem(pki.expiredClient) });
      assert.strictEqual(result.outcome, 'tls-handshake');
      assert.strictEqual(result.tls?.alert, 'certificate expired');
      assert.strictEqual(result.tls?.protocol, undefined);
      assert.strictEqual(result.phase, 'tls-handshake');
      assert.strictEqual(result.tls?.clientCertificateRequested, true);
      assert.strictEqual(result.tls?.clientCertificateSent?.subject, 'O = Test, OU = Payments, CN = program-a-old');
      const good = await call({ url: tls12.url('/'), ...pem(pki.client) });
      assert.strictEqual(good.outcome, 'ok');
      assert.strictEqual(good.tls?.protocol, 'TLSv1.2');
      assert.strictEqual(good.tls?.clientCertificateRequested, true);
    });

    it('unknown ca: a certificate from another CA', async () => {
      for (const server of [tls13, tls12]) {
        const result = await call({ url: server.url('/'), ...pem(pki.otherCaClient) });
        assert.strictEqual(result.outcome, 'tls-handshake');
        assert.strictEqual(result.tls?.alert, 'unknown ca');
        assert.strictEqual(result.tls?.reason, 'TLSV1_ALERT_UNKNOWN_CA');
        assert.match(result.hint, /does not trust the issuer/);
        assert.match(result.hint, /wait a few minutes after issuance/);
      }
    });

    it('no certificate: "certificate required" (TLS 1.3), "handshake failure" (TLS 1.2)', async () => {
      const r13 = await call({ url: tls13.url('/') });
      assert.strictEqual(r13.tls?.alert, 'certificate required');
      assert.match(r13.hint, /none was configured/);
      const r12 = await call({ url: tls12.url('/') });
      assert.strictEqual(r12.outcome, 'tls-handshake');
      assert.strictEqual(r12.tls?.alert, 'handshake failure');
      assert.match(r12.hint, /requires a client certificate, and none was configured/);
    });

    it('a certificate issued minutes ago and not trusted yet: wait and retry', async () => {
      const gateway = await startOpensslServer(pki, { clientCa: pki.otherCa });
      try {
        // A pinned clock: the PKI is made when the run starts, minutes before this test in a full run.
        const issued = Date.parse(readCertificate(fs.readFileSync(pki.freshClient.certPath, 'utf8')).notBefore);
        const result = await call({ url: gateway.url('/'), ...pem(pki.freshClient), now: () => issued + 5 * 60_000 });
        assert.strictEqual(result.tls?.alert, 'unknown ca');
        assert.match(result.hint, /issued 5 minutes ago: the gateway may not trust it yet/);
      } finally {
        await gateway.close();
      }
    });
  });

  describe("the server's certificate", () => {
    it('untrusted: refused by this machine, facts kept, the request (and the API key) never sent', async () => {
      const server = await startNodeMtlsServer(pki, { apiKey: API_KEY, serverCertificate: pki.untrustedServer });
      try {
        const result = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client) });
        assert.strictEqual(result.outcome, 'tls-handshake');
        assert.strictEqual(result.tls?.refusedBy, 'client');
        assert.strictEqual(result.tls?.reason, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
        assert.strictEqual(result.tls?.serverCertificate?.subject, 'O = Other, CN = localhost');
        assert.strictEqual(result.tls?.serverCertificate?.issuer, 'O = Test, CN = Other CA');
        assert.match(result.hint, /server's certificate that failed/);
        assert.match(result.hint, /CA bundle/);
        assert.strictEqual(server.requests.length, 0);
      } finally {
        await server.close();
      }
    });

    // Node's server sends the issuer it finds in its `ca` along with its certificate: the chain ends in a
    // self-signed root that Node's default roots do not hold.
    it("without a CA bundle Node's roots do not know a private CA (SELF_SIGNED_CERT_IN_CHAIN)", async () => {
      const server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
      try {
        const result = await call({
          url: server.url(API_PATHS.cardholders),
          ...pem(pki.client),
          caBundlePem: undefined,
        });
        assert.strictEqual(result.outcome, 'tls-handshake');
        assert.strictEqual(result.tls?.refusedBy, 'client');
        assert.strictEqual(result.tls?.reason, 'SELF_SIGNED_CERT_IN_CHAIN');
        assert.strictEqual(result.error?.message, 'self-signed certificate in certificate chain');
        assert.match(result.hint, /CA bundle/);
        assert.strictEqual(server.requests.length, 0);
      } finally {
        await server.close();
      }
    });

    it('issued for another host name', async () => {
      const server = await startNodeMtlsServer(pki, { apiKey: API_KEY, serverCertificate: pki.wrongHostServer });
      try {
        const result = await call({ url: server.url(API_PATHS.cardholders), ...pem(pki.client) });
        assert.strictEqual(result.outcome, 'tls-handshake');
        assert.strictEqual(result.tls?.reason, 'ERR_TLS_CERT_ALTNAME_INVALID');
        assert.match(result.error?.message ?? '', /127\.0\.0\.1/);
        assert.match(result.hint, /host name/);
        assert.strictEqual(server.requests.length, 0);
      } finally {
        await server.close();
      }
    });
  });

  describe('network and timeouts', () => {
    it('network: a refused port', async () => {
      const port = await refusedPort();
      const result = await call({ url: `https://127.0.0.1:${port}/v2/cardholders`, ...pem(pki.client) });
      assert.strictEqual(result.outcome, 'network');
      assert.strictEqual(result.error?.code, 'ECONNREFUSED');
      assert.strictEqual(result.phase, 'connect');
      assert.match(result.hint, /connection refused/);
      assert.strictEqual(result.tls, undefined);
    });

    it('timeout: a server that accepts TCP and never starts TLS', async () => {
      const silent = await startSilentServer();
      try {
        const result = await call({ url: silent.url('/v2/cardholders'), ...pem(pki.client), timeoutMs: 300 });
        assert.strictEqual(result.outcome, 'timeout');
        assert.strictEqual(result.phase, 'tls-handshake');
        assert.match(result.hint, /did not complete the TLS handshake within 300 ms/);
      } finally {
        await silent.close();
      }
    });
  });
});
