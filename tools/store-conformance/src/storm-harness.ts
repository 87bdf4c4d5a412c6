// The parent side of the multi-process storm tests and benchmarks, shared by every durable
// store: a sandbox whose Plannr rotates refresh tokens (and revokes the grant on reuse),
// expired connections made through the real authorization code flow, and worker processes
// (see runStormWorker) that open the same store. Free of vitest, so benchmarks can bundle it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createAuthKit, providers } from '@authkit/core';
import type { AuthKit, ConnectionStore, ConnectionView } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';
import type { StormPlannrConfig, StormReport, StormWorkerConfig, StormWorkerMessage } from './storm';

const REDIRECT = 'http://127.0.0.1:9/callback/plannr';

/** A report from one worker process. */
export interface WorkerReport {
  pid: number;
  storm: StormReport;
}

/** A worker process, started and waiting for "go". */
export interface StormWorker {
  readonly child: ChildProcess;
  /** Warm-up plus a measured round on the fresh-token connection (needs `baseline: true`). */
  baseline(): Promise<StormReport>;
  go(): void;
  /** Resolves with the report, or undefined if the process died without one. */
  readonly done: Promise<WorkerReport | undefined>;
}

export interface StormHarnessOptions<StoreConfig> {
  /** The bundled worker script (see bundleWorker and runStormWorker). */
  script: string;
  /** This process's store; it must use a key ring holding `key` with id `k1`. */
  store: ConnectionStore;
  /** How a worker opens the same store (sent as JSON). */
  storeConfig: StoreConfig;
  key: string;
  /** Token request timeout of every instance (the refresh lock lives max(5 s, 2 × this)). */
  timeoutMs: number;
  /** Expired connections to create (default 1): one per side-by-side trial. */
  connections?: number;
}

/** Sandbox + shared store + expired Plannr connections + worker processes. */
export interface StormHarness {
  sandbox: Sandbox;
  authkit: AuthKit;
  /** The first expired connection. */
  connection: ConnectionView;
  /** Every expired connection (`connections` of them). */
  connections: ConnectionView[];
  /** A connection whose access token is fresh (baseline rounds only). */
  freshConnection: ConnectionView;
  /** Starts a worker; it storms `calls` concurrent calls on each of `connectionIds` (default: the first connection). */
  startWorker(options: { calls: number; connectionIds?: string[]; baseline?: boolean }): Promise<StormWorker>;
  /** Token requests with `grant_type=refresh_token` seen by the sandbox (counted on arrival). */
  refreshCount(): number;
  /** Token endpoint answers that were OAuth errors (`invalid_grant` and the like). */
  tokenErrors(): number;
  /** Kills the workers still running and stops the sandbox (the caller closes and cleans its store). */
  close(): Promise<void>;
}

/**
 * Starts the sandbox and creates the connections through the real authorization code flow,
 * then lets their access tokens expire for real (1 s lifetime at connect time, 1 h after).
 */
export async function startStormHarness<StoreConfig>(options: StormHarnessOptions<StoreConfig>): Promise<StormHarness> {
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  const children: ChildProcess[] = [];
  try {
    sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, REDIRECT);
    sandbox.settings.rateLimits.plannrPerMinute = 1_000_000;
    sandbox.settings.plannr.accessTokenTtlSeconds = 1;
    const plannr: StormPlannrConfig = { ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri: REDIRECT };
    const authkit = createAuthKit({
      providers: [providers.plannr(plannr)],
      store: options.store,
      retry: { attempts: 3, baseDelayMs: 20, timeoutMs: options.timeoutMs },
    });
    const connect = async (ownerId: string) => {
      const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId });
      const redirect = await fetch(url, { redirect: 'manual' });
      const callback = redirect.headers.get('location');
      if (callback === null) throw new Error(`authorize answered ${redirect.status}`);
      return (await authkit.completeAuthorization({ providerId: 'plannr', ownerId, callback })).connection;
    };
    const connections: ConnectionView[] = [];
    for (let i = 0; i < (options.connections ?? 1); i++) connections.push(await connect(`storm-user-${i}`));
    await new Promise((r) => setTimeout(r, 1_100)); // the access tokens are now expired for real
    sandbox.settings.plannr.accessTokenTtlSeconds = 3600;
    const freshConnection = await connect('baseline-user');
    sandbox.stats.reset();

    return {
      sandbox,
      authkit,
      connection: connections[0]!,
      connections,
      freshConnection,
      startWorker: ({ calls, connectionIds, baseline = false }) => {
        const config: StormWorkerConfig<StoreConfig> = {
          store: options.storeConfig,
          key: options.key,
          plannr,
          connectionIds: connectionIds ?? [connections[0]!.id],
          ...(baseline ? { baselineConnectionId: freshConnection.id } : {}),
          calls,
          timeoutMs: options.timeoutMs,
        };
        const child = spawn(process.execPath, [options.script], {
          env: { ...process.env, STORM_CONFIG: JSON.stringify(config) },
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        children.push(child);
        return attach(child);
      },
      refreshCount: () => sandbox.stats.count('plannr.token', { grantType: 'refresh_token' }),
      tokenErrors: () => sandbox.requests.filter((r) => r.endpointKey === 'plannr.token' && r.status >= 400).length,
      async close() {
        killAll(children);
        await sandbox.close();
      },
    };
  } catch (error) {
    killAll(children);
    await sandbox.close();
    throw error;
  }
}

function killAll(children: readonly ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Follows a worker's stdout protocol: `ready`, then one JSON line per round. */
async function attach(child: ChildProcess): Promise<StormWorker> {
  const lines = createInterface({ input: child.stdout! });
  let report: WorkerReport | undefined;
  let onReady: () => void = () => undefined;
  let onBaseline: (report: StormReport) => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  lines.on('line', (line) => {
    if (line === 'ready') onReady();
    if (!line.startsWith('{')) return;
    const message = JSON.parse(line) as StormWorkerMessage;
    if (message.phase === 'baseline') onBaseline(message.report);
    else report = { pid: message.pid, storm: message.report };
  });
  const done = new Promise<WorkerReport | undefined>((resolve) => child.once('exit', () => resolve(report)));
  await Promise.race([ready, done.then(() => Promise.reject(new Error('worker exited before it was ready')))]);
  return {
    child,
    baseline: () => {
      const measured = new Promise<StormReport>((resolve) => (onBaseline = resolve));
      child.stdin!.write('baseline\n');
      return measured;
    },
    go: () => child.stdin!.write('go\n'),
    done,
  };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Waits until `check` is true, polling; false if it never became true within `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
