import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStormHarness, waitFor, workerScript } from './support/multi-process';
import type { RedisStormHarness, WorkerReport } from './support/multi-process';

let h: RedisStormHarness | undefined;
beforeAll(async () => {
  await workerScript();
}, 60_000);
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function failures(reports: (WorkerReport | undefined)[]): number {
  return reports.reduce((sum, r) => sum + (r === undefined ? Number.NaN : r.storm.failed), 0);
}

describe('several processes on one Redis store, rotating Plannr', () => {
  it('4 processes × 1,000 concurrent calls on one expired connection: one token request, no failures', async () => {
    h = await startStormHarness({ timeoutMs: 5_000 });
    const workers = await Promise.all([1, 2, 3, 4].map(() => h!.startWorker({ calls: 1_000 })));
    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((w) => w.done));

    expect(reports.map((r) => r?.storm.messages)).toEqual([{}, {}, {}, {}]);
    expect(reports.map((r) => r?.storm.ok)).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(failures(reports)).toBe(0);
    expect(h.refreshCount()).toBe(1);
    expect(h.tokenErrors()).toBe(0);
    const record = await h.store.get(h.connection.id);
    expect(record?.status).toBe('active');
    // Still usable afterwards, from yet another instance.
    expect((await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.refreshCount()).toBe(1);
  }, 120_000);

  it('the lock holder is SIGKILLed mid-refresh: the others take over after the lock expires; the connection stays usable', async () => {
    // Token requests time out after 2 s, so the refresh lock lives 5 s unless extended.
    h = await startStormHarness({ timeoutMs: 2_000 });
    h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 1_500, times: 1 });
    const victim = await h.startWorker({ calls: 1 });
    const others = await Promise.all([1, 2, 3].map(() => h!.startWorker({ calls: 200 })));
    victim.go();
    // The victim holds the lock and its token request is in flight at the sandbox.
    expect(await waitFor(async () => (await h!.redis.exists(h!.lockKey)) === 1 && h!.refreshCount() === 1, 10_000)).toBe(true);
    for (const worker of others) worker.go();
    victim.child.kill('SIGKILL');
    expect(await victim.done).toBeUndefined();

    const reports = await Promise.all(others.map((w) => w.done));
    expect(reports.map((r) => r?.storm.ok)).toEqual([200, 200, 200]);
    expect(failures(reports)).toBe(0);
    // The victim's request (never answered) plus exactly one takeover.
    expect(h.refreshCount()).toBe(2);
    expect(h.tokenErrors()).toBe(0);
    expect((await h.store.get(h.connection.id))?.status).toBe('active');
    expect((await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts')).status).toBe(200);
  }, 120_000);
});
