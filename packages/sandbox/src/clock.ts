/**
 * The sandbox clock. Every expiry (codes, tokens, rate-limit windows) is measured on it, so a
 * test can move time forward instead of waiting, or freeze it to make windows deterministic.
 */
export class SandboxClock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  /** Current sandbox time in epoch milliseconds. */
  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }

  /** Moves the clock forward by `ms` (negative values are refused: time never goes back). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance(ms) needs a finite, non-negative number');
    if (this.#frozenAt !== undefined) this.#frozenAt += ms;
    else this.#offsetMs += ms;
    return this.now();
  }

  /** Stops the clock (at `at`, or now). Rate-limit windows and `Retry-After` become deterministic. */
  freeze(at?: number): number {
    this.#frozenAt = at ?? this.now();
    return this.#frozenAt;
  }

  /** Lets the clock run again from where it stands. */
  unfreeze(): number {
    if (this.#frozenAt !== undefined) {
      this.#offsetMs = this.#frozenAt - Date.now();
      this.#frozenAt = undefined;
    }
    return this.now();
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }
}
