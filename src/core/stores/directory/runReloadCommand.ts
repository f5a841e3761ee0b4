import { spawn } from 'child_process';
import { ReloadOutcome } from '../secretsStore';

/**
 * Runs the reload command without a shell (arguments reach the program as given: no expansion, no injection),
 * its output sent to our stderr so that a CLI's JSON on stdout stays clean. Never throws: a failing reload does
 * not undo the switch, it is reported.
 */
export function runReloadCommand(
  command: string[],
  options: { cwd: string; timeoutMs: number },
): Promise<ReloadOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    // Our own timer, not spawn's `timeout`: that one is cleared only on 'exit', which a command that cannot be
    // started never emits, and would keep the process alive for the whole timeout.
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: ReloadOutcome) => {
      if (timer) clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    try {
      const child = spawn(command[0], command.slice(1), { shell: false, cwd: options.cwd, stdio: ['ignore', 2, 2] });
      timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
      timer.unref();
      child.once('error', (error) => settle({ command, exitCode: null, error: error.message }));
      child.once('close', (exitCode, signal) => settle(signal ? { command, exitCode, signal } : { command, exitCode }));
    } catch (error) {
      settle({ command, exitCode: null, error: (error as Error).message });
    }
  });
}
