import type { ConnectionRecord, ConnectionStore, StoreEncryptionOptions } from '@authkit/core';

/**
 * The PostgreSQL store for a demo, created and migrated on first use. Loaded lazily, so a demo
 * on the file store never loads `pg` (and Next.js never bundles it for one).
 */
export function lazyPostgresStore(connectionString: string, encryption: StoreEncryptionOptions, tablePrefix?: string): ConnectionStore {
  let ready: Promise<ConnectionStore> | undefined;
  const store = (): Promise<ConnectionStore> => {
    ready ??= (async () => {
      const { createPostgresStore } = await import('@authkit/store-postgres');
      const postgres = createPostgresStore({ connectionString, ...encryption, ...(tablePrefix === undefined ? {} : { tablePrefix }) });
      await postgres.migrate();
      return postgres;
    })();
    ready.catch(() => (ready = undefined));
    return ready;
  };
  return {
    get: async (id) => (await store()).get(id),
    put: async (record: ConnectionRecord, expectedVersion: number) => (await store()).put(record, expectedVersion),
    delete: async (id) => (await store()).delete(id),
    list: async (filter) => (await store()).list(filter),
    lock: async (key, options) => (await store()).lock(key, options),
    putEphemeral: async (key, value, ttlMs) => (await store()).putEphemeral(key, value, ttlMs),
    takeEphemeral: async (key) => (await store()).takeEphemeral(key),
    listDue: async (now, limit) => {
      const inner = await store();
      return inner.listDue === undefined ? [] : inner.listDue(now, limit);
    },
    close: async () => {
      if (ready !== undefined) await (await ready).close?.();
    },
  };
}
