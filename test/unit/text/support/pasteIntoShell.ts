// Pastes printed commands into a real shell in which openssl, curl and mtls-rotation are stand-ins that only
// record the arguments they get, so a test can see exactly what a user's shell would have run.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The commands a printed line may call. */
export const STAND_INS = ['openssl', 'curl', 'mtls-rotation'];

/**
 * Each call appends one record to $RECORDS: its argument count, its name, its arguments, NUL-separated. One short
 * printf is one write, and appends of one write do not interleave, so the members of a pipeline cannot mix them up.
 */
const RECORD = 'printf \'%s\\0\' "$#" "$name" "$@" >> "$RECORDS"';

/** Shell functions where the shell allows the name (fast: no process per call), an executable otherwise. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface Pasted {
  /** One entry per call, in the order the records were written: the command's name, then its arguments. */
  calls: string[][];
  stderr: string;
  status: number | null;
  /** The working directory's entries after the paste. */
  entries: string[];
}

function parseRecords(bytes: string): string[][] {
  const fields = bytes.split('\0').slice(0, -1);
  const calls: string[][] = [];
  for (let i = 0; i < fields.length;) {
    const count = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 2 + count));
    i += 2 + count;
  }
  return calls;
}

/** `shell` reads `text` on its standard input in `cwd`, the stand-ins defined first. */
export function pasteIntoShell(shell: string, text: string, cwd: string, env: NodeJS.ProcessEnv = {}): Pasted {
  const work = fs.mkdtempSync(path.join(path.dirname(cwd), 'paste-'));
  try {
    const bin = path.join(work, 'bin');
    const records = path.join(work, 'records');
    fs.mkdirSync(bin);
    fs.writeFileSync(records, '');
    const prelude: string[] = [];
    for (const name of STAND_INS) {
      if (FUNCTION_NAME.test(name)) prelude.push(`${name}() { name=${name}; ${RECORD}; }`);
      else fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nname=${name}\n${RECORD}\n`, { mode: 0o755 });
    }
    const child = spawnSync(shell, [], {
      cwd,
      input: `${prelude.join('\n')}\n${text}${text.endsWith('\n') ? '' : '\n'}`,
      encoding: 'utf8',
      timeout: 10_000,
      env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: cwd, RECORDS: records, LC_ALL: 'C', ...env },
    });
    if (child.error) throw child.error;
    return {
      calls: parseRecords(fs.readFileSync(records, 'utf8')),
      stderr: child.stderr,
      status: child.status,
      entries: fs.readdirSync(cwd).sort(),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Whether a shell can be started at all (dash, say, may be missing). */
export function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}
