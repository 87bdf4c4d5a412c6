import { TokenEndpointError } from '../errors';
import { sleep } from '../util/sleep';

/** Retry policy for token-endpoint calls. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
}

/**
 * Retries transient token-endpoint failures (5xx, timeouts, resets, malformed bodies) with
 * exponential backoff and full jitter; anything else fails at once. `onFailure` sees every
 * failed attempt (for `token.refresh_failed` events).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  task: () => Promise<T>,
  onFailure?: (error: unknown, attempt: number, willRetry: boolean) => void,
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const retry = isTransient(error) && attempt < attempts;
      onFailure?.(error, attempt, retry);
      if (!retry) throw error;
      const ceiling = policy.baseDelayMs * 2 ** (attempt - 1);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

/** True for failures worth retrying. */
export function isTransient(error: unknown): boolean {
  return error instanceof TokenEndpointError && error.transient;
}
