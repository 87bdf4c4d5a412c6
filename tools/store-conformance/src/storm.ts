import { isAuthKitError, type AuthKitClient } from '@authkit/core';

/** What one storm of concurrent signed calls produced. */
export interface StormReport {
  ok: number;
  failed: number;
  /** Failures by AuthKit error code (or `http_<status>` for a non-200 answer). */
  codes: Record<string, number>;
  /** Per-call wall time in ms, in completion order. */
  latencies: number[];
}

/**
 * Fires `calls` concurrent signed requests to `path` and tallies the outcome. The storm
 * workers of the multi-process tests and benchmarks (file and Redis stores) share it.
 */
export async function callStorm(client: AuthKitClient, calls: number, path: string): Promise<StormReport> {
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let ok = 0;
  await Promise.all(
    Array.from({ length: calls }, async () => {
      const started = performance.now();
      try {
        const response = await client.fetch(path);
        await response.arrayBuffer();
        if (response.status === 200) ok += 1;
        else codes[`http_${response.status}`] = (codes[`http_${response.status}`] ?? 0) + 1;
      } catch (error) {
        const code = isAuthKitError(error) ? error.code : 'unexpected';
        codes[code] = (codes[code] ?? 0) + 1;
      }
      latencies.push(performance.now() - started);
    }),
  );
  return { ok, failed: calls - ok, codes, latencies };
}
