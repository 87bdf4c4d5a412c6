import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { bundleWorker } from '@authkit/store-conformance';
import { startStormHarness, waitFor } from '@authkit/store-conformance/storm-harness';
import type { StormHarness, WorkerReport } from '@authkit/store-conformance/storm-harness';
import type { PostgresStore } from '../src/index';
import { PG_URL, freshStore, prefixOf } from './helpers';
import type { PostgresWorkerStore } from './fixtures/storm-worker';

let script: string;
let h: StormHarness | undefined;
let store: PostgresStore | undefined;
beforeAll(async () => {
  script = await bundleWorker(
    fileURLToPath(new URL('./fixtures/storm-worker.ts', import.meta.url)),
    fileURLToPath(new URL('../node_modules/.cache/authkit-workers/', import.meta.url)),
    // pg's CommonJS does not survive bundling into one ESM file; the worker loads it from
    // this package's node_modules (the bundle is written below it).
    { external: ['pg'] },
  );
}, 60_000);
afterEach(async () => {
  await h?.close();
  await store?.close();
  h = undefined;
  store = undefined;
});

/** A store on fresh tables, and a storm harness whose workers open the same tables. */
async function harness(options: { timeoutMs: number; connections?: number }): Promise<StormHarness> {
  const key = generateEncryptionKey();
  store = await freshStore({ keyRing: createKeyRing({ keys: [{ id: 'k1', secret: key }] }) }, 'storm');
  const storeConfig: PostgresWorkerStore = { connectionString: PG_URL, tablePrefix: prefixOf(store) };
  h = await startStormHarness({ script, store, storeConfig, key, ...options });
  return h;
}

function failures(reports: (WorkerReport | undefined)[]): number {
  return reports.reduce((sum, r) => sum + (r === undefined ? Number.NaN : r.storm.failed), 0);
}

describe('several processes on one PostgreSQL store, rotating Plannr', () => {
  it('4 processes × 1,000 concurrent calls on one expired connection: one token request, no failures', async () => {
    const h = await harness({ timeoutMs: 5_000 });
    const workers = await Promise.all([1, 2, 3, 4].map(() => h.startWorker({ calls: 1_000 })));
    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((w) => w.done));

    expect(reports.map((r) => r?.storm.messages)).toEqual([{}, {}, {}, {}]);
    expect(reports.map((r) => r?.storm.ok)).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(failures(reports)).toBe(0);
    expect(h.refreshCount()).toBe(1);
    expect(h.tokenErrors()).toBe(0);
    expect((await store!.get(h.connection.id))?.status).toBe('active');
    // Still usable afterwards, from yet another instance.
    expect((await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.refreshCount()).toBe(1);
  }, 120_000);

  it('10 trials side by side: each lock holder is SIGKILLed mid-refresh; the others take over once its lease runs out; 0 connections lost', async () => {
    // Token requests time out after 2.5 s, so refresh leases live 5 s unless extended; the
    // sandbox holds each holder's token request for 2.4 s, and the kill lands meanwhile.
    const trials = 10;
    const h = await harness({ timeoutMs: 2_500, connections: trials });
    h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 2_400, times: trials });
    const ids = h.connections.map((c) => c.id);
    // One holder process per trial, and two more processes that storm every trial's connection.
    const victims = await Promise.all(ids.map((id) => h.startWorker({ calls: 1, connectionIds: [id] })));
    const others = await Promise.all([1, 2].map(() => h.startWorker({ calls: 50, connectionIds: ids })));
    for (const victim of victims) victim.go();
    // Every holder has its lease and its token request is in flight at the sandbox.
    expect(await waitFor(() => h.refreshCount() === trials, 20_000)).toBe(true);
    const { rows } = await store!.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${store!.tables.locks} WHERE key = ANY($1)`, [
      ids.map((id) => `refresh:${id}`),
    ]);
    expect(rows[0]!.n).toBe(trials);
    for (const worker of others) worker.go();
    for (const victim of victims) victim.child.kill('SIGKILL');
    expect(await Promise.all(victims.map((v) => v.done))).toEqual(victims.map(() => undefined));
    // None of the holders' requests was answered: each died with the old refresh token unused.
    expect(h.sandbox.requests.filter((r) => r.endpointKey === 'plannr.token' && r.status !== 0)).toEqual([]);

    const reports = await Promise.all(others.map((w) => w.done));
    expect(reports.map((r) => r?.storm.codes)).toEqual([{}, {}]);
    expect(reports.map((r) => r?.storm.ok)).toEqual([trials * 50, trials * 50]);
    expect(failures(reports)).toBe(0);
    // Each holder's request (never answered) plus exactly one takeover per trial.
    expect(h.refreshCount()).toBe(2 * trials);
    expect(h.tokenErrors()).toBe(0);
    let lost = 0;
    for (const id of ids) {
      const usable = (await store!.get(id))?.status === 'active' && (await h.authkit.client('plannr', id).fetch('/api/v1/contacts')).status === 200;
      if (!usable) lost += 1;
    }
    expect(lost).toBe(0);
  }, 120_000);
});
