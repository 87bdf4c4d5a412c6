import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPostgresStore } from '../src/index';
import type { PostgresStore, PostgresStoreOptions } from '../src/index';

/** This run's database (created by test/global-setup.ts). */
export const PG_URL = inject('pgUrl');

/** A table prefix no other test uses, so every store starts empty. */
export function uniquePrefix(label = 't'): string {
  return `${label}_${randomBytes(4).toString('hex')}_`;
}

const prefixes = new WeakMap<PostgresStore, string>();

/** A migrated store on fresh tables in this run's database. */
export async function freshStore(options: Partial<PostgresStoreOptions> & Pick<PostgresStoreOptions, 'keyRing' | 'encryption'>, label?: string): Promise<PostgresStore> {
  const tablePrefix = options.tablePrefix ?? uniquePrefix(label);
  const connection = options.pool === undefined ? { connectionString: PG_URL } : {};
  const store = createPostgresStore({ ...connection, ...options, tablePrefix } as PostgresStoreOptions);
  await store.migrate();
  prefixes.set(store, tablePrefix);
  return store;
}

/** The table prefix a store made by {@link freshStore} uses (to open a twin on the same tables). */
export function prefixOf(store: PostgresStore): string {
  const prefix = prefixes.get(store);
  if (prefix === undefined) throw new Error('not a freshStore');
  return prefix;
}
