// The network errors a 127.0.0.1 test cannot produce (DNS, routing), classified from the errors Node raises
// for them. Everything else is classified against real servers in runTestCall.test.ts.
import * as assert from 'assert';
import { classifyFailure, classifyServerCertificate } from '../../../src/core/testCall/classifyFailure';
import { testCallHint } from '../../../src/core/testCall/testCallHint';

const context = { phase: 'connect' as const, clientCertificateConfigured: true };

function nodeError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('classifyFailure', () => {
  it('tells DNS, unreachable and refused apart, all as network', () => {
    const cases: [string, string][] = [
      ['ENOTFOUND', 'dns'],
      ['EAI_AGAIN', 'dns'],
      ['EHOSTUNREACH', 'unreachable'],
      ['ENETUNREACH', 'unreachable'],
      ['ECONNREFUSED', 'refused'],
    ];
    for (const [code, kind] of cases) {
      const result = classifyFailure(nodeError(code, `getaddrinfo ${code} api.example`), context);
      assert.strictEqual(result.outcome, 'network', code);
      assert.strictEqual(result.kind, kind, code);
      assert.strictEqual(result.error.code, code);
    }
  });

  it('an operating-system connect timeout is a timeout', () => {
    assert.strictEqual(classifyFailure(nodeError('ETIMEDOUT', 'connect ETIMEDOUT'), context).outcome, 'timeout');
  });

  it("reads the alert from OpenSSL's reason and keeps the reason code", () => {
    const error = nodeError(
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
      '80:error:0A000414:SSL routines:ssl3_read_bytes:sslv3 alert certificate revoked:../ssl/record/rec_layer_s3.c:1601:SSL alert number 44\n',
      { reason: 'sslv3 alert certificate revoked', library: 'SSL routines' },
    );
    const result = classifyFailure(error, { ...context, phase: 'tls-handshake' });
    assert.strictEqual(result.outcome, 'tls-handshake');
    assert.strictEqual(result.alert, 'certificate revoked');
    assert.strictEqual(result.reason, 'SSLV3_ALERT_CERTIFICATE_REVOKED');
    assert.strictEqual(result.error.message, 'sslv3 alert certificate revoked (SSL alert number 44)');
    assert.strictEqual(result.impliesCertificateRequested, true);
  });

  it('a TLS error that is not an alert (a plain HTTP port) is a handshake failure on this side', () => {
    const result = classifyFailure(
      nodeError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', { reason: 'wrong version number' }),
      context,
    );
    assert.strictEqual(result.outcome, 'tls-handshake');
    assert.strictEqual(result.kind, 'tls-error');
    assert.strictEqual(result.refusedBy, undefined);
  });

  it('a reset after the handshake counts as a refusal only when a certificate was requested', () => {
    const reset = nodeError('ECONNRESET', 'socket hang up');
    assert.strictEqual(
      classifyFailure(reset, { ...context, phase: 'response', clientCertificateRequested: true }).outcome,
      'tls-handshake',
    );
    assert.strictEqual(
      classifyFailure(reset, { ...context, phase: 'response', clientCertificateRequested: false }).outcome,
      'network',
    );
    assert.strictEqual(classifyFailure(reset, { ...context, phase: 'tls-handshake' }).kind, 'closed-during-handshake');
  });

  it('HTTP parser errors are http errors', () => {
    assert.strictEqual(
      classifyFailure(nodeError('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/'), {
        ...context,
        phase: 'response',
      }).outcome,
      'http-error',
    );
  });

  it("names server-certificate codes in OpenSSL's words", () => {
    const result = classifyServerCertificate('DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.strictEqual(result.refusedBy, 'client');
    assert.strictEqual(result.error.message, 'self-signed certificate');
  });
});

describe('testCallHint', () => {
  const base = {
    phase: 'connect' as const,
    timeoutMs: 15000,
    now: Date.parse('2026-01-01T00:00:00Z'),
    address: 'api.example:443',
    apiKeySent: true,
  };

  it('says what DNS and routing failures mean', () => {
    assert.match(
      testCallHint({ ...base, outcome: 'network', kind: 'dns', errorCode: 'ENOTFOUND' }),
      /does not resolve \(ENOTFOUND\)/,
    );
    assert.match(
      testCallHint({ ...base, outcome: 'network', kind: 'unreachable', errorCode: 'EHOSTUNREACH' }),
      /No route to api\.example:443/,
    );
    assert.match(
      testCallHint({ ...base, outcome: 'timeout' }),
      /No TCP connection to api\.example:443 within 15000 ms/,
    );
  });

  it('a revoked certificate needs a new key and CSR', () => {
    const hint = testCallHint({ ...base, outcome: 'tls-handshake', kind: 'alert', alert: 'certificate revoked' });
    assert.match(hint, /revoked/);
    assert.match(hint, /new key pair and CSR/);
  });

  it('an expired certificate says so first, whatever the outcome', () => {
    const clientCertificate = {
      subject: 'CN = program-a',
      issuer: 'CN = CA',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2025-04-01T00:00:00.000Z',
      fingerprintSha256: 'AA',
      expired: true,
      notYetValid: false,
    };
    const hint = testCallHint({ ...base, outcome: 'network', kind: 'refused', clientCertificate });
    assert.match(hint, /^The client certificate \(CN = program-a\) expired at 2025-04-01T00:00:00\.000Z/);
    assert.match(hint, /priority 1 \(Critical\)/);
    assert.match(hint, /connection refused/);
  });

  it('an expired certificate that got an HTTP status anyway never says there was none', () => {
    const clientCertificate = {
      subject: 'CN = program-a',
      issuer: 'CN = CA',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2025-04-01T00:00:00.000Z',
      fingerprintSha256: 'AA',
      expired: true,
      notYetValid: false,
    };
    const hint = testCallHint({ ...base, outcome: 'unauthorized', status: 401, phase: 'response', clientCertificate });
    assert.doesNotMatch(hint, /no HTTP status/i);
    assert.match(hint, /^The client certificate \(CN = program-a\) expired at/);
    assert.match(hint, /priority 1 \(Critical\)/);
    assert.match(hint, /HTTP 401/);
  });
});
