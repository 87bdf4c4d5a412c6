import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';

/**
 * Settings for clients the store creates: a command fails within a few seconds when Redis is
 * down instead of queueing forever, so callers get `store_unavailable` and can retry.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: 5_000,
  retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
};

/** The same for a Redis Cluster client the store creates from a list of node URLs. */
export const FAIL_FAST_CLUSTER_OPTIONS: ClusterOptions = {
  redisOptions: { connectTimeout: 2_000, commandTimeout: 5_000, maxRetriesPerRequest: 1 },
  clusterRetryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
  slotsRefreshTimeout: 2_000,
  // A MOVED/ASK (slots migrating during a resharding) is followed a few times, not forever.
  maxRedirections: 8,
};

/** A client the store built (and so closes), or one it was given. */
export interface StoreClient {
  /** Typed as `Redis` for overload resolution: a `Cluster` has the same command API. */
  client: Redis;
  owned: boolean;
}

/** Builds the client from the store's options. */
export function storeClient(redis: Redis | Cluster | string | undefined, cluster: readonly string[] | undefined): StoreClient {
  if (cluster !== undefined) {
    const nodes = cluster.map((url) => {
      const parsed = new URL(url);
      return { host: parsed.hostname, port: Number(parsed.port || 6379) };
    });
    const client = new Cluster(nodes, FAIL_FAST_CLUSTER_OPTIONS);
    // Errors surface on each command as store_unavailable; without a listener ioredis would
    // print every reconnect failure.
    client.on('error', () => undefined);
    return { client: client as unknown as Redis, owned: true };
  }
  if (typeof redis === 'string') {
    const client = new Redis(redis, FAIL_FAST_REDIS_OPTIONS);
    client.on('error', () => undefined);
    return { client, owned: true };
  }
  return { client: redis as Redis, owned: false };
}
