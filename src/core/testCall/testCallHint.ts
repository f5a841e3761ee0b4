import { FailureKind } from './classifyFailure';
import { TestCallClientCertificate, TestCallJson, TestCallOutcome, TestCallPhase } from './testCallResult';

export interface HintFacts {
  outcome: TestCallOutcome;
  kind?: FailureKind;
  status?: number;
  alert?: string;
  reason?: string;
  /** What a gateway's error page says about the client certificate (nginx answers 400 instead of an alert). */
  gatewayRefusal?: string;
  json?: TestCallJson;
  phase: TestCallPhase;
  timeoutMs: number;
  now: number;
  /** host:port, for network hints. */
  address: string;
  apiKeySent: boolean;
  clientCertificate?: TestCallClientCertificate;
  clientCertificateRequested?: boolean;
  errorCode?: string;
}

// The guide's words ("If the certificate lapses"), in one place so every hint that needs them says the same.
const LAPSED_RECOVERY =
  'Recovery: raise a support ticket immediately as priority 1 (Critical), generate a new key pair and CSR, and submit it via ' +
  'Account Management (or directly to your account team if Account Management is inaccessible with the expired credential).';

const ALLOWLIST = 'see IP Allowlisting & Network Security';

/** Shortly after issuance the gateway may not trust a new certificate yet (the guide's troubleshooting table). */
const RECENT_MS = 2 * 60 * 60 * 1000;

/** What to do next, from the rotation guide's troubleshooting table and its "If the certificate lapses" section. */
export function testCallHint(facts: HintFacts): string {
  const parts: string[] = [];
  const local = facts.clientCertificate;
  const expiredLocally = local?.expired === true;
  if (expiredLocally && facts.outcome !== 'cancelled') {
    const expired = `The client certificate (${local.subject}) expired at ${local.notAfter}, checked on this machine`;
    if (facts.gatewayRefusal !== undefined) {
      // nginx answers the expired certificate with an HTTP error page, not a TLS alert: the hint says that status
      // and the recovery path once, rather than predicting "no HTTP status" next to the status it got.
      return (
        `${expired}, and the gateway refused it with HTTP ${facts.status ?? 400} "${facts.gatewayRefusal}" (nginx reports a ` +
        `refused client certificate as an HTTP error rather than a TLS alert), before the X-API-Key was checked. ${LAPSED_RECOVERY}`
      );
    }
    parts.push(
      facts.status === undefined
        ? `${expired}: every call with it fails at the TLS handshake, before the X-API-Key is checked, with no HTTP status.`
        : // An answer came all the same (a server that does not check client certificates, or not this one's dates).
          `${expired}: the provider's gateway refuses it before the X-API-Key is checked.`,
      LAPSED_RECOVERY,
    );
  } else if (local?.notYetValid && facts.outcome !== 'cancelled') {
    parts.push(
      `The client certificate (${local.subject}) is not valid before ${local.notBefore}: check this machine's clock.`,
    );
  }
  const specific = outcomeHint(facts, expiredLocally);
  if (specific) parts.push(specific);
  // Some hints leave out a sentence that another part already says; their spacing closes up here.
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function outcomeHint(facts: HintFacts, expiredLocally: boolean): string {
  switch (facts.outcome) {
    case 'ok':
      return okHint(facts);
    case 'tls-handshake':
      return tlsHint(facts, expiredLocally);
    case 'unauthorized':
      return facts.apiKeySent
        ? "HTTP 401: the client certificate got through TLS but the API key was refused. Check the program's API key sent in the " +
            'X-API-Key header: the right program and the right environment (production or sandbox).'
        : "HTTP 401: no API key was sent. Set the program's API key (it goes in the X-API-Key header) and retry.";
    case 'forbidden-ip':
      return (
        'HTTP 403 "No Authorised IPs configured": the calling IP address is not allowlisted for this program. If you updated the ' +
        `CN/SAN fields in the new CSR (for example to add a new IP), the new domains/IPs may need to be allowlisted: ${ALLOWLIST}.`
      );
    case 'forbidden':
      return (
        'HTTP 403: the request got through TLS but was refused. The full authentication chain must hold: certificate valid, ' +
        `IP allowlisted, FCrDNS passes (the calling IP's reverse DNS name resolves back to that IP); ${ALLOWLIST}.`
      );
    case 'http-error':
      return httpErrorHint(facts);
    case 'network':
      return networkHint(facts);
    case 'timeout':
      return timeoutHint(facts);
    case 'cancelled':
      return 'The test call was cancelled before it finished; nothing can be concluded about the certificate.';
  }
}

function okHint(facts: HintFacts): string {
  const parts = [
    `HTTP ${facts.status ?? 200}: the certificate works end to end (TLS handshake, API key, IP allowlist). Next: update all services to ` +
      'the new certificate and key, then retire the old ones and delete the old private key (Step 5).',
  ];
  if (facts.json?.status !== undefined && facts.json.status !== 'success') {
    parts.push(
      `The body's status is ${JSON.stringify(facts.json.status)}, not "success": read the body before relying on this call.`,
    );
  }
  if (facts.clientCertificateRequested === false) {
    parts.push(
      'Note: the server did not ask for a client certificate, so this call did not test one: check the URL is the mTLS endpoint.',
    );
  } else if (!facts.clientCertificate) {
    parts.push('Note: no client certificate was configured for this call.');
  }
  return parts.join(' ');
}

function recentIssuance(facts: HintFacts): string {
  const local = facts.clientCertificate;
  if (local) {
    const age = facts.now - Date.parse(local.notBefore);
    if (age >= 0 && age < RECENT_MS) {
      const minutes = Math.max(1, Math.round(age / 60_000));
      return (
        `The certificate was issued ${minutes} minute${minutes === 1 ? '' : 's'} ago: the gateway may not trust it yet. Wait a few ` +
        'minutes after issuance and retry.'
      );
    }
  }
  return (
    'If the certificate was issued only recently, the gateway may not trust it yet: wait a few minutes after issuance and retry. ' +
    'Otherwise check that this is the certificate the provider signed for this environment, with its own key.'
  );
}

function tlsHint(facts: HintFacts, expiredLocally: boolean): string {
  const configured = facts.clientCertificate !== undefined;
  if (facts.gatewayRefusal !== undefined) {
    const none = /no required ssl certificate/i.test(facts.gatewayRefusal);
    return (
      `The gateway answered HTTP ${facts.status ?? 400} "${facts.gatewayRefusal}": it refused the client certificate during the TLS ` +
      `layer's checks (nginx reports them as an HTTP error rather than a TLS alert). ` +
      (none
        ? configured
          ? 'It says none was sent: check the certificate and key are the ones configured.'
          : 'No client certificate was configured: configure the new certificate and key and retry.'
        : expiredLocally
          ? ''
          : recentIssuance(facts))
    );
  }
  switch (facts.kind) {
    case 'alert':
      return alertHint(facts, configured, expiredLocally);
    case 'closed-after-certificate':
      return (
        'The server closed the connection right after the handshake that carried the client certificate, without an HTTP answer: ' +
        'it refused the certificate. With TLS 1.3 the handshake completes on the client side before the server has checked the ' +
        'certificate, so the refusal arrives as a reset or a TLS alert on the first read instead of a handshake error. ' +
        (expiredLocally ? '' : recentIssuance(facts))
      );
    case 'closed-during-handshake':
      return configured
        ? `The server closed the connection during the TLS handshake: it most likely refused the client certificate. ${expiredLocally ? '' : recentIssuance(facts)}`
        : 'The server closed the connection during the TLS handshake: it may require a client certificate (none was configured), or ' +
            'the port may not speak TLS.';
    case 'server-certificate':
      return serverCertificateHint(facts);
    case 'local-setup':
      return (
        'OpenSSL on this machine refused the configured certificate, key or CA bundle before connecting (too weak a key or signature ' +
        'for the security level, or an unreadable CA bundle): see the error.'
      );
    default:
      if (facts.reason === 'WRONG_VERSION_NUMBER' || facts.reason === 'PACKET_LENGTH_TOO_LONG') {
        return 'The port does not answer in TLS: check the URL uses https:// and the right port.';
      }
      return `The TLS handshake failed on this machine (${facts.reason ?? facts.errorCode ?? 'unknown reason'}).`;
  }
}

function alertHint(facts: HintFacts, configured: boolean, expiredLocally: boolean): string {
  const alert = facts.alert ?? 'unknown';
  const said = `The server refused the handshake with the TLS alert "${alert}"`;
  switch (alert) {
    case 'certificate expired':
      return expiredLocally
        ? `${said}: the client certificate has expired.`
        : `${said}, although the certificate is valid by this machine's clock${facts.clientCertificate ? ` until ${facts.clientCertificate.notAfter}` : ''}: ` +
            `check the clocks, and that the certificate configured is the new one. ${LAPSED_RECOVERY}`;
    case 'certificate required':
      return configured
        ? `${said}: it did not receive a client certificate it could use. Check the certificate and key configured are the new pair.`
        : `${said}: the server requires a client certificate and none was configured. Configure the new certificate and key and retry.`;
    case 'unknown ca':
      return (
        `${said}: it does not trust the issuer of the client certificate. ${expiredLocally ? '' : recentIssuance(facts)} ` +
        'A certificate from another CA (or from the other environment: production and sandbox differ) is refused this way.'
      );
    case 'certificate revoked':
      return (
        `${said}: the client certificate has been revoked and cannot be used again. Generate a new key pair and CSR and submit it ` +
        'via Account Management; raise a priority 1 (Critical) support ticket if production calls depend on it.'
      );
    case 'handshake failure':
      return configured
        ? `${said}: it may have refused the client certificate, or shares no TLS version or cipher with this machine. ${expiredLocally ? '' : recentIssuance(facts)}`
        : `${said}: it most likely requires a client certificate, and none was configured. Configure the new certificate and key and retry.`;
    case 'protocol version':
    case 'insufficient security':
      return `${said}: it shares no TLS version or cipher with this machine.`;
    default:
      return `${said}: it refused the client certificate or the connection. ${expiredLocally ? '' : recentIssuance(facts)}`;
  }
}

function serverCertificateHint(facts: HintFacts): string {
  const start =
    `It is the server's certificate that failed verification on this machine (${facts.reason ?? 'unknown'}), not the client ` +
    'certificate: the request was not sent.';
  switch (facts.reason) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `${start} The server's certificate is not issued for the host in the URL: check the URL's host name.`;
    case 'CERT_HAS_EXPIRED':
      return `${start} The server's certificate has expired: contact the provider.`;
    case 'CERT_NOT_YET_VALID':
      return `${start} The server's certificate is not valid yet: check this machine's clock.`;
    default:
      return (
        `${start} If the server's certificate comes from a private or provider-specific CA, set the CA bundle (the CA bundle ` +
        'setting; --ca on the command line) to the chain that signed it.'
      );
  }
}

function httpErrorHint(facts: HintFacts): string {
  const status = facts.status;
  if (status === undefined) return 'The answer is not valid HTTP: check the URL points at the API.';
  if (status === 404) return "HTTP 404: check the URL's path (the guide's test call is GET /v2/cardholders).";
  if (status >= 300 && status < 400)
    return `HTTP ${status}: the server redirects, and the test call does not follow redirects: check the URL.`;
  if (status === 429) return 'HTTP 429: rate limited. The certificate and API key got through; retry a little later.';
  if (status >= 500) {
    return `HTTP ${status}: TLS and the request got through, but the server failed. Retry later; raise a support ticket if it persists.`;
  }
  return `HTTP ${status}: not the expected 200. The certificate got through TLS; read the body for the server's reason.`;
}

function networkHint(facts: HintFacts): string {
  switch (facts.kind) {
    case 'dns':
      return `The host name does not resolve (${facts.errorCode}): check the URL and this machine's DNS.`;
    case 'refused':
      return `Nothing accepts connections at ${facts.address} (connection refused): check the URL's host and port, and firewalls.`;
    case 'unreachable':
      return `No route to ${facts.address} (${facts.errorCode}): check the network, VPN or proxy.`;
    case 'closed-without-answer':
      return 'The server closed the connection without an HTTP answer. Retry; if it persists, check the URL.';
    default:
      return `The connection to ${facts.address} failed (${facts.errorCode ?? 'unknown error'}).`;
  }
}

function timeoutHint(facts: HintFacts): string {
  const within = `within ${facts.timeoutMs} ms`;
  switch (facts.phase) {
    case 'connect':
      return (
        `No TCP connection to ${facts.address} ${within}: a firewall may be dropping the packets (an IP that is not allowlisted ` +
        'at the network level looks like this), or the host or port is wrong.'
      );
    case 'tls-handshake':
      return (
        `The server accepted the TCP connection but did not complete the TLS handshake ${within}: check the port speaks TLS, ` +
        'and that no proxy or firewall holds the connection.'
      );
    default:
      return (
        `The TLS handshake completed but no complete HTTP answer came ${within}: the API is slow or stuck. Retry, or allow a ` +
        'longer timeout.'
      );
  }
}
