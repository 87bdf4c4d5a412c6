import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { AuthKitError } from '@authkit/core';

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

/** What `new Cluster(nodes, options)` gets for the store's `cluster: [...]` node URLs. */
export interface ClusterConnection {
  nodes: { host: string; port: number }[];
  options: ClusterOptions;
}

/**
 * Reads the store's `cluster: [...]` node URLs (`redis://[user:password@]host:port`, or `rediss://`
 * for TLS): the nodes' hosts and ports, and the credentials and TLS, which ioredis applies to every
 * node through `redisOptions`, on top of {@link FAIL_FAST_CLUSTER_OPTIONS}. All URLs must agree on
 * the scheme and credentials (one set of `redisOptions` serves every node). Errors never repeat a
 * URL: it may hold a password.
 */
export function clusterConnection(urls: readonly string[]): ClusterConnection {
  if (urls.length === 0) throw new AuthKitError('configuration_error', 'createRedisStore `cluster` lists no node URLs');
  const parsed = urls.map((url, index) => {
    let value: URL;
    try {
      value = new URL(url);
    } catch {
      // Not kept as the cause: Node's URL error carries the whole URL, password included.
      throw new AuthKitError('configuration_error', `createRedisStore \`cluster\` node URL #${index + 1} is not a valid URL`);
    }
    if (value.protocol !== 'redis:' && value.protocol !== 'rediss:') {
      throw new AuthKitError('configuration_error', `createRedisStore \`cluster\` node URL #${index + 1} must be redis:// or rediss://`);
    }
    return {
      tls: value.protocol === 'rediss:',
      username: decodeURIComponent(value.username),
      password: decodeURIComponent(value.password),
      // WHATWG URLs keep the brackets of an IPv6 host; ioredis wants the address alone.
      host: value.hostname.replace(/^\[|\]$/g, ''),
      port: Number(value.port || 6379),
    };
  });
  const [first] = parsed as [(typeof parsed)[number], ...typeof parsed];
  if (parsed.some((node) => node.tls !== first.tls || node.username !== first.username || node.password !== first.password)) {
    throw new AuthKitError('configuration_error', 'createRedisStore `cluster` node URLs must all use the same scheme (redis:// or rediss://) and credentials');
  }
  const redisOptions: RedisOptions = {
    ...FAIL_FAST_CLUSTER_OPTIONS.redisOptions,
    ...(first.username === '' ? {} : { username: first.username }),
    ...(first.password === '' ? {} : { password: first.password }),
    ...(first.tls ? { tls: {} } : {}),
  };
  return { nodes: parsed.map(({ host, port }) => ({ host, port })), options: { ...FAIL_FAST_CLUSTER_OPTIONS, redisOptions } };
}

/** Builds the client from the store's options. */
export function storeClient(redis: Redis | Cluster | string | undefined, cluster: readonly string[] | undefined): StoreClient {
  if (cluster !== undefined) {
    const { nodes, options } = clusterConnection(cluster);
    const client = new Cluster(nodes, options);
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
