import type { ConnectionRecord } from '../connection';
import type { ProviderDefinition, RateLimitRule } from '../providers/types';
import { sleep } from '../util/sleep';

/**
 * Client-side sliding-window pacing under a provider's `rateLimits`, per connection (Planday:
 * per portal) and per client id across connections. Requests over a limit wait for a free
 * slot instead of failing. Uses the real clock: it schedules real delays.
 */
export class Pacer {
  readonly #windows = new Map<string, number[]>();

  /** `onWait(seconds)` sees each time a request was held back (rate-limit wait metrics). */
  constructor(private readonly onWait?: (providerId: string, seconds: number) => void) {}

  async acquire(provider: ProviderDefinition, record: ConnectionRecord): Promise<void> {
    const rules = provider.rateLimits;
    if (rules === undefined || rules.length === 0) return;
    const keys = rules.map((rule) => windowKey(provider, record, rule));
    for (;;) {
      const now = Date.now();
      let wait = 0;
      rules.forEach((rule, index) => {
        const stamps = this.#window(keys[index] as string);
        while (stamps.length > 0 && (stamps[0] as number) <= now - rule.windowMs) stamps.shift();
        if (stamps.length >= rule.limit) wait = Math.max(wait, (stamps[0] as number) + rule.windowMs - now);
      });
      if (wait <= 0) {
        for (const key of keys) this.#window(key).push(now);
        return;
      }
      this.onWait?.(provider.id, wait / 1000);
      await sleep(wait);
    }
  }

  #window(key: string): number[] {
    let stamps = this.#windows.get(key);
    if (stamps === undefined) {
      stamps = [];
      this.#windows.set(key, stamps);
    }
    return stamps;
  }
}

/** The id a provider counts "per client" by: OAuth client id, else API token id, else the provider. */
function clientKey(provider: ProviderDefinition, record: ConnectionRecord): string {
  if (record.credential.kind === 'api_token') return record.credential.tokenId;
  return provider.oauth2?.clientId ?? provider.id;
}

function windowKey(provider: ProviderDefinition, record: ConnectionRecord, rule: RateLimitRule): string {
  const subject = rule.per === 'connection' ? `connection:${record.id}` : `client:${clientKey(provider, record)}`;
  return `${provider.id}|${subject}|${rule.windowMs}`;
}
