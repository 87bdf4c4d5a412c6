import { stat } from 'node:fs/promises';
import type { ConnectionStore, StoreEncryptionOptions } from '@authkit/core';
import { configurationError } from '../errors';
import { describeStoreLocation, type StoreLocation } from './store-url';

/** A store opened from a URL, with a description for messages (passwords redacted). */
export interface OpenedStore {
  store: ConnectionStore;
  description: string;
}

/**
 * Opens the store a {@link StoreLocation} names. Each store package is imported only when its
 * kind of URL is used, so `authkit keys generate` never loads ioredis or pg, and a command on a
 * file store starts as fast as it can.
 */
export async function openStore(location: StoreLocation, encryption: StoreEncryptionOptions): Promise<OpenedStore> {
  const description = describeStoreLocation(location);
  switch (location.kind) {
    case 'file': {
      // createFileStore would create a missing directory; a mistyped path must not look like an empty store.
      const info = await stat(location.directory).catch(() => undefined);
      if (!info?.isDirectory()) throw configurationError(`No ${description}: the directory does not exist`);
      const { createFileStore } = await import('@authkit/store-file');
      return { store: createFileStore({ directory: location.directory, ...encryption }), description };
    }
    case 'redis': {
      const { createRedisStore } = await import('@authkit/store-redis');
      const store = createRedisStore({ redis: location.url, ...(location.prefix === undefined ? {} : { prefix: location.prefix }), ...encryption });
      return { store, description };
    }
    case 'postgres': {
      const { createPostgresStore } = await import('@authkit/store-postgres');
      const { connectionString, schema, tablePrefix } = location;
      // The CLI never migrates: it works on the tables the apps' own migrations created.
      const store = createPostgresStore({
        connectionString,
        ...(schema === undefined ? {} : { schema }),
        ...(tablePrefix === undefined ? {} : { tablePrefix }),
        ...encryption,
      });
      return { store, description };
    }
  }
}
