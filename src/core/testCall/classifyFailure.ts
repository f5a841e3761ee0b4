import { TestCallError, TestCallOutcome, TestCallPhase } from './testCallResult';

/** Why a call failed, finer than the outcome: the hint is chosen from this. */
export type FailureKind =
  | 'alert'
  | 'closed-during-handshake'
  | 'closed-after-certificate'
  | 'closed-without-answer'
  | 'server-certificate'
  | 'tls-error'
  | 'local-setup'
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'os-timeout'
  | 'http-parse'
  | 'other';

export interface FailureContext {
  phase: TestCallPhase;
  clientCertificateRequested?: boolean;
  clientCertificateConfigured: boolean;
}

export interface FailureClassification {
  outcome: TestCallOutcome;
  kind: FailureKind;
  error: TestCallError;
  /** The alert's description, e.g. `certificate expired`. */
  alert?: string;
  /** OpenSSL's reason code, e.g. `SSLV3_ALERT_CERTIFICATE_EXPIRED`. */
  reason?: string;
  refusedBy?: 'server' | 'client';
  /**
   * Set when the alert can only be about a certificate the server asked for (TLS 1.2 refusals end before the
   * handshake completes, so the CertificateRequest cannot be read any other way).
   */
  impliesCertificateRequested?: boolean;
}

/** Alerts a server sends only about the client certificate it requested and received (or missed). */
const CERTIFICATE_ALERTS = new Set([
  'bad certificate',
  'unsupported certificate',
  'certificate revoked',
  'certificate expired',
  'certificate unknown',
  'unknown ca',
  'certificate required',
  'access denied',
]);

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface NodeLikeError {
  code?: unknown;
  message?: unknown;
  reason?: unknown;
}

/** Node's and OpenSSL's errors, told apart by code (never by message, except where Node sets no code). */
export function classifyFailure(error: unknown, context: FailureContext): FailureClassification {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodeLikeError;
  const code = typeof e.code === 'string' ? e.code : 'UNKNOWN';
  const rawMessage = typeof e.message === 'string' ? e.message : String(error);
  const openSslReason = typeof e.reason === 'string' ? e.reason : undefined;
  const message = cleanMessage(rawMessage, openSslReason);
  const base = { error: { code, message } };

  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_')) {
    const reason = code.replace(/^ERR_(SSL|OSSL)_/, '');
    const alertMatch = /^(?:sslv3|tlsv1|tlsv13) alert (.+)$/i.exec(openSslReason ?? '');
    if (alertMatch || /_ALERT_/.test(reason)) {
      const alert = alertMatch
        ? alertMatch[1].toLowerCase()
        : reason
            .replace(/^.*?_ALERT_/, '')
            .toLowerCase()
            .replace(/_/g, ' ');
      return {
        ...base,
        outcome: 'tls-handshake',
        kind: 'alert',
        alert,
        reason,
        refusedBy: 'server',
        impliesCertificateRequested: CERTIFICATE_ALERTS.has(alert) || undefined,
      };
    }
    return { ...base, outcome: 'tls-handshake', kind: 'tls-error', reason };
  }
  if (CLOSED_CODES.has(code) || /socket hang up/i.test(rawMessage)) {
    if (context.phase === 'connect' || context.phase === 'tls-handshake') {
      return { ...base, outcome: 'tls-handshake', kind: 'closed-during-handshake', refusedBy: 'server' };
    }
    // A TLS 1.3 server checks the client certificate after the client has finished its handshake: a server
    // that refuses it by closing (Node's own https server does) shows up as a reset on the first read.
    if (context.phase === 'response' && context.clientCertificateRequested) {
      return { ...base, outcome: 'tls-handshake', kind: 'closed-after-certificate', refusedBy: 'server' };
    }
    return { ...base, outcome: 'network', kind: 'closed-without-answer' };
  }
  if (code === 'ECONNREFUSED') return { ...base, outcome: 'network', kind: 'refused' };
  if (DNS_CODES.has(code)) return { ...base, outcome: 'network', kind: 'dns' };
  if (UNREACHABLE_CODES.has(code)) return { ...base, outcome: 'network', kind: 'unreachable' };
  if (code === 'ETIMEDOUT') return { ...base, outcome: 'timeout', kind: 'os-timeout' };
  if (code.startsWith('HPE_')) return { ...base, outcome: 'http-error', kind: 'http-parse' };
  return { ...base, outcome: 'network', kind: 'other' };
}

/** OpenSSL's verification codes for the server's certificate, in OpenSSL's words. */
const VERIFY_MESSAGES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  INVALID_CA: 'invalid CA certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: "the host name does not match the certificate's names",
};

/** This machine refused the server's certificate (Node's `authorizationError`). */
export function classifyServerCertificate(code: string, detail?: string): FailureClassification {
  return {
    outcome: 'tls-handshake',
    kind: 'server-certificate',
    refusedBy: 'client',
    reason: code,
    error: { code, message: detail ?? VERIFY_MESSAGES[code] ?? code.toLowerCase().replace(/_/g, ' ') },
  };
}

/**
 * OpenSSL's messages carry a thread id, a file path and line: `80:error:0A000415:SSL routines:ssl3_read_bytes:
 * sslv3 alert certificate expired:../ssl/record/rec_layer_s3.c:1601:SSL alert number 45`. The reason and the
 * alert number are what a person can act on.
 */
function cleanMessage(message: string, reason: string | undefined): string {
  const firstLine = message.split('\n')[0].trim();
  if (reason === undefined || !/:error:[0-9A-F]+:/.test(firstLine)) return firstLine;
  const alertNumber = /SSL alert number (\d+)/.exec(firstLine);
  return alertNumber ? `${reason} (SSL alert number ${alertNumber[1]})` : reason;
}
