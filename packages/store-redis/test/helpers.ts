import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { clusterConnection } from '../src/internal/client';

export const REDIS_URL = process.env.AUTHKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix unique to this test run, so runs never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `authkit-test:${label}:${process.pid}-${randomUUID().slice(0, 8)}:`;
}

async function deleteOn(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    // One DEL per key: on a Cluster node the keys of one SCAN page may span slots.
    for (const key of keys) await redis.del(key);
  } while (cursor !== '0');
}

/** Deletes every key under a prefix (SCAN, test cleanup only), on one Redis or on every master of a cluster. */
export async function deletePrefix(prefix: string, cluster?: readonly string[]): Promise<void> {
  if (cluster === undefined) {
    const redis = new Redis(REDIS_URL);
    try {
      await deleteOn(redis, prefix);
    } finally {
      redis.disconnect();
    }
    return;
  }
  const client = new Cluster(clusterConnection(cluster).nodes);
  try {
    await client.ping();
    for (const node of client.nodes('master')) await deleteOn(node, prefix);
  } finally {
    client.disconnect();
  }
}
