// The key ring and record codec live in @authkit/core (packages/core/src/crypto). Until core's
// index re-exports them, this one file reaches them by path; switch it to '@authkit/core' then.
export { createRecordCodec, PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '../../../core/src/crypto/index';
export type { KeyRing, RecordCodec, StoreEncryptionOptions, StoredConnection } from '../../../core/src/crypto/index';
