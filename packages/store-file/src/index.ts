// Public API of @authkit/store-file.
export { createFileStore, FileStore } from './file-store';
export type { FileStoreOptions, ReencryptResult } from './file-store';
