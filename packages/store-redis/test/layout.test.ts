import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { errorCodeOf as codeOf, makeRecord } from '@authkit/store-conformance';
import { createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from './helpers';

const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const redis = new Redis(REDIS_URL);
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(prefix);
  redis.disconnect();
});
function fresh(): string {
  const prefix = uniquePrefix('layout');
  prefixes.push(prefix);
  return prefix;
}
const T = 1_750_000_000_000;

describe('RedisStore due-time index (a sorted set per group)', () => {
  it('a stale entry (earlier than the record says) is never returned as due, and is corrected', async () => {
    const store = createRedisStore({ redis: REDIS_URL, keyRing, prefix: fresh() });
    const record = await store.put(makeRecord({ dueAt: T + 60_000 }), 0);
    const due = store.layout.due(store.layout.shardOf(record.id));
    // As if an older write's entry had survived (a bug, a manual edit, a restore of half the data).
    await redis.zadd(due, T - 5_000, record.id);
    expect(await store.listDue(T, 10)).toEqual([]);
    expect(Number(await redis.zscore(due, record.id))).toBe(T + 60_000);
    expect((await store.listDue(T + 60_000, 10)).map((r) => r.id)).toEqual([record.id]);
    await store.close();
  });

  it('an entry whose record is gone, or has no dueAt any more, is removed', async () => {
    const store = createRedisStore({ redis: REDIS_URL, keyRing, prefix: fresh() });
    const kept = await store.put(makeRecord({ dueAt: T - 1_000 }), 0);
    const never = await store.put(makeRecord(), 0);
    const n = store.layout.shardOf(never.id);
    await redis.zadd(store.layout.due(n), T - 9_000, never.id);
    await redis.zadd(store.layout.due(0), T - 8_000, 'no-such-connection');
    // Many stale entries ahead of a real one in the same group must not hide it.
    for (let i = 0; i < 20; i++) await redis.zadd(store.layout.due(store.layout.shardOf(kept.id)), T - 20_000 + i, `ghost-${i}`);
    expect((await store.listDue(T, 1)).map((r) => r.id)).toEqual([kept.id]);
    expect(await redis.zscore(store.layout.due(n), never.id)).toBeNull();
    expect(await redis.zscore(store.layout.due(0), 'no-such-connection')).toBeNull();
    await store.close();
  });
});

describe('RedisStore layout guards', () => {
  it('refuses data written with another shard count, instead of looking it up in the wrong groups', async () => {
    const prefix = fresh();
    const first = createRedisStore({ redis: REDIS_URL, keyRing, prefix, shards: 16 });
    const record = await first.put(makeRecord(), 0);
    const other = createRedisStore({ redis: REDIS_URL, keyRing, prefix, shards: 32 });
    expect(await codeOf(() => other.get(record.id))).toBe('configuration_error');
    expect((await first.get(record.id))!.id).toBe(record.id);
    await first.close();
    await other.close();
  });

  it('rejects a prefix with braces, a bad shard count, and both or neither of redis/cluster', async () => {
    expect(await codeOf(async () => createRedisStore({ redis: REDIS_URL, keyRing, prefix: 'app:{x}:' }))).toBe('configuration_error');
    expect(await codeOf(async () => createRedisStore({ redis: REDIS_URL, keyRing, shards: 0 }))).toBe('configuration_error');
    expect(await codeOf(async () => createRedisStore({ keyRing } as never))).toBe('configuration_error');
    expect(await codeOf(async () => createRedisStore({ redis: REDIS_URL, cluster: [REDIS_URL], keyRing } as never))).toBe('configuration_error');
  });
});

describe('RedisStore sealing cache', () => {
  const k1 = { id: 'k1', secret: generateEncryptionKey() };
  const k2 = { id: 'k2', secret: generateEncryptionKey() };
  const sealedOf = async (store: ReturnType<typeof createRedisStore>, id: string) =>
    (JSON.parse((await redis.hget(store.layout.record(id), 'd'))!) as { sealedCredential: string }).sealedCredential;
  const kidOf = (sealed: string) => (JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

  it('reuses the ciphertext when only non-secret fields change, and seals anew when the credential or the key changes', async () => {
    const prefix = fresh();
    const store = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    const v1 = await store.put(makeRecord(), 0);
    const sealed1 = await sealedOf(store, v1.id);
    const v2 = await store.put({ ...v1, status: 'failing', dueAt: T }, v1.version);
    expect(await sealedOf(store, v1.id)).toBe(sealed1);

    // Another instance (an empty cache) reads it, then writes a status change: still no new seal.
    const other = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    const read = (await other.get(v1.id))!;
    const v3 = await other.put({ ...read, status: 'active' }, read.version);
    expect(await sealedOf(store, v1.id)).toBe(sealed1);

    // A new credential (a refresh) is sealed anew and reads back as itself everywhere.
    const fresher = makeRecord().credential;
    await other.put({ ...v3, credential: fresher }, v3.version);
    expect(await sealedOf(store, v1.id)).not.toBe(sealed1);
    const back = (await store.get(v1.id))!;
    if (back.credential.kind !== 'oauth2' || fresher.kind !== 'oauth2') throw new Error('kind');
    expect(back.credential.accessToken.reveal()).toBe(fresher.accessToken.reveal());
    expect(v2.version).toBe(2);

    // After a key rotation, the same credential is sealed with the new key on its next write.
    const rotated = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1, k2] }), prefix });
    const latest = (await rotated.get(v1.id))!;
    await rotated.put({ ...latest, status: 'failing' }, latest.version);
    expect(kidOf(await sealedOf(store, v1.id))).toBe('k2');
    for (const s of [store, other, rotated]) await s.close();
  });
});
