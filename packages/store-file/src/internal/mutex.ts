import lockfile from 'proper-lockfile';
import { join } from 'node:path';

/**
 * Short critical sections shared by every process that opens the same directory. Across
 * processes: `proper-lockfile` (atomic `mkdir`, stale after `staleMs` if the holder died).
 * Inside one process: a promise chain per name first, so local callers queue instead of
 * polling the file system against each other.
 */
export class DirectoryMutex {
  readonly #dir: string;
  readonly #staleMs: number;
  readonly #chains = new Map<string, Promise<unknown>>();

  constructor(dir: string, staleMs = 10_000) {
    this.#dir = dir;
    this.#staleMs = staleMs;
  }

  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(name) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(() => this.#runLocked(name, fn));
    const tail = result.catch(() => undefined);
    this.#chains.set(name, tail);
    void tail.then(() => {
      if (this.#chains.get(name) === tail) this.#chains.delete(name);
    });
    return result;
  }

  async #runLocked<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const target = join(this.#dir, name);
    const release = await lockfile.lock(target, {
      realpath: false,
      stale: this.#staleMs,
      // Critical sections last milliseconds; retry briefly and often, long enough to outlast
      // a stale lock left by a killed process.
      retries: { retries: 1_000, factor: 1.2, minTimeout: 2, maxTimeout: 40, randomize: true },
      // Only reachable if this process stalls for longer than `stale` inside a section of a few
      // milliseconds; the library's default (throw from a timer) would crash the whole app.
      onCompromised: () => undefined,
    });
    try {
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  }
}
