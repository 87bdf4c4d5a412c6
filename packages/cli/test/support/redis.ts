import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.AUTHKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other run or test shares. */
export function uniquePrefix(label: string): string {
  return `authkit-cli-test:${label}:${process.pid}-${randomUUID().slice(0, 8)}:`;
}

/** The `--store` URL for a prefix. */
export function redisStoreUrl(prefix: string): string {
  return `${REDIS_URL}?prefix=${encodeURIComponent(prefix)}`;
}

/** Deletes every key under a prefix (SCAN; test cleanup only). */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
