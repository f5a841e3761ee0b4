// openssl x509's readings of many certificates, in one process, for comparing the core against the oracle.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const MOZILLA = '/usr/share/ca-certificates/mozilla';

/** The Mozilla roots Debian ships (142 of them here), sorted; empty when the package is missing. */
export function mozillaFiles(): string[] {
  return fs.existsSync(MOZILLA)
    ? fs
        .readdirSync(MOZILLA)
        .filter((f) => f.endsWith('.crt'))
        .map((f) => path.join(MOZILLA, f))
        .sort()
    : [];
}

export interface OpensslReading {
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  subject: string[];
  issuer: string[];
  spkiSha256: string;
}

/** One bash process runs openssl once per file; the output is split per file. */
const cache = new Map<string, Map<string, OpensslReading>>();

export function opensslReadings(files: string[]): Map<string, OpensslReading> {
  const key = files.join('\n');
  const known = cache.get(key);
  if (known) return known;
  const script =
    'for f in "$@"; do echo "@@FILE $f"; openssl x509 -in "$f" -noout -serial -fingerprint -sha256 -dateopt iso_8601 -startdate -enddate -subject -issuer -nameopt sep_multiline,sname,utf8 -pubkey; done';
  const out = execFileSync('bash', ['-c', script, 'bash', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const readings = new Map<string, OpensslReading>();
  for (const chunk of out.split('@@FILE ').slice(1)) {
    const lines = chunk.split('\n');
    const file = lines[0];
    const reading: OpensslReading = {
      serial: '',
      fingerprint: '',
      notBefore: '',
      notAfter: '',
      subject: [],
      issuer: [],
      spkiSha256: '',
    };
    let list: string[] | undefined;
    let pem = '';
    for (const line of lines.slice(1)) {
      if (line.startsWith('    ') && list) {
        list.push(line.slice(4));
        continue;
      }
      list = undefined;
      const [key, ...rest] = line.split('=');
      const value = rest.join('=');
      if (key === 'serial') reading.serial = value;
      else if (key === 'sha256 Fingerprint') reading.fingerprint = value;
      else if (key === 'notBefore') reading.notBefore = isoFromOpenssl(value);
      else if (key === 'notAfter') reading.notAfter = isoFromOpenssl(value);
      else if (key === 'subject') list = reading.subject;
      else if (key === 'issuer') list = reading.issuer;
      else if (!line.startsWith('-----')) pem += line;
    }
    reading.spkiSha256 = createHash('sha256').update(Buffer.from(pem, 'base64')).digest('hex');
    readings.set(file, reading);
  }
  cache.set(key, readings);
  return readings;
}

function isoFromOpenssl(value: string): string {
  // `2030-12-31 09:37:37Z`
  return new Date(value.replace(' ', 'T')).toISOString();
}

/** sep_multiline prints a multi-valued RDN on one line joined by ` + `; flatten it the way the core does. */
export function flatten(lines: string[]): string[] {
  return lines.flatMap((line) => line.split(' + '));
}
