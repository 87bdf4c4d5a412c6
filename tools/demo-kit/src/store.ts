import { PLAINTEXT_FOR_LOCAL_DEVELOPMENT, createKeyRing, type ConnectionStore } from '@authkit/core';
import { createFileStore } from '@authkit/store-file';

/** Where the demo keeps connections, and the key ring (AUTHKIT_ENCRYPTION_KEY) if any. */
export interface DemoStoreConfig {
  dataDir: string;
  encryptionKey?: string | undefined;
}

/**
 * Parses AUTHKIT_ENCRYPTION_KEY: `id:base64urlKey` entries separated by commas (oldest
 * first, the last one encrypts new writes), or a bare key (id `k1`).
 */
function keyRingFrom(value: string): ReturnType<typeof createKeyRing> {
  const keys = value.split(',').map((entry, i) => {
    const colon = entry.indexOf(':');
    return colon === -1 ? { id: `k${i + 1}`, secret: entry.trim() } : { id: entry.slice(0, colon).trim(), secret: entry.slice(colon + 1).trim() };
  });
  return createKeyRing({ keys });
}

/**
 * The durable embedded file store in `dataDir`. With AUTHKIT_ENCRYPTION_KEY secrets are
 * encrypted at rest; without it the demo explicitly opts into plaintext for local development.
 */
export function createDemoStore(config: DemoStoreConfig): { store: ConnectionStore; description: string } {
  if (config.encryptionKey !== undefined) {
    return {
      store: createFileStore({ directory: config.dataDir, keyRing: keyRingFrom(config.encryptionKey) }),
      description: `the file store at ${config.dataDir} (encrypted)`,
    };
  }
  return {
    store: createFileStore({ directory: config.dataDir, encryption: PLAINTEXT_FOR_LOCAL_DEVELOPMENT }),
    description: `the file store at ${config.dataDir} — PLAINTEXT, for local development only (set AUTHKIT_ENCRYPTION_KEY to encrypt)`,
  };
}
