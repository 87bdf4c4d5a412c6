import { stat } from 'node:fs/promises';
import type { ConnectionStore, StoreEncryptionOptions } from '@authkit/core';
import { CliError, configurationError } from '../errors';
import { ExitCode } from '../exit-codes';
import { importOptional } from './import-optional';
import { describeStoreLocation, type StoreLocation } from './store-url';

/** The package that provides PostgreSQL stores; loaded only for `postgres://` URLs. */
export const POSTGRES_STORE_PACKAGE = '@authkit/store-postgres';

/** What `@authkit/store-postgres` is expected to export. */
interface PostgresStoreModule {
  createPostgresStore(options: StoreEncryptionOptions & { connectionString: string }): ConnectionStore;
}

/** A store opened from a URL, with a description for messages (passwords redacted). */
export interface OpenedStore {
  store: ConnectionStore;
  description: string;
}

/**
 * Opens the store a {@link StoreLocation} names. Each store package is imported only when its
 * kind of URL is used, so `authkit keys generate` never loads ioredis, and a missing optional
 * store package is a clear configuration error rather than a crash at start-up.
 */
export async function openStore(location: StoreLocation, encryption: StoreEncryptionOptions, cwd: string): Promise<OpenedStore> {
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
      const module = await importOptional(POSTGRES_STORE_PACKAGE, cwd);
      if (!isPostgresStoreModule(module)) {
        throw new CliError(
          'configuration_error',
          module === undefined
            ? `postgres:// stores need ${POSTGRES_STORE_PACKAGE}: install it next to @authkit/cli (pnpm add ${POSTGRES_STORE_PACKAGE})`
            : `${POSTGRES_STORE_PACKAGE} does not export createPostgresStore()`,
          ExitCode.configuration,
        );
      }
      return { store: module.createPostgresStore({ connectionString: location.connectionString, ...encryption }), description };
    }
  }
}

function isPostgresStoreModule(value: unknown): value is PostgresStoreModule {
  return typeof value === 'object' && value !== null && typeof (value as { createPostgresStore?: unknown }).createPostgresStore === 'function';
}
