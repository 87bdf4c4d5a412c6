import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { Cluster } from 'ioredis';
import { describeStoreConformance, makeRecord } from '@authkit/store-conformance';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { createRedisStore } from '../src/index';
import { clusterConnection } from '../src/internal/client';
import { deletePrefix, uniquePrefix } from './helpers';
import { startStormHarness } from './support/multi-process';
import type { RedisStormHarness } from './support/multi-process';

const nodes = inject('redisCluster');
const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(prefix, nodes);
});
function fresh(label: string): string {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  return prefix;
}

describeStoreConformance(
  'RedisStore on a 3-master Redis Cluster (cluster: [...])',
  () => createRedisStore({ cluster: nodes, keyRing, prefix: fresh('cluster') }),
  { twin: (store) => createRedisStore({ cluster: nodes, keyRing, prefix: store.prefix }) },
);

describe('Redis Cluster layout', () => {
  it('keeps every key of one connection in one hash slot, and spreads connections over the masters', async () => {
    const client = new Cluster(clusterConnection(nodes).nodes);
    // Your own Cluster client: the store uses it and leaves it open.
    const store = createRedisStore({ redis: client, keyRing, prefix: fresh('slots') });
    try {
      const records = await Promise.all(Array.from({ length: 40 }, () => store.put(makeRecord({ dueAt: 1_000 }), 0)));
      for (const record of records.slice(0, 5)) {
        const n = store.layout.shardOf(record.id);
        const keys = [
          store.layout.record(record.id),
          store.layout.all(n),
          store.layout.byProvider(n, record.providerId),
          store.layout.byOwner(n, record.ownerId),
          store.layout.due(n),
        ];
        const slots = await Promise.all(keys.map((key) => client.cluster('KEYSLOT', key)));
        expect(new Set(slots).size).toBe(1);
      }
      const masters = new Set<string>();
      for (const node of client.nodes('master')) {
        const [, keys] = await node.scan('0', 'MATCH', `${store.prefix}*:c:*`, 'COUNT', 10_000);
        if (keys.length > 0) masters.add(`${node.options.host}:${node.options.port}`);
      }
      expect(masters.size).toBeGreaterThan(1);
      expect((await store.list()).length).toBe(40);
      expect((await store.listDue(1_000, 100)).length).toBe(40);
    } finally {
      await store.close();
      client.disconnect();
    }
  });
});

describe('several processes on one Redis Cluster store, rotating Plannr', () => {
  let h: RedisStormHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('4 processes × 1,000 concurrent calls on one expired connection: one token request, no failures', async () => {
    h = await startStormHarness({ timeoutMs: 5_000, cluster: nodes });
    const workers = await Promise.all([1, 2, 3, 4].map(() => h!.startWorker({ calls: 1_000 })));
    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((w) => w.done));
    expect(reports.map((r) => r?.storm.messages)).toEqual([{}, {}, {}, {}]);
    expect(reports.map((r) => r?.storm.ok)).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(h.refreshCount()).toBe(1);
    expect(h.tokenErrors()).toBe(0);
    expect((await h.store.get(h.connection.id))?.status).toBe('active');
    expect((await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.refreshCount()).toBe(1);
  }, 120_000);
});
