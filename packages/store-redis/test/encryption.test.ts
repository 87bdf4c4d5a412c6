import { afterAll } from 'vitest';
import { Redis } from 'ioredis';
import { describeStoreEncryption } from '@authkit/store-conformance';
import { createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from './helpers';

const prefixes: string[] = [];
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(prefix);
  redis.disconnect();
});
function fresh(): string {
  const prefix = uniquePrefix('enc');
  prefixes.push(prefix);
  return prefix;
}

/** Every key under the prefix with its value, as text: what someone with a Redis dump would see. */
async function everythingUnder(prefix: string): Promise<string> {
  let out = '';
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 10_000);
    cursor = next;
    for (const key of keys) {
      out += `\n${key}\n`;
      const type = await redis.type(key);
      if (type === 'string') out += await redis.get(key);
      if (type === 'hash') out += JSON.stringify(await redis.hgetall(key));
      if (type === 'set') out += (await redis.smembers(key)).join(',');
      if (type === 'zset') out += (await redis.zrange(key, 0, -1)).join(',');
    }
  } while (cursor !== '0');
  return out;
}

describeStoreEncryption('RedisStore', {
  open: (encryption) => createRedisStore({ redis: REDIS_URL, prefix: fresh(), ...encryption }),
  reopen: (store, encryption) => createRedisStore({ redis: REDIS_URL, prefix: store.prefix, ...encryption }),
  openWithoutKeys: () => createRedisStore({ redis: REDIS_URL } as never),
  raw: (store) => everythingUnder(store.prefix),
  readStored: async (store, id) => (await redis.hget(store.layout.record(id), 'd')) ?? '',
  writeStored: async (store, id, text) => {
    await redis.hset(store.layout.record(id), 'd', text);
  },
});
