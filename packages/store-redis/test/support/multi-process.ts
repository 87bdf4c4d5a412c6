// The Redis side of the shared storm harness (tools/store-conformance): a store on a unique
// prefix (single Redis or Cluster), the bundled worker, and cleanup of the prefix afterwards.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { bundleWorker } from '@authkit/store-conformance/bundle-worker';
import { startStormHarness as startSharedHarness } from '@authkit/store-conformance/storm-harness';
import type { StormHarness } from '@authkit/store-conformance/storm-harness';
import { createRedisStore } from '../../src/index';
import type { RedisStore } from '../../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from '../helpers';
import type { RedisWorkerStore } from '../fixtures/storm-worker';

export { percentile, waitFor } from '@authkit/store-conformance/storm-harness';
export type { WorkerReport } from '@authkit/store-conformance/storm-harness';

/** The shared harness plus the Redis store it runs on. */
export interface RedisStormHarness extends StormHarness {
  store: RedisStore;
  prefix: string;
  /** The store's client (a Cluster client on a cluster). */
  redis: Redis;
  /** The refresh lock key of the first connection. */
  lockKey: string;
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

/** Sandbox + a Redis store on a fresh prefix + expired Plannr connections + worker processes. */
export async function startStormHarness(options: {
  timeoutMs: number;
  script?: string;
  /** Cluster node URLs; default the single Redis at REDIS_URL. */
  cluster?: string[];
  connections?: number;
}): Promise<RedisStormHarness> {
  const script = options.script ?? (await workerScript());
  const prefix = uniquePrefix('storm');
  const key = generateEncryptionKey();
  const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: key }] });
  const where = options.cluster ? { cluster: options.cluster } : { redis: REDIS_URL };
  const store = createRedisStore({ ...where, prefix, keyRing });
  const storeConfig: RedisWorkerStore = { ...where, prefix };
  let harness: StormHarness;
  try {
    harness = await startSharedHarness({ script, store, storeConfig, key, timeoutMs: options.timeoutMs, connections: options.connections ?? 1 });
  } catch (error) {
    await store.close();
    await deletePrefix(prefix, options.cluster);
    throw error;
  }
  return {
    ...harness,
    store,
    prefix,
    redis: store.client,
    lockKey: store.layout.lock(`refresh:${harness.connection.id}`),
    async close() {
      await harness.close();
      await store.close();
      await deletePrefix(prefix, options.cluster);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
