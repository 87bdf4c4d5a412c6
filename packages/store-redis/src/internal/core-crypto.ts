// The key ring and record codec live in @authkit/core (packages/core/src/crypto).
export { createRecordCodec, PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '@authkit/core';
export type { KeyRing, RecordCodec, StoreEncryptionOptions, StoredConnection } from '@authkit/core';
