import { createInterface } from 'node:readline';
import { createAuthKit, createKeyRing, isAuthKitError, providers } from '@authkit/core';
import type { AuthKitClient, ConnectionStore, KeyRing } from '@authkit/core';

/** What one storm of concurrent signed calls produced. */
export interface StormReport {
  ok: number;
  failed: number;
  /** Failures by AuthKit error code (or `http_<status>` for a non-200 answer). */
  codes: Record<string, number>;
  /** Per-call wall time in ms, in completion order. */
  latencies: number[];
  /** The first error message seen per code (AuthKit messages never hold secrets): what failed, in a report. */
  messages: Record<string, string>;
}

/**
 * Fires `calls` concurrent signed requests to `path` and tallies the outcome. The storm
 * workers of the multi-process tests and benchmarks (file and Redis stores) share it.
 */
export async function callStorm(client: AuthKitClient, calls: number, path: string): Promise<StormReport> {
  const codes: Record<string, number> = {};
  const messages: Record<string, string> = {};
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
        messages[code] ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - started);
    }),
  );
  return { ok, failed: calls - ok, codes, latencies, messages };
}

/** Merges the reports of several storms (one per connection) into one. */
export function mergeStormReports(reports: readonly StormReport[]): StormReport {
  const codes: Record<string, number> = {};
  const messages: Record<string, string> = {};
  for (const report of reports) {
    for (const [code, n] of Object.entries(report.codes)) codes[code] = (codes[code] ?? 0) + n;
    for (const [code, message] of Object.entries(report.messages)) messages[code] ??= message;
  }
  return {
    messages,
    ok: reports.reduce((n, r) => n + r.ok, 0),
    failed: reports.reduce((n, r) => n + r.failed, 0),
    codes,
    latencies: reports.flatMap((r) => r.latencies),
  };
}

/** The sandbox's Plannr as a worker configures it (endpoints plus the demo client). */
export interface StormPlannrConfig {
  baseUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** What the storm harness sends a worker (JSON in `STORM_CONFIG`). `store` is the store's own part. */
export interface StormWorkerConfig<StoreConfig = unknown> {
  store: StoreConfig;
  /** The encryption key (base64url) every process's key ring holds, id `k1`. */
  key: string;
  plannr: StormPlannrConfig;
  /** The storm fires `calls` concurrent calls on each of these (expired) connections. */
  connectionIds: string[];
  /** A connection with a fresh access token, for the latency baseline. */
  baselineConnectionId?: string;
  calls: number;
  /** Token request timeout; the refresh lock lives max(5 s, 2 × this). */
  timeoutMs: number;
}

/** One line a worker prints on stdout after a round. */
export interface StormWorkerMessage {
  phase: 'baseline' | 'storm';
  pid: number;
  report: StormReport;
}

/**
 * The body of a storm worker process: one app instance on the shared store, the sandbox's
 * Plannr as provider. Prints `ready`; then on stdin `baseline` runs a warm-up and a measured
 * round on the fresh-token connection (JIT, sockets and pools warm, as in the storm), and `go`
 * fires the storm on the expired connections, prints the report and exits. Each store's
 * worker fixture is this call plus how to open its store.
 */
export async function runStormWorker<StoreConfig>(
  openStore: (config: StoreConfig, keyRing: KeyRing) => ConnectionStore,
): Promise<never> {
  const raw = process.env.STORM_CONFIG;
  if (raw === undefined) throw new Error('missing STORM_CONFIG');
  const config = JSON.parse(raw) as StormWorkerConfig<StoreConfig>;
  const store = openStore(config.store, createKeyRing({ keys: [{ id: 'k1', secret: config.key }] }));
  const authkit = createAuthKit({
    providers: [providers.plannr(config.plannr)],
    store,
    retry: { attempts: 3, baseDelayMs: 20, timeoutMs: config.timeoutMs },
  });
  const print = (message: StormWorkerMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const round = async (ids: readonly string[]) =>
    mergeStormReports(await Promise.all(ids.map((id) => callStorm(authkit.client('plannr', id), config.calls, '/api/v1/contacts'))));

  await store.get(config.connectionIds[0]!); // connect before the start signal
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'baseline' && config.baselineConnectionId !== undefined) {
      await round([config.baselineConnectionId]);
      print({ phase: 'baseline', pid: process.pid, report: await round([config.baselineConnectionId]) });
    }
    if (line.trim() === 'go') break;
  }
  print({ phase: 'storm', pid: process.pid, report: await round(config.connectionIds) });
  await store.close?.();
  process.exit(0);
}
