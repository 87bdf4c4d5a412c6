// Public API of @authkit/store-redis.
export { createRedisStore, RedisStore, FAIL_FAST_REDIS_OPTIONS } from './redis-store';
export type { RedisStoreOptions, ReencryptResult } from './redis-store';
