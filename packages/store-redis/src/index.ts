// Public API of @authkit/store-redis.
export { createRedisStore, RedisStore, FAIL_FAST_REDIS_OPTIONS } from './redis-store';
export type { RedisStoreOptions, ReencryptOptions, ReencryptProgress, ReencryptResult } from './redis-store';
