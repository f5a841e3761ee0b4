import * as assert from 'assert';
import { runTestCall, TestCallInput } from '../../../src/core/testCall/runTestCall';
import { TestCallResult } from '../../../src/core/testCall/testCallResult';
import { NginxUnavailable, startNginxMtlsServer, TestServer } from '../../support/mtlsServers';
import { API_KEY, caBundle, pem, sharedPki } from './fixtures';

// nginx checks the client certificate after the handshake and answers 400 instead of sending an alert:
// the test call must still call that a refusal at the TLS layer.
describe('runTestCall against nginx with ssl_verify_client on', function () {
  this.timeout(20_000);
  const pki = sharedPki();
  let nginx: TestServer | undefined;
  let unavailable = '';

  before(async () => {
    try {
      nginx = await startNginxMtlsServer(pki);
    } catch (error) {
      if (!(error instanceof NginxUnavailable)) throw error;
      unavailable = error.message;
    }
  });
  after(async () => {
    await nginx?.close();
  });

  async function call(this: Mocha.Context, input: Partial<TestCallInput>): Promise<TestCallResult> {
    if (!nginx) {
      console.log(`      (skipped: ${unavailable})`);
      this.skip();
    }
    return runTestCall({
      url: nginx.url('/v2/cardholders'),
      caBundlePem: caBundle(),
      apiKey: API_KEY,
      timeoutMs: 5000,
      ...input,
    });
  }

  it("ok: the guide's 200 JSON with a good certificate", async function () {
    const result = await call.call(this, pem(pki.client));
    assert.strictEqual(result.outcome, 'ok', result.hint);
    assert.deepStrictEqual(result.json, { status: 'success', total: 0 });
    assert.strictEqual(result.tls?.clientCertificateRequested, true);
    assert.strictEqual(result.tls?.serverCertificate?.subject, 'O = Test, CN = localhost');
  });

  it('tls-handshake: 400 "The SSL certificate error" for an expired certificate', async function () {
    const result = await call.call(this, pem(pki.expiredClient));
    assert.strictEqual(result.outcome, 'tls-handshake');
    assert.strictEqual(result.status, 400);
    assert.strictEqual(result.tls?.reason, 'The SSL certificate error');
    assert.strictEqual(result.tls?.refusedBy, 'server');
    assert.match(result.hint, /expired at/);
    assert.match(result.hint, /priority 1/);
  });

  it('an expired certificate refused with HTTP 400: the hint names that status and the recovery path', async function () {
    // The contradiction: "no HTTP status" followed by "the gateway answered HTTP 400".
    const result = await call.call(this, pem(pki.expiredClient));
    assert.strictEqual(result.status, 400);
    assert.doesNotMatch(result.hint, /no HTTP status/i);
    assert.match(result.hint, /expired at .*the gateway refused it with HTTP 400 "The SSL certificate error"/);
    assert.match(result.hint, /raise a support ticket immediately as priority 1 \(Critical\)/);
    // Said once: the expiry and the refusal are one story, not two.
    assert.strictEqual(result.hint.match(/HTTP 400/g)?.length, 1, result.hint);
    // Nothing suggests waiting for a recent issuance: the certificate expired.
    assert.doesNotMatch(result.hint, /wait a few minutes/);
  });

  it('tls-handshake: 400 "The SSL certificate error" for a certificate from another CA', async function () {
    const result = await call.call(this, pem(pki.otherCaClient));
    assert.strictEqual(result.outcome, 'tls-handshake');
    assert.match(result.hint, /wait a few minutes after issuance and retry/);
  });

  it('tls-handshake: 400 "No required SSL certificate was sent" without one', async function () {
    const result = await call.call(this, {});
    assert.strictEqual(result.outcome, 'tls-handshake');
    assert.strictEqual(result.status, 400);
    assert.strictEqual(result.tls?.reason, 'No required SSL certificate was sent');
    assert.match(result.hint, /No client certificate was configured/);
  });
});
