/** Result of taking one request from a fixed window. */
export interface WindowResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Fixed-window counters keyed by string, measured on the sandbox clock (so a frozen clock
 * makes them deterministic). Old windows are dropped lazily when their key is touched again.
 */
export class FixedWindowLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  take(key: string, limit: number, windowMs: number, now: number): WindowResult {
    const start = Math.floor(now / windowMs) * windowMs;
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    const resetInMs = start + windowMs - now;
    if (window.count >= limit) return { allowed: false, limit, remaining: 0, resetInMs };
    window.count += 1;
    return { allowed: true, limit, remaining: limit - window.count, resetInMs };
  }

  reset(): void {
    this.#windows.clear();
  }
}
