import * as fs from 'fs';

export interface MemorySampler {
  /** Stops sampling; the highest total seen, in bytes (0 where /proc is missing). */
  stop(): number;
}

/**
 * Samples, every `intervalMs`, the memory of this process and all its descendants (VS Code server, extension
 * host, Chromium and its helpers): proportional set size where the kernel offers it (shared pages counted once
 * in total), resident size otherwise. Linux only; elsewhere it reports 0.
 */
export function sampleMemory(intervalMs = 1000): MemorySampler {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, treeMemory(process.pid));
    } catch {
      // no /proc
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function treeMemory(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += memoryOf(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...; comm may contain spaces and parentheses
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function memoryOf(pid: number): number {
  for (const [file, key] of [
    [`/proc/${pid}/smaps_rollup`, 'Pss:'],
    [`/proc/${pid}/status`, 'VmRSS:'],
  ]) {
    try {
      const line = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(key));
      if (line) return Number(line.split(/\s+/)[1]) * 1024;
    } catch {
      // process gone, or no such file
    }
  }
  return 0;
}
