// The oracle: this machine's `openssl verify` on one case, its every error line and its verdict.
import { spawnSync } from 'child_process';
import { OpensslVerdict, VerifyCase } from './verifyCase';

export function opensslVerifyArgs(c: VerifyCase): string[] {
  const args = ['verify'];
  if (c.attime === undefined) args.push('-no_check_time');
  else args.push('-attime', String(c.attime));
  args.push('-CAfile', c.trusted);
  if (c.untrusted !== undefined) args.push('-untrusted', c.untrusted);
  args.push(c.target);
  return args;
}

export function opensslVerdict(c: VerifyCase): OpensslVerdict {
  const run = spawnSync('openssl', opensslVerifyArgs(c), { encoding: 'utf8' });
  if (run.error) throw run.error;
  const output = `${run.stdout}\n${run.stderr}`;
  const errors = [...output.matchAll(/^error (\d+) at (\d+) depth lookup:/gm)].map((m) => ({
    code: Number(m[1]),
    depth: Number(m[2]),
  }));
  const ok = run.status === 0 && /: OK\s*$/m.test(run.stdout);
  // 3.0 exits 2 on a failed verification; anything else (1: a file it could not load) is no verdict at all.
  if (!ok && (run.status !== 2 || errors.length === 0)) {
    throw new Error(`openssl ${opensslVerifyArgs(c).join(' ')}: exit ${run.status}, no verdict:\n${output.trim()}`);
  }
  return { ok, errors };
}
