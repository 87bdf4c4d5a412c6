import type { ConnectionStore } from '@authkit/core';
import type { DemoConfig } from './config';

/**
 * The durable embedded store when `@authkit/store-file` is available, else memory (core's
 * default). Without AUTHKIT_ENCRYPTION_KEY the demo opts into plaintext-for-local-development.
 */
export async function createDemoStore(config: DemoConfig): Promise<{ store?: ConnectionStore; description: string }> {
  if (config.dataDir === undefined) return { description: 'memory (set AUTHKIT_DATA_DIR for the file store)' };
  const mod = (await import('@authkit/store-file')) as Record<string, unknown>;
  const createFileStore = mod.createFileStore as ((options: Record<string, unknown>) => ConnectionStore | Promise<ConnectionStore>) | undefined;
  if (typeof createFileStore !== 'function') return { description: 'memory (@authkit/store-file is not available yet)' };
  const store = await createFileStore({
    dir: config.dataDir,
    ...(config.encryptionKey === undefined ? { plaintextForDevelopment: true } : { encryptionKey: config.encryptionKey }),
  });
  return { store, description: `file store at ${config.dataDir}${config.encryptionKey ? ' (encrypted)' : ' (plaintext, development only)'}` };
}
