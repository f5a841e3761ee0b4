import { spawn } from 'child_process';
import * as fs from 'fs';
import { tailOfFile } from './tailOfFile';

export interface RunCommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output of the command is appended here (not shown unless the command fails). */
  logFile: string;
  /** Killed after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Killed when this aborts (Ctrl-C). */
  signal?: AbortSignal;
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function runCommand(command: string, args: string[], options: RunCommandOptions): Promise<void> {
  fs.appendFileSync(options.logFile, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})\n`);
  const out = fs.openSync(options.logFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', out, out],
      detached: true, // own process group: a kill reaches npm's children too
    });
    fs.closeSync(out);
    let why: string | undefined;
    const kill = (reason: string) => {
      why = reason;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    };
    const timer = setTimeout(() => kill('timed out'), options.timeoutMs ?? 10 * 60_000);
    const onAbort = () => kill('interrupted');
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) onAbort();
    const onExit = () => kill('harness exiting');
    process.on('exit', onExit);
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      process.off('exit', onExit);
    };
    child.on('error', (err) => {
      done();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      done();
      if (code === 0 && !why) return resolve();
      const how = why ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
      reject(
        new Error(
          `${command} ${args.join(' ')} failed (${how}); log ${options.logFile}:\n${tailOfFile(options.logFile, 40)}`,
        ),
      );
    });
  });
}
