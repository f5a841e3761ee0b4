// No vscode import: a plain timer helper, unit-tested in Node.

/**
 * One pending task per key (a document, a batch): events come in bursts, so the work runs once after the burst.
 * Replaces the hand-written timer maps each feature kept; disposing cancels everything still waiting.
 */
export class KeyedDelayer<K = string> {
  private readonly timers = new Map<K, { timer: NodeJS.Timeout; task: () => void }>();

  constructor(private readonly defaultDelayMs: number) {}

  /** Debounce: the task waiting under `key` is replaced, and the wait starts again. */
  trigger(key: K, task: () => void, delayMs = this.defaultDelayMs): void {
    this.cancel(key);
    this.start(key, task, delayMs);
  }

  /** Throttle: a task already waiting under `key` keeps its turn, and this one is dropped. */
  triggerIfIdle(key: K, task: () => void, delayMs = this.defaultDelayMs): void {
    if (!this.timers.has(key)) this.start(key, task, delayMs);
  }

  isPending(key: K): boolean {
    return this.timers.has(key);
  }

  /** Runs the task waiting under `key` now, for a reader that must see its result; false when none waited. */
  flush(key: K): boolean {
    const pending = this.timers.get(key);
    if (!pending) return false;
    this.cancel(key);
    pending.task();
    return true;
  }

  cancel(key: K): void {
    clearTimeout(this.timers.get(key)?.timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }

  private start(key: K, task: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(key);
      task();
    }, delayMs);
    this.timers.set(key, { timer, task });
  }
}
