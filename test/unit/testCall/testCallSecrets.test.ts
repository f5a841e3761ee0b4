import * as assert from 'assert';
import { isCoreError } from '../../../src/core/errors';
import { runTestCall, TestCallInput } from '../../../src/core/testCall/runTestCall';
import { TestCallResult } from '../../../src/core/testCall/testCallResult';
import {
  API_PATHS,
  closeAllServers,
  NodeMtlsServer,
  refusedPort,
  startNodeMtlsServer,
  startOpensslServer,
} from '../../support/mtlsServers';
import { API_KEY, caBundle, pem, sharedPki } from './fixtures';

/** Every place the key could surface: the result, its JSON, and the log. */
function assertNoKey(result: TestCallResult, lines: string[], key = API_KEY): void {
  const json = JSON.stringify(result);
  assert.ok(!json.includes(key), `the API key leaked into the result: ${json}`);
  // A prefix long enough to be recognisable must not survive either (a cut at a byte limit).
  assert.ok(!json.includes(key.slice(0, 12)), `a prefix of the API key leaked into the result: ${json}`);
  for (const line of lines) assert.ok(!line.includes(key), `the API key leaked into the log: ${line}`);
}

describe('runTestCall keeps the API key secret', function () {
  this.timeout(20_000);
  const pki = sharedPki();
  let server: NodeMtlsServer;
  before(async () => {
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
  });
  after(closeAllServers);

  const run = async (
    input: Partial<TestCallInput> & { url: string },
  ): Promise<{ result: TestCallResult; lines: string[] }> => {
    const lines: string[] = [];
    const result = await runTestCall({
      caBundlePem: caBundle(),
      apiKey: API_KEY,
      timeoutMs: 3000,
      log: (l) => lines.push(l),
      ...input,
    });
    return { result, lines };
  };

  it('redacts the key from a body that echoes the request headers', async () => {
    const { result, lines } = await run({ url: server.url(API_PATHS.echoHeaders), ...pem(pki.client) });
    assert.strictEqual(result.outcome, 'ok');
    assert.strictEqual(server.requests[server.requests.length - 1].apiKey, API_KEY, 'the key was sent');
    assert.match(result.bodyPreview ?? '', /"x-api-key":"\[REDACTED\]"/);
    assert.ok(lines.length > 0);
    assertNoKey(result, lines);
  });

  it('redacts the key from a long body cut at the read limit, and notes the cut', async () => {
    const { result, lines } = await run({ url: server.url(API_PATHS.bigEcho), ...pem(pki.client) });
    assert.strictEqual(result.outcome, 'ok');
    assert.match(result.bodyPreview ?? '', /^key=\[REDACTED\]\n/);
    assert.match(result.bodyPreview ?? '', /\[truncated: showing 2048 characters; reading stopped after \d+ bytes\]$/);
    assertNoKey(result, lines);
  });

  it('keeps the key out of every failure: refused handshake, refused server, refused port, timeout', async () => {
    const openssl = await startOpensslServer(pki);
    const untrusted = await startNodeMtlsServer(pki, { apiKey: API_KEY, serverCertificate: pki.untrustedServer });
    const port = await refusedPort();
    const cases: (Partial<TestCallInput> & { url: string })[] = [
      { url: openssl.url('/'), ...pem(pki.expiredClient) },
      { url: server.url(API_PATHS.cardholders), ...pem(pki.expiredClient) },
      { url: untrusted.url('/'), ...pem(pki.client) },
      { url: `https://127.0.0.1:${port}/`, ...pem(pki.client) },
      { url: server.url(API_PATHS.hang), ...pem(pki.client), timeoutMs: 200 },
      { url: server.url(API_PATHS.unauthorized), ...pem(pki.client) },
    ];
    for (const input of cases) {
      const { result, lines } = await run(input);
      assert.notStrictEqual(result.outcome, 'ok');
      assertNoKey(result, lines);
    }
  });

  it('redacts a key that the URL itself carries', async () => {
    const { result, lines } = await run({
      url: server.url(`${API_PATHS.unauthorized}?api_key=${API_KEY}`),
      ...pem(pki.client),
    });
    assert.strictEqual(result.url, server.url(`${API_PATHS.unauthorized}?api_key=[REDACTED]`));
    assertNoKey(result, lines);
  });

  it('refuses a key that cannot go in a header without quoting it', async () => {
    const key = 'sk_bad\r\nX-Injected: 1';
    await assert.rejects(run({ url: server.url('/'), apiKey: key }), (error: unknown) => {
      assert.ok(isCoreError(error));
      assert.strictEqual(error.code, 'invalid-test-call-input');
      assert.ok(!error.message.includes('sk_bad'));
      return true;
    });
  });
});
