import { DAY_MS } from '../expiry';
import { formatName } from '../x509/formatName';
import { CertificateInfo } from '../model';
import { VerifyCheck } from './verifyCheck';

function days(ms: number): string {
  return String(Math.round((ms / DAY_MS) * 100) / 100);
}

/**
 * The `validity` check at `now`, as openssl counts it: valid from notBefore inclusive, expired once notAfter is
 * reached. The issuing CAs' dates count too (an expired intermediate fails the handshake as surely), and a
 * validity shorter than expected is worth a note but no failure: the provider sets it.
 */
export function checkValidity(
  certificate: CertificateInfo,
  issuers: readonly CertificateInfo[],
  now: Date,
  expectedValidityDays: number | undefined,
  command: string,
): VerifyCheck {
  const from = Date.parse(certificate.notBefore);
  const to = Date.parse(certificate.notAfter);
  const t = now.getTime();
  const daysLeft = Math.floor((to - t) / DAY_MS);
  const evidence: Record<string, string> = {
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    now: now.toISOString(),
    daysLeft: String(daysLeft),
    validityDays: days(to - from),
  };
  const fail = (message: string): VerifyCheck => ({
    name: 'validity',
    ok: false,
    severity: 'error',
    message,
    evidence,
    opensslCommand: command,
  });

  const ago = (ms: number) => {
    const whole = Math.floor(ms / DAY_MS);
    return whole === 0 ? 'less than a day' : `${whole} day(s)`;
  };
  if (Number.isNaN(from) || Number.isNaN(to))
    return fail(`The certificate's dates cannot be read (${certificate.notBefore} to ${certificate.notAfter}).`);
  if (t < from) return fail(`Not yet valid: valid from ${certificate.notBefore} (in ${ago(from - t)}).`);
  if (t >= to)
    return fail(
      `Expired at ${certificate.notAfter} (${ago(t - to)} ago): every call with it fails at the TLS handshake.`,
    );
  for (const issuer of issuers) {
    if (t < Date.parse(issuer.notBefore)) {
      evidence.issuerNotBefore = issuer.notBefore;
      return fail(`The issuing CA "${formatName(issuer.subject)}" is not valid until ${issuer.notBefore}.`);
    }
    if (t >= Date.parse(issuer.notAfter)) {
      evidence.issuerNotAfter = issuer.notAfter;
      return fail(`The issuing CA "${formatName(issuer.subject)}" expired at ${issuer.notAfter}.`);
    }
  }
  if (issuers.length > 0) evidence.chainNotAfter = issuers.map((i) => i.notAfter).sort()[0];
  const notes: string[] = [];
  const lengthDays = (to - from) / DAY_MS;
  // A day of slack: CAs commonly backdate notBefore or cut a few hours.
  if (expectedValidityDays !== undefined && lengthDays < expectedValidityDays - 1) {
    evidence.expectedValidityDays = String(expectedValidityDays);
    notes.push(
      `Note: it is valid for ${days(to - from)} days, less than the expected ${expectedValidityDays}; plan the next rotation by its notAfter.`,
    );
  }
  // The handshake fails once any issuer expires, so the path's end is the certificate's real end.
  const firstIssuerEnd = [...issuers].sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter))[0];
  if (firstIssuerEnd && Date.parse(firstIssuerEnd.notAfter) < to) {
    notes.push(
      `Note: the issuing CA "${formatName(firstIssuerEnd.subject)}" expires first, at ${firstIssuerEnd.notAfter}.`,
    );
  }
  const message = [
    `Valid from ${certificate.notBefore} to ${certificate.notAfter}; ${daysLeft} day(s) left.`,
    ...notes,
  ].join(' ');
  return {
    name: 'validity',
    ok: true,
    severity: notes.length > 0 ? 'warning' : 'info',
    message,
    evidence,
    opensslCommand: command,
  };
}
