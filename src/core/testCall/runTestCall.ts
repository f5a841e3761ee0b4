import { performance } from 'perf_hooks';
import { CoreError } from '../errors';
import { formatName } from '../x509/formatName';
import { bodyPreview } from './bodyPreview';
import { classifyFailure, classifyServerCertificate, FailureClassification } from './classifyFailure';
import { ClientCredentials, loadClientCredentials } from './loadClientCredentials';
import { redactAllStrings, redactSecrets } from './redactSecrets';
import { sendTestRequest, TestRequestObservation } from './sendTestRequest';
import { testCallHint } from './testCallHint';
import { parseTestCallUrl } from './parseTestCallUrl';
import { TestCallClientCertificate, TestCallJson, TestCallOutcome, TestCallResult } from './testCallResult';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Node's timers hold a signed 32-bit count of milliseconds: a longer delay silently becomes 1 ms. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TestCallInput {
  /** `https://host[:port]/path`; user information is refused (secrets do not belong in URLs). */
  url: string;
  /** The client certificate, PEM; intermediates may follow the leaf. Needs `keyPem`. */
  certificatePem?: string;
  /** Its private key, PEM; encrypted keys need `passphrase`. */
  keyPem?: string;
  /** Instead of the PEM pair: a PKCS#12 file (with `passphrase` when it has one). */
  pkcs12?: Buffer;
  passphrase?: string;
  /** CA certificates to verify the server with; Node's default roots otherwise. */
  caBundlePem?: string;
  /** Sent as X-API-Key; it never appears in the result or the log. */
  apiKey?: string;
  /** For the whole call, connection to last byte; default 15,000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  method?: 'GET';
  /** The wall clock, for checking the client certificate's dates (durations use a monotonic clock). */
  now?: () => number;
  /** Progress lines, already redacted: for an output channel. */
  log?: (line: string) => void;
}

/**
 * One test call with exactly the given certificate and key, as Step 4 of the rotation guide prescribes.
 * Every way the call can go is a result with an outcome; it rejects (with a CoreError) only when the input
 * itself is unusable: a bad URL, unreadable PEM or PKCS#12, a key that is not the certificate's.
 */
export async function runTestCall(input: TestCallInput): Promise<TestCallResult> {
  const secrets = [input.apiKey, input.passphrase];
  const target = parseTestCallUrl(input.url);
  const url = redactSecrets(target.displayUrl, secrets);
  if (input.method !== undefined && input.method !== 'GET') {
    throw new CoreError('invalid-test-call-input', 'the test call is a GET');
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new CoreError(
      'invalid-test-call-input',
      `the timeout must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS}, got ${timeoutMs}`,
    );
  }
  // Node would refuse these too, but its error for a bad header value can quote the value.
  if (input.apiKey !== undefined && !/^[\x21-\x7e]+$/.test(input.apiKey)) {
    throw new CoreError(
      'invalid-test-call-input',
      'the API key is empty or holds characters that cannot go in an HTTP header (spaces, line breaks, non-ASCII)',
    );
  }
  let credentials: ClientCredentials | undefined;
  try {
    credentials = loadClientCredentials(input);
  } catch (error) {
    // forge and OpenSSL messages may quote what they were given; the passphrase must not come back out.
    if (error instanceof CoreError)
      throw new CoreError(error.code, redactSecrets(error.message, secrets), { line: error.line });
    throw error;
  }
  const now = (input.now ?? Date.now)();
  const clientCertificate = credentials ? localCertificateFacts(credentials, now) : undefined;
  const log = (line: string): void => input.log?.(redactSecrets(line, secrets));

  const started = performance.now();
  const observation: TestRequestObservation = input.signal?.aborted
    ? { end: 'cancelled', phase: 'connect', tls: {} }
    : await sendTestRequest({
        target,
        credentials,
        caBundlePem: input.caBundlePem,
        apiKey: input.apiKey,
        timeoutMs,
        signal: input.signal,
        log,
      });
  const durationMs = Math.round(performance.now() - started);

  const result = interpret(observation, {
    url,
    durationMs,
    timeoutMs,
    now,
    clientCertificate,
    apiKeySent: input.apiKey !== undefined,
    address: `${target.host}:${target.port}`,
    secrets,
  });
  const safe = redactAllStrings(result, secrets);
  log(
    `${safe.outcome}${safe.status !== undefined ? ` (HTTP ${safe.status})` : ''} in ${safe.durationMs} ms: ${safe.hint}`,
  );
  return safe;
}

interface InterpretContext {
  url: string;
  durationMs: number;
  timeoutMs: number;
  now: number;
  clientCertificate?: TestCallClientCertificate;
  apiKeySent: boolean;
  address: string;
  secrets: (string | undefined)[];
}

function interpret(observation: TestRequestObservation, context: InterpretContext): TestCallResult {
  const tls = { ...observation.tls };
  const result: TestCallResult = {
    outcome: 'network',
    durationMs: context.durationMs,
    hint: '',
    url: context.url,
    phase: observation.phase,
  };
  let failure: FailureClassification | undefined;
  let gatewayRefusal: string | undefined;

  switch (observation.end) {
    case 'response': {
      const status = observation.status ?? 0;
      const body = observation.body ?? '';
      result.status = status;
      result.bodyPreview = bodyPreview(body, {
        complete: observation.bodyComplete === true,
        bytesRead: observation.bodyBytes ?? 0,
        secrets: context.secrets,
      });
      const json = readJson(body, observation.contentType);
      if (json) result.json = json;
      gatewayRefusal = gatewayCertificateRefusal(status, body);
      result.outcome = gatewayRefusal !== undefined ? 'tls-handshake' : httpOutcome(status, body);
      if (gatewayRefusal !== undefined) {
        tls.reason = gatewayRefusal;
        tls.refusedBy = 'server';
      }
      break;
    }
    case 'timeout':
      result.outcome = 'timeout';
      result.error = {
        code: 'ETIMEDOUT',
        message: `no answer within ${context.timeoutMs} ms (stopped during ${describePhase(observation.phase)})`,
      };
      break;
    case 'cancelled':
      result.outcome = 'cancelled';
      result.error = { code: 'ABORT_ERR', message: `cancelled during ${describePhase(observation.phase)}` };
      break;
    case 'server-certificate': {
      const { code, detail } = observation.serverCertificateError ?? { code: 'UNKNOWN' };
      failure = classifyServerCertificate(code, detail);
      break;
    }
    case 'setup-error':
      failure = {
        ...classifyFailure(observation.error, {
          phase: 'connect',
          clientCertificateConfigured: context.clientCertificate !== undefined,
        }),
        outcome: 'tls-handshake',
        kind: 'local-setup',
        refusedBy: undefined,
      };
      break;
    case 'closed':
    case 'error': {
      const error =
        observation.end === 'closed'
          ? Object.assign(new Error('the server closed the connection without an answer'), { code: 'ECONNRESET' })
          : observation.error;
      failure = classifyFailure(error, {
        phase: observation.phase,
        clientCertificateRequested: tls.clientCertificateRequested,
        clientCertificateConfigured: context.clientCertificate !== undefined,
      });
      break;
    }
  }

  if (failure) {
    result.outcome = failure.outcome;
    result.error = failure.error;
    if (failure.alert !== undefined) tls.alert = failure.alert;
    if (failure.reason !== undefined) tls.reason = failure.reason;
    if (failure.refusedBy !== undefined) tls.refusedBy = failure.refusedBy;
    if (failure.impliesCertificateRequested && tls.clientCertificateRequested === undefined) {
      tls.clientCertificateRequested = true;
      if (context.clientCertificate && failure.alert !== 'certificate required') {
        tls.clientCertificateSent = {
          subject: context.clientCertificate.subject,
          fingerprintSha256: context.clientCertificate.fingerprintSha256,
        };
      }
    }
  }
  if (Object.keys(tls).length > 0) result.tls = tls;
  if (context.clientCertificate) result.clientCertificate = context.clientCertificate;

  result.hint = testCallHint({
    outcome: result.outcome,
    kind: failure?.kind,
    status: result.status,
    alert: tls.alert,
    reason: tls.reason,
    gatewayRefusal,
    json: result.json,
    phase: observation.phase,
    timeoutMs: context.timeoutMs,
    now: context.now,
    address: context.address,
    apiKeySent: context.apiKeySent,
    clientCertificate: context.clientCertificate,
    clientCertificateRequested: tls.clientCertificateRequested,
    errorCode: result.error?.code,
  });
  // The CLI contract lists outcome, status, durationMs and hint first; JSON keeps insertion order.
  const { outcome, status, durationMs, hint, ...rest } = result;
  return status === undefined ? { outcome, durationMs, hint, ...rest } : { outcome, status, durationMs, hint, ...rest };
}

function httpOutcome(status: number, body: string): TestCallOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 403) return /No Authori[sz]ed IPs configured/i.test(body) ? 'forbidden-ip' : 'forbidden';
  return 'http-error';
}

/**
 * nginx checks client certificates after the handshake and answers 400 with one of these titles (495 and 496
 * internally, turned into 400 unless an error_page exposes them): a refusal of the certificate all the same.
 */
function gatewayCertificateRefusal(status: number, body: string): string | undefined {
  if (status !== 400 && status !== 495 && status !== 496) return undefined;
  const match = /(No required SSL certificate was sent|The SSL certificate error|SSL certificate error)/i.exec(body);
  if (match) return match[1];
  if (status === 495) return 'SSL certificate error';
  if (status === 496) return 'No required SSL certificate was sent';
  return undefined;
}

function readJson(body: string, contentType: string | undefined): TestCallJson | undefined {
  const trimmed = body.trim();
  if (!/json/i.test(contentType ?? '') && !trimmed.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const json: TestCallJson = {};
  if (typeof record.status === 'string') json.status = record.status;
  if (typeof record.total === 'number') json.total = record.total;
  return Object.keys(json).length > 0 ? json : undefined;
}

function localCertificateFacts(credentials: ClientCredentials, now: number): TestCallClientCertificate {
  const c = credentials.certificate;
  return {
    subject: formatName(c.subject),
    issuer: formatName(c.issuer),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprintSha256: c.fingerprintSha256,
    // The domain rule: expired once the clock has reached notAfter.
    expired: now >= Date.parse(c.notAfter),
    notYetValid: now < Date.parse(c.notBefore),
  };
}

function describePhase(phase: TestRequestObservation['phase']): string {
  switch (phase) {
    case 'connect':
      return 'the TCP connection';
    case 'tls-handshake':
      return 'the TLS handshake';
    case 'response':
      return 'the wait for the response';
    default:
      return 'the response body';
  }
}
