import type { ConnectionRecord } from '../connection';
import type { Pacer } from '../fetch/pacer';
import type { Runtime } from '../runtime';
import { dueAtOf } from './due';
import type { MaintenanceReport } from './report';

/** What a sweep does to a due connection, supplied by the AuthKit instance. */
export interface MaintenanceActions {
  refresh(record: ConnectionRecord): Promise<unknown>;
  verify(record: ConnectionRecord): Promise<unknown>;
}

/** The due connections, through the store's due-time index (a full scan only for stores without one). */
async function findDue(runtime: Runtime, now: number): Promise<ConnectionRecord[]> {
  const { store, lifecycle } = runtime;
  if (store.listDue !== undefined) return store.listDue(now, lifecycle.batchSize);
  const all = await store.list();
  return all
    .filter((record) => record.dueAt !== undefined && record.dueAt <= now)
    .sort((a, b) => (a.dueAt as number) - (b.dueAt as number))
    .slice(0, lifecycle.batchSize);
}

/** When connections were last counted by status, per AuthKit instance. */
export interface StatusTally {
  lastAt: number;
}

/** The `authkit.connections` gauge, from a full listing at most every `countStatusesEveryMs`. */
async function countStatuses(runtime: Runtime, tally: StatusTally): Promise<void> {
  const every = runtime.lifecycle.countStatusesEveryMs;
  if (every <= 0 || !runtime.telemetry.active || Date.now() - tally.lastAt < every) return;
  tally.lastAt = Date.now();
  const counts: Record<string, number> = {};
  for (const record of await runtime.store.list()) counts[record.status] = (counts[record.status] ?? 0) + 1;
  runtime.telemetry.connectionsByStatus(counts);
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * One maintenance sweep: finds due connections through the store's due-time index (O(due)),
 * takes each one's maintenance lock without waiting (another instance holding it is doing the
 * work: skip), re-reads it, and does what is due — refresh ahead of a known refresh-token
 * expiry, warm an access token, retry after a cool-down, verify a static credential — with
 * bounded concurrency and under the providers' rate limits.
 */
export async function sweep(runtime: Runtime, actions: MaintenanceActions, pacer: Pacer, tally: StatusTally): Promise<MaintenanceReport> {
  const started = Date.now();
  const now = runtime.now();
  const report: MaintenanceReport = { due: 0, refreshed: 0, verified: 0, skipped: 0, failed: 0, storeOperations: 1, durationMs: 0 };
  const due = await findDue(runtime, now);
  report.due = due.length;
  await pool(due, runtime.lifecycle.concurrency, async (candidate) => {
    let lock;
    try {
      report.storeOperations += 1;
      lock = await runtime.store.lock(`maintain:${candidate.id}`, { ttlMs: runtime.refreshLock.ttlMs, waitMs: 0 });
    } catch {
      report.skipped += 1;
      return;
    }
    try {
      report.storeOperations += 1;
      const record = await runtime.store.get(candidate.id);
      const provider = record === undefined ? undefined : runtime.providers.get(record.providerId);
      const dueAt = record === undefined ? undefined : dueAtOf(runtime.lifecycle, provider, record);
      if (record === undefined || provider === undefined || dueAt === undefined || dueAt > runtime.now()) {
        report.skipped += 1;
        return;
      }
      await pacer.acquire(provider, record);
      if (record.credential.kind === 'oauth2') {
        await actions.refresh(record);
        report.refreshed += 1;
      } else {
        await actions.verify(record);
        report.verified += 1;
      }
    } catch {
      // Any error — a typed AuthKitError or a bug in a provider's own code — fails this
      // connection only: the other workers go on and the sweep still reports.
      report.failed += 1;
    } finally {
      report.storeOperations += 1;
      await lock.release().catch(() => undefined);
    }
  });
  await countStatuses(runtime, tally);
  report.durationMs = Date.now() - started;
  runtime.events.emit({ type: 'maintenance.swept', ...report });
  return report;
}
