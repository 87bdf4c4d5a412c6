import { randomBytes } from 'node:crypto';
import { createKeyRing } from '@authkit/core';
import { createPostgresStore, type PostgresStore } from '@authkit/store-postgres';

/** The server the store-postgres tests use too (the README's test command starts it). */
export const PG_URL = process.env.AUTHKIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A schema of its own for one test: created by the store's migration, dropped afterwards. */
export function uniqueSchema(label: string): string {
  return `authkit_cli_${label}_${randomBytes(4).toString('hex')}`;
}

/** The `--store` URL for a schema. */
export function postgresStoreUrl(schema: string): string {
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** A store on the schema, as an app opens it. */
export function openPostgres(schema: string, keys: { id: string; secret: string }[]): PostgresStore {
  return createPostgresStore({ connectionString: PG_URL, schema, keyRing: createKeyRing({ keys }) });
}

/** Creates the schema's tables, as the app's migration step would. */
export async function migrate(schema: string, keys: { id: string; secret: string }[]): Promise<void> {
  const store = openPostgres(schema, keys);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
}

/** Drops the schema and everything in it. */
export async function dropSchema(schema: string, keys: { id: string; secret: string }[]): Promise<void> {
  const store = openPostgres(schema, keys);
  try {
    await store.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await store.close();
  }
}
