import { afterAll } from 'vitest';
import { describeStoreConformance } from '@authkit/store-conformance';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from './helpers';

const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(prefix);
});

function fresh(label: string): string {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  return prefix;
}

describeStoreConformance(
  'RedisStore (encrypted)',
  () => createRedisStore({ redis: REDIS_URL, keyRing, prefix: fresh('conf') }),
  { twin: (store) => createRedisStore({ redis: REDIS_URL, keyRing, prefix: store.prefix }) },
);

describeStoreConformance('RedisStore (plaintext for local development)', () =>
  createRedisStore({ redis: REDIS_URL, encryption: 'plaintext-for-local-development', prefix: fresh('plain') }),
);
