// The RSA prime search is the whole cost of step 1, and the user waits for it after pressing Generate. A rotation
// knows long before that it will need a key: started when the rotation starts, the search runs on libuv's thread
// pool while the user writes and reviews the config, and Generate finds the key waiting. The key lives in this
// object's memory only (never written, never logged, never in an error), is handed out once, and is dropped on
// dispose; whoever finds none waiting, or one of other bits, generates on demand as before.
import { CoreError } from '../errors';
import { checkKeyBits, GeneratedKeyPair, generateKeyPair, GenerateKeyPairOptions } from './generateKeyPair';

export interface TakenKey {
  /** Key material: never log it. */
  key: GeneratedKeyPair;
  /** The search was started ahead (it may still have had to finish while the taker waited). */
  preparedAhead: boolean;
}

/** Where `generateKeyAndCsr` gets its new key: every call yields a key no one was given before. */
export interface KeySource {
  take(bits: number, signal?: AbortSignal): Promise<TakenKey>;
}

interface Held {
  bits: number;
  /** Resolves to undefined when the search failed or the key was discarded before it arrived. */
  key: Promise<GeneratedKeyPair | undefined>;
  settled: boolean;
  discarded: boolean;
}

function abortError(): CoreError {
  return new CoreError('aborted', 'key generation was cancelled');
}

/** Released at abort; the key, if it arrives later, goes to no one. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export class KeyPregenerator implements KeySource {
  /** At most one key, ready or on its way. */
  private held: Held | undefined;
  private disposed = false;

  constructor(
    private readonly generate: (options: GenerateKeyPairOptions) => Promise<GeneratedKeyPair> = generateKeyPair,
  ) {}

  /**
   * Starts the search for a `bits`-bit key unless one of that size is held already; a held key of another size is
   * dropped (one key at most). Refuses sizes `generateKeyPair` refuses. Does nothing once disposed.
   */
  prepare(bits: number): void {
    checkKeyBits(bits);
    if (this.disposed || this.held?.bits === bits) return;
    this.discard();
    const entry: Held = { bits, key: Promise.resolve(undefined), settled: false, discarded: false };
    // A failed search is not reported here: the taker generates on demand and meets the error, if any, itself.
    entry.key = this.generate({ bits }).then(
      (key) => {
        entry.settled = true;
        return entry.discarded ? undefined : key;
      },
      () => {
        entry.settled = true;
        if (this.held === entry) this.held = undefined;
        return undefined;
      },
    );
    this.held = entry;
  }

  /** The size held (ready or on its way), and whether it is ready. */
  holding(): { bits: number; ready: boolean } | undefined {
    const entry = this.held;
    return entry && { bits: entry.bits, ready: entry.settled };
  }

  /** Resolves once the key on its way (if any) has arrived or failed; never rejects and never yields the key. */
  async whenSettled(): Promise<void> {
    await this.held?.key;
  }

  /**
   * The held key when it has `bits` bits (waiting for it if it is still on its way); otherwise, or when its search
   * failed, a key generated now. Either way the key is no longer held: the next take gets another one.
   */
  async take(bits: number, signal?: AbortSignal): Promise<TakenKey> {
    checkKeyBits(bits);
    if (signal?.aborted) throw abortError();
    const entry = this.held;
    if (entry && entry.bits === bits) {
      this.held = undefined;
      try {
        const key = await unlessAborted(entry.key, signal);
        if (key) return { key, preparedAhead: true };
      } catch (error) {
        entry.discarded = true;
        throw error;
      }
    }
    return { key: await this.generate({ bits, signal }), preparedAhead: false };
  }

  /** Drops the held key; one still on its way is dropped when it arrives (the native search cannot be stopped). */
  discard(): void {
    if (this.held) this.held.discarded = true;
    this.held = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.discard();
  }
}
