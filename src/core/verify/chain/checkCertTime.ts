// x509_check_cert_time and X509_cmp_time as OpenSSL 3.0 has them: only the RFC 5280 forms (YYMMDDHHMMSSZ,
// YYYYMMDDHHMMSSZ) with real calendar values are times; anything else is a "format error" in that field, and a
// date equal to the check time counts as already passed.
import { CertificateTime, ChainCertificate } from './chainCertificate';
import { VerifyContext, reportError } from './verifyContext';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The time in whole seconds since the epoch, or undefined where X509_cmp_time reports an error. */
export function certificateTimeSeconds(time: CertificateTime | undefined): number | undefined {
  if (time === undefined) return undefined;
  const { tag, text } = time;
  let year: number;
  let rest: string;
  if (tag === 23 && text.length === 13) {
    const yy = Number(text.slice(0, 2));
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    rest = text.slice(2);
  } else if (tag === 24 && text.length === 15) {
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else return undefined;
  if (!/^\d+Z$/.test(text)) return undefined;
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const hour = Number(rest.slice(4, 6));
  const minute = Number(rest.slice(6, 8));
  const second = Number(rest.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return Math.floor(date.getTime() / 1000);
}

/** X509_cmp_time: -1 when `time` <= `at`, 1 when after, 0 when either is not a valid time. */
function compareTime(time: CertificateTime | undefined, at: number): number {
  // OpenSSL first writes `at` as an ASN1_TIME, which holds the years 0 to 9999 only.
  const year = new Date(at * 1000).getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return 0;
  const seconds = certificateTimeSeconds(time);
  if (seconds === undefined) return 0;
  return seconds <= at ? -1 : 1;
}

/** The quiet form (depth -1) used while choosing an issuer: true when the certificate is valid at `at`. */
export function certTimeValid(cert: ChainCertificate, at: number | undefined): boolean {
  if (at === undefined) return true;
  return compareTime(cert.notBefore, at) < 0 && compareTime(cert.notAfter, at) > 0;
}

/** The reporting form: false when the callback stops verification. */
export function checkCertTime(ctx: VerifyContext, cert: ChainCertificate, depth: number): boolean {
  if (ctx.at === undefined) return true;
  const before = compareTime(cert.notBefore, ctx.at);
  if (before === 0 && !reportError(ctx, 13, depth)) return false;
  if (before > 0 && !reportError(ctx, 9, depth)) return false;
  const after = compareTime(cert.notAfter, ctx.at);
  if (after === 0 && !reportError(ctx, 14, depth)) return false;
  if (after < 0 && !reportError(ctx, 10, depth)) return false;
  return true;
}
