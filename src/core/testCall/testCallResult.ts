// The result of one test call: plain, JSON-serialisable data that the CLI prints and the adapter renders.
// Every string in it has been through redactSecrets, so it can be logged or shown as it is.

export type TestCallOutcome =
  | 'ok'
  | 'tls-handshake'
  | 'unauthorized'
  | 'forbidden-ip'
  | 'forbidden'
  | 'http-error'
  | 'network'
  | 'timeout'
  | 'cancelled';

/** How far the call got: where a timeout, a cancellation or a failure happened. */
export type TestCallPhase = 'connect' | 'tls-handshake' | 'response' | 'body' | 'done';

export interface TestCallServerCertificate {
  /** `O = Test, CN = api.example.com`, as `openssl x509 -subject` prints it. */
  subject: string;
  issuer: string;
  /** ISO 8601 UTC. */
  notAfter: string;
  /** `AA:BB:...`. */
  fingerprintSha256: string;
}

export interface TestCallClientCertificateSent {
  subject: string;
  fingerprintSha256: string;
}

export interface TestCallTls {
  /** `TLSv1.3`, `TLSv1.2`; absent when the handshake did not complete on our side. */
  protocol?: string;
  /** OpenSSL's cipher name, e.g. `TLS_AES_256_GCM_SHA384`. */
  cipher?: string;
  serverCertificate?: TestCallServerCertificate;
  /**
   * Whether the server sent a CertificateRequest. Absent when unknown: a TLS 1.2 handshake refused before it
   * completed leaves nothing to read, unless the alert itself was about our certificate.
   */
  clientCertificateRequested?: boolean;
  /** The configured certificate, when the server asked for one (the handshake then carried it). */
  clientCertificateSent?: TestCallClientCertificateSent;
  /** The TLS alert the server sent, e.g. `certificate expired`, `unknown ca`, `certificate required`. */
  alert?: string;
  /** OpenSSL's reason code (`SSLV3_ALERT_CERTIFICATE_EXPIRED`) or the verification code for the server's certificate. */
  reason?: string;
  /** Which side refused: `server` refused our certificate, `client` (this machine) refused the server's. */
  refusedBy?: 'server' | 'client';
  /** Always false: every call is a fresh connection and a fresh TLS session. */
  sessionReused?: boolean;
}

/** The configured client certificate as read locally, with its dates checked at the call's `now`. */
export interface TestCallClientCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  expired: boolean;
  notYetValid: boolean;
}

export interface TestCallJson {
  status?: string;
  total?: number;
}

export interface TestCallError {
  /** Node's or OpenSSL's code (`ECONNREFUSED`, `ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED`, `ETIMEDOUT`, ...). */
  code: string;
  message: string;
}

export interface TestCallResult {
  outcome: TestCallOutcome;
  /** The HTTP status, when the server answered. */
  status?: number;
  durationMs: number;
  /** What to do next, from the rotation guide's troubleshooting table. */
  hint: string;
  /** The URL called, without user information. */
  url: string;
  phase: TestCallPhase;
  /** The start of the response body (2,048 characters at most, with a note when cut). */
  bodyPreview?: string;
  json?: TestCallJson;
  tls?: TestCallTls;
  clientCertificate?: TestCallClientCertificate;
  error?: TestCallError;
}
