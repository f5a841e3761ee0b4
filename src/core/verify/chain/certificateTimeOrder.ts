// ASN1_TIME_compare on notAfter, used to prefer the latest-expiring candidate when none is valid at -attime.
import { ChainCertificate } from './chainCertificate';
import { certificateTimeSeconds } from './checkCertTime';

export function expiresLater(a: ChainCertificate, b: ChainCertificate): boolean {
  const x = certificateTimeSeconds(a.notAfter);
  const y = certificateTimeSeconds(b.notAfter);
  return x !== undefined && y !== undefined && x > y;
}
