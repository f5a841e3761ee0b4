import * as assert from 'assert';
import { failedBecauseExpired, nextStepAfterCall } from '../../../src/core/testCall/nextStepAfterCall';
import { TestCallResult } from '../../../src/core/testCall/testCallResult';

type Facts = Pick<TestCallResult, 'outcome' | 'status' | 'clientCertificate' | 'tls'>;

const client = (expired: boolean): TestCallResult['clientCertificate'] => ({
  subject: 'CN = program-a',
  issuer: 'CN = CA',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2026-03-01T00:00:00.000Z',
  fingerprintSha256: 'AA',
  expired,
  notYetValid: false,
});

describe('nextStepAfterCall', () => {
  it('offers Find References after a 200 only within a rotation', () => {
    const ok: Facts = { outcome: 'ok', status: 200, clientCertificate: client(false) };
    assert.strictEqual(nextStepAfterCall(ok, { inRotation: true }), 'find-references');
    assert.strictEqual(nextStepAfterCall(ok, { inRotation: false }), undefined);
  });

  it('offers Set API Key after a 401', () => {
    assert.strictEqual(
      nextStepAfterCall({ outcome: 'unauthorized', status: 401 }, { inRotation: true }),
      'set-api-key',
    );
    assert.strictEqual(nextStepAfterCall({ outcome: 'http-error', status: 401 }, { inRotation: false }), 'set-api-key');
  });

  it('offers the support ticket when the certificate expired, whatever the gateway answered', () => {
    // nginx answers an expired client certificate with HTTP 400; Node's server with a TLS alert.
    const nginx: Facts = { outcome: 'http-error', status: 400, clientCertificate: client(true) };
    const alert: Facts = { outcome: 'tls-handshake', tls: { alert: 'certificate expired' } };
    for (const facts of [nginx, alert]) {
      assert.ok(failedBecauseExpired(facts));
      assert.strictEqual(nextStepAfterCall(facts, { inRotation: true }), 'copy-support-ticket');
    }
  });

  it('offers nothing more for other failures', () => {
    for (const facts of [
      { outcome: 'forbidden-ip', status: 403 },
      { outcome: 'tls-handshake', tls: { alert: 'unknown ca' } },
      { outcome: 'timeout' },
    ] as Facts[]) {
      assert.strictEqual(nextStepAfterCall(facts, { inRotation: true }), undefined, JSON.stringify(facts));
      assert.ok(!failedBecauseExpired(facts));
    }
  });
});
