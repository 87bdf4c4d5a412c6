import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createAuthKit, createKeyRing, generateEncryptionKey, providers } from '@authkit/core';
import type { AuthKit, ConnectionView } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';
import { bundleWorker } from '@authkit/store-conformance';
import { createRedisStore } from '../../src/index';
import type { RedisStore } from '../../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from '../helpers';

const REDIRECT = 'http://127.0.0.1:9/callback/plannr';

export interface RoundReport {
  ok: number;
  failed: number;
  codes: Record<string, number>;
  latencies: number[];
}
export interface WorkerReport {
  pid: number;
  storm: RoundReport;
}

/** A worker process, started and waiting for "go". */
export interface Worker {
  readonly child: ChildProcess;
  /** Warm-up plus a measured round on the fresh-token connection (needs `baseline: true`). */
  baseline(): Promise<RoundReport>;
  go(): void;
  /** Resolves with the report, or undefined if the process died without one. */
  readonly done: Promise<WorkerReport | undefined>;
}

/** Sandbox + shared Redis store + one expired Plannr connection + a bundled worker script. */
export interface StormHarness {
  sandbox: Sandbox;
  store: RedisStore;
  authkit: AuthKit;
  connection: ConnectionView;
  /** A second connection whose access token is fresh (baseline rounds only). */
  freshConnection: ConnectionView;
  prefix: string;
  redis: Redis;
  lockKey: string;
  startWorker(options: { calls: number; baseline?: boolean }): Promise<Worker>;
  /** Token requests with `grant_type=refresh_token` seen by the sandbox. */
  refreshCount(): number;
  /** Token endpoint answers that were OAuth errors (`invalid_grant` and the like). */
  tokenErrors(): number;
  close(): Promise<void>;
}

let bundled: Promise<string> | undefined;

/** Bundles the worker once per process (tsdown, sources through `@authkit/source`). */
export function workerScript(): Promise<string> {
  bundled ??= bundleWorker(
    fileURLToPath(new URL('../fixtures/storm-worker.ts', import.meta.url)),
    join(fileURLToPath(new URL('../../node_modules/.cache/authkit-workers/', import.meta.url))),
  );
  return bundled;
}

/**
 * Starts the sandbox, creates one Plannr connection through the real authorization code
 * flow, and lets its access token expire (1 s lifetime at connect time, 1 h afterwards).
 */
export async function startStormHarness(options: { timeoutMs: number; script?: string }): Promise<StormHarness> {
  const script = options.script ?? (await workerScript());
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, REDIRECT);
  sandbox.settings.rateLimits.plannrPerMinute = 1_000_000;
  sandbox.settings.plannr.accessTokenTtlSeconds = 1;

  const prefix = uniquePrefix('storm');
  const key = generateEncryptionKey();
  const plannr = { ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri: REDIRECT } as {
    baseUrl: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
  };
  const store = createRedisStore({ redis: REDIS_URL, prefix, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: key }] }) });
  const authkit = createAuthKit({ providers: [providers.plannr(plannr)], store, retry: { attempts: 3, baseDelayMs: 20, timeoutMs: options.timeoutMs } });

  const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'storm-user' });
  const redirect = await fetch(url, { redirect: 'manual' });
  const callback = redirect.headers.get('location');
  if (callback === null) throw new Error(`authorize answered ${redirect.status}`);
  const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'storm-user', callback });
  await new Promise((r) => setTimeout(r, 1_100)); // the access token is now expired for real
  sandbox.settings.plannr.accessTokenTtlSeconds = 3600;
  const fresh = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'baseline-user' });
  const freshCallback = (await fetch(fresh.url, { redirect: 'manual' })).headers.get('location')!;
  const freshConnection = (await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'baseline-user', callback: freshCallback })).connection;
  sandbox.stats.reset();

  const redis = new Redis(REDIS_URL);
  const children: ChildProcess[] = [];

  return {
    sandbox,
    store,
    authkit,
    connection,
    freshConnection,
    prefix,
    redis,
    lockKey: `${prefix}lock:refresh:${connection.id}`,
    async startWorker({ calls, baseline = false }) {
      const config = {
        redisUrl: REDIS_URL,
        prefix,
        key,
        plannr,
        connectionId: connection.id,
        ...(baseline ? { baselineConnectionId: freshConnection.id } : {}),
        calls,
        timeoutMs: options.timeoutMs,
      };
      const child = spawn(process.execPath, [script], {
        env: { ...process.env, STORM_CONFIG: JSON.stringify(config) },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.push(child);
      const lines = createInterface({ input: child.stdout! });
      let report: WorkerReport | undefined;
      let onReady: () => void = () => undefined;
      let onBaseline: (report: RoundReport) => void = () => undefined;
      const ready = new Promise<void>((resolve) => (onReady = resolve));
      lines.on('line', (line) => {
        if (line === 'ready') onReady();
        if (!line.startsWith('{')) return;
        const message = JSON.parse(line) as { phase: 'baseline' | 'storm'; pid: number; report: RoundReport };
        if (message.phase === 'baseline') onBaseline(message.report);
        else report = { pid: message.pid, storm: message.report };
      });
      const done = new Promise<WorkerReport | undefined>((resolve) => child.once('exit', () => resolve(report)));
      await Promise.race([ready, done.then(() => Promise.reject(new Error('worker exited before it was ready')))]);
      return {
        child,
        baseline: () => {
          const measured = new Promise<RoundReport>((resolve) => (onBaseline = resolve));
          child.stdin!.write('baseline\n');
          return measured;
        },
        go: () => child.stdin!.write('go\n'),
        done,
      };
    },
    refreshCount: () => sandbox.stats.count('plannr.token', { grantType: 'refresh_token' }),
    tokenErrors: () => sandbox.requests.filter((r) => r.endpointKey === 'plannr.token' && r.status >= 400).length,
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await store.close();
      redis.disconnect();
      await sandbox.close();
      await deletePrefix(prefix);
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `check` is true, polling; false if it never became true within `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(5);
  }
  return false;
}
