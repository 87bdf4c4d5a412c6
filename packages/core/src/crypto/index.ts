// Encryption at rest for durable stores. Re-exported from @authkit/core's index.
export { createKeyRing, generateEncryptionKey } from './key-ring';
export type { EncryptionKeyInput, KeyRing, KeyRingOptions } from './key-ring';
export { parseEncryptionKeys } from './key-ring-text';
export { createRecordCodec, PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from './record-codec';
export type { RecordCodec, StoreEncryptionOptions, StoredConnection } from './record-codec';
