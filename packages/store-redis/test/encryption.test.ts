import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import { makeRecord } from '@authkit/store-conformance';
import { DEFAULT_SHARDS, KeyLayout, createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from './helpers';

const k1 = { id: 'k1', secret: generateEncryptionKey() };
const k2 = { id: 'k2', secret: generateEncryptionKey() };
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

async function everythingUnder(prefix: string): Promise<string> {
  const [, keys] = await redis.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 10_000);
  let out = keys.join('\n');
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') out += await redis.get(key);
    if (type === 'hash') out += JSON.stringify(await redis.hgetall(key));
    if (type === 'set') out += (await redis.smembers(key)).join(',');
    if (type === 'zset') out += (await redis.zrange(key, 0, -1)).join(',');
  }
  return out;
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function kidOf(prefix: string, id: string): Promise<string> {
  const data = JSON.parse((await redis.hget(new KeyLayout(prefix, DEFAULT_SHARDS).record(id), 'd'))!) as { sealedCredential: string };
  return (JSON.parse(Buffer.from(data.sealedCredential.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

describe('RedisStore encryption at rest', () => {
  it('refuses to start without a key ring unless plaintext is explicitly chosen', async () => {
    const error = await failure(() => createRedisStore({ redis: REDIS_URL } as never));
    expect(isAuthKitError(error) && error.code).toBe('configuration_error');
  });

  it('sends no secret to Redis in the clear', async () => {
    const prefix = fresh();
    const store = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    const record = makeRecord();
    await store.put(record, 0);
    await store.putEphemeral('auth:state-abc', '{"codeVerifier":"VERIFIER-SECRET"}', 60_000);
    const everything = await everythingUnder(prefix);
    if (record.credential.kind !== 'oauth2') throw new Error('kind');
    expect(everything).toContain(record.id);
    expect(everything).not.toContain(record.credential.accessToken.reveal());
    expect(everything).not.toContain(record.credential.refreshToken!.reveal());
    expect(everything).not.toContain('VERIFIER-SECRET');
    expect(everything).not.toContain('state-abc');
    await store.close();
  });

  it('a wrong key gives decryption_failed with no secret in the message', async () => {
    const prefix = fresh();
    const record = makeRecord();
    const writer = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    await writer.put(record, 0);
    await writer.close();
    const wrong = createRedisStore({ redis: REDIS_URL, prefix, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] }) });
    const error = await failure(() => wrong.get(record.id));
    expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
    if (record.credential.kind !== 'oauth2') throw new Error('kind');
    expect((error as Error).message).not.toContain(record.credential.accessToken.reveal());
    const listError = await failure(() => wrong.list());
    expect(isAuthKitError(listError) && listError.code).toBe('decryption_failed');
    await wrong.close();
  });

  it('rotates keys and re-encrypts everything to the newest one without moving versions', async () => {
    const prefix = fresh();
    const before = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    const records = [makeRecord(), makeRecord(), makeRecord()];
    for (const r of records) await before.put(r, 0);
    await before.close();

    const rotated = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1, k2] }), prefix });
    expect((await rotated.get(records[0]!.id))!.version).toBe(1);
    await rotated.put({ ...records[0]!, status: 'revoked' }, 1);
    expect(await kidOf(prefix, records[0]!.id)).toBe('k2');
    expect(await kidOf(prefix, records[1]!.id)).toBe('k1');
    expect(await rotated.reencryptAll()).toEqual({ scanned: 3, reencrypted: 2 });
    for (const r of records) expect(await kidOf(prefix, r.id)).toBe('k2');
    await rotated.close();

    const retired = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k2] }), prefix });
    expect((await retired.list()).map((r) => r.version).sort()).toEqual([1, 1, 2]);
    await retired.close();
  });

  it('a damaged record gives decryption_failed, not a crash or garbage', async () => {
    const prefix = fresh();
    const store = createRedisStore({ redis: REDIS_URL, keyRing: createKeyRing({ keys: [k1] }), prefix });
    const record = await store.put(makeRecord(), 0);
    await redis.hset(store.layout.record(record.id), 'd', '{"format":1,"id":');
    const error = await failure(() => store.get(record.id));
    expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
    const listError = await failure(() => store.list());
    expect(isAuthKitError(listError) && listError.code).toBe('decryption_failed');
    await store.close();
  });
});
