// Public API of @authkit/store-file.
export { createFileStore, FileStore } from './file-store';
export type { FileStoreOptions, ReencryptOptions, ReencryptProgress, ReencryptResult } from './file-store';
