// Public API of @authkit/store-redis.
export { createRedisStore, RedisStore } from './redis-store';
export type { RedisStoreOptions, RedisConnectionOptions } from './redis-store';
export { FAIL_FAST_REDIS_OPTIONS, FAIL_FAST_CLUSTER_OPTIONS } from './internal/client';
export { KeyLayout, DEFAULT_SHARDS } from './internal/keys';
// The key ring and record codec live in @authkit/core (packages/core/src/crypto).
export { PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '@authkit/core';
export type { KeyRing, StoreEncryptionOptions } from '@authkit/core';
// The re-encryption types live in core (every durable store shares them); re-exported for existing imports.
export type { ReencryptOptions, ReencryptProgress, ReencryptResult } from '@authkit/core';
