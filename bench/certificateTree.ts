// A large certificate tree for the benchmarks: a few distinct certificates made by openssl, copied into nested
// team/service folders, with a bundle of three every 250 files (bundles are what real repositories hold too).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface DistinctCertificateOptions {
  /** CA certificates (basicConstraints CA:TRUE) instead of client certificates. */
  ca?: boolean;
  /** P-256 keys only, instead of RSA-2048 and P-256 in turn. */
  ecOnly?: boolean;
  /** The i-th certificate is valid for `firstDays + i * stepDays` days (30 and 7 by default). */
  firstDays?: number;
  stepDays?: number;
  /** The CN's prefix (`client` by default). */
  name?: string;
}

export function makeDistinctCertificates(
  dir: string,
  count: number,
  options: DistinctCertificateOptions = {},
): string[] {
  const { firstDays = 30, stepDays = 7, name = 'client' } = options;
  fs.mkdirSync(dir, { recursive: true });
  const pems: string[] = [];
  for (let i = 0; i < count; i++) {
    const key =
      i % 2 === 0 && !options.ecOnly
        ? ['-newkey', 'rsa:2048']
        : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
    const out = path.join(dir, `distinct-${i}.pem`);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        ...key,
        '-nodes',
        '-keyout',
        '/dev/null',
        '-out',
        out,
        '-days',
        String(firstDays + i * stepDays),
        '-subj',
        `/O=Bench/OU=Payments/CN=${name}-${i}`,
        '-addext',
        `subjectAltName=DNS:${name}-${i}.example,IP:10.0.${i}.1`,
        // Client certificates unless asked, as the inventory mostly holds: openssl req -x509 marks CA:TRUE
        // otherwise, and the view would file all of them under its CA group instead of by expiry.
        '-addext',
        `basicConstraints=critical,CA:${options.ca ? 'TRUE' : 'FALSE'}`,
      ],
      { stdio: 'pipe' },
    );
    pems.push(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
  }
  return pems;
}

/** 10 x 10 folders of files; every 250th file is a bundle of three certificates. Returns the files written. */
export function makeCertificateTree(root: string, pems: string[], total: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < total; i++) {
    const dir = path.join(root, `team-${i % 10}`, `service-${Math.floor(i / 10) % 10}`);
    fs.mkdirSync(dir, { recursive: true });
    const bundle = i % 250 === 0;
    const file = path.join(dir, `${bundle ? 'chain' : 'client'}-${i}.${bundle ? 'pem' : 'crt'}`);
    fs.writeFileSync(
      file,
      bundle
        ? pems[i % pems.length] + pems[(i + 1) % pems.length] + pems[(i + 2) % pems.length]
        : pems[i % pems.length],
    );
    files.push(file);
  }
  return files;
}
