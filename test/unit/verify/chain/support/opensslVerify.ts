// Runs this machine's `openssl verify` and reads its verdict the way a person reads it: every
// `error N at D depth lookup: TEXT` line on stderr, and whether the file was reported OK.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface OpensslVerifyResult {
  ok: boolean;
  errors: { error: number; depth: number }[];
}

export interface OpensslVerifyFiles {
  dir: string;
  target: Buffer;
  trusted: readonly Buffer[];
  untrusted?: readonly Buffer[];
  at?: Date;
}

function pem(ders: readonly Buffer[]): string {
  return ders
    .map((der) => {
      const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
      return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
    })
    .join('');
}

export function parseOpensslVerify(stdout: string, stderr: string): OpensslVerifyResult {
  const errors: { error: number; depth: number }[] = [];
  for (const match of stderr.matchAll(/^error (\d+) at (\d+) depth lookup:/gm))
    errors.push({ error: Number(match[1]), depth: Number(match[2]) });
  return { ok: /: OK$/m.test(stdout), errors };
}

/** Writes the certificates as PEM files in `dir` and runs `openssl verify` on them. */
export function opensslVerify(files: OpensslVerifyFiles): OpensslVerifyResult {
  const target = path.join(files.dir, 'target.pem');
  const trusted = path.join(files.dir, 'trusted.pem');
  fs.writeFileSync(target, pem([files.target]));
  fs.writeFileSync(trusted, pem(files.trusted));
  const args = ['verify'];
  if (files.at === undefined) args.push('-no_check_time');
  else args.push('-attime', String(Math.floor(files.at.getTime() / 1000)));
  args.push('-CAfile', trusted);
  if (files.untrusted !== undefined) {
    const untrusted = path.join(files.dir, 'untrusted.pem');
    fs.writeFileSync(untrusted, pem(files.untrusted));
    args.push('-untrusted', untrusted);
  }
  args.push(target);
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  return parseOpensslVerify(run.stdout, run.stderr);
}
