import * as fs from 'fs';
import * as path from 'path';

/**
 * Runs `fn` holding a lock directory, so that two harness runs in one tree do not install into the same
 * cache folder, or run the same target in the same folders, at once. A lock whose owner process is gone is
 * taken over.
 */
export async function withLock<T>(
  lockDir: string,
  fn: () => Promise<T>,
  options: { waitMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const waitMs = options.waitMs ?? 15 * 60_000;
  const owner = path.join(lockDir, 'pid');
  const deadline = Date.now() + waitMs;
  let told = false;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir, { recursive: false });
      fs.writeFileSync(owner, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readOr(owner, '0'));
      if (pid ? !isAlive(pid) : ageMs(lockDir) > 10_000) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (options.signal?.aborted) throw new Error(`interrupted while waiting for ${lockDir}`, { cause: err });
      if (Date.now() > deadline) throw new Error(`${lockDir} is still held by process ${pid}`, { cause: err });
      if (!told) {
        console.log(`waiting for process ${pid}, which holds ${lockDir}`);
        told = true;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim() || fallback;
  } catch {
    return fallback;
  }
}

/** Age of a path in milliseconds (0 when it is gone). A lock without a pid file is young or abandoned. */
function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
