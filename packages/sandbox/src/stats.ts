import type { RequestLogEntry } from './types';

/** Keeps at most this many log entries (the counters are exact regardless). */
export const REQUEST_LOG_LIMIT = 50_000;

export interface CountFilter {
  grantType?: string;
}

/** Counters per endpoint key (and grant type) plus a bounded request log. */
export class Stats {
  readonly requests: RequestLogEntry[] = [];
  readonly #counts = new Map<string, number>();

  record(entry: RequestLogEntry): void {
    // Drop the oldest tenth at once: one shift per request would be O(n) on every call.
    if (this.requests.length >= REQUEST_LOG_LIMIT) this.requests.splice(0, REQUEST_LOG_LIMIT / 10);
    this.requests.push(entry);
  }

  /** Counts a request once its endpoint key (and grant type) is known. */
  increment(endpointKey: string, grantType?: string): void {
    this.#counts.set(endpointKey, (this.#counts.get(endpointKey) ?? 0) + 1);
    if (grantType) {
      const key = `${endpointKey}\u0000${grantType}`;
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    }
  }

  /** Requests seen for an endpoint key since the last reset, optionally of one grant type. */
  count(endpointKey: string, filter: CountFilter = {}): number {
    const key = filter.grantType ? `${endpointKey}\u0000${filter.grantType}` : endpointKey;
    return this.#counts.get(key) ?? 0;
  }

  reset(): void {
    this.requests.length = 0;
    this.#counts.clear();
  }
}
