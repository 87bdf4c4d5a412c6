// Public API of @authkit/store-file.
export { createFileStore, FileStore } from './file-store';
export type { FileStoreOptions } from './file-store';
// The re-encryption types live in core (every durable store shares them); re-exported for existing imports.
export type { ReencryptOptions, ReencryptProgress, ReencryptResult } from '@authkit/core';
