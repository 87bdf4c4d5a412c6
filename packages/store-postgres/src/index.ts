// Public API of @authkit/store-postgres.
export { createPostgresStore, PostgresStore, FAIL_FAST_POOL_OPTIONS } from './postgres-store';
export type { PostgresStoreOptions, PostgresConnectionOptions, MigrateResult } from './postgres-store';
export { postgresStoreMigrations } from './schema';
export type { PostgresStoreMigration, PostgresSchemaOptions } from './schema';
export { DEFAULT_TABLE_PREFIX } from './internal/names';
// The key ring and record codec live in @authkit/core (packages/core/src/crypto).
export { PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '@authkit/core';
export type { KeyRing, StoreEncryptionOptions } from '@authkit/core';
// The re-encryption types live in core (every durable store shares them); re-exported for existing imports.
export type { ReencryptOptions, ReencryptProgress, ReencryptResult } from '@authkit/core';
