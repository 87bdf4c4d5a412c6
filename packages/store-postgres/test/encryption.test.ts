import pg from 'pg';
import { afterAll } from 'vitest';
import { describeStoreEncryption } from '@authkit/store-conformance';
import { createPostgresStore } from '../src/index';
import { PG_URL, freshStore, prefixOf } from './helpers';

const pool = new pg.Pool({ connectionString: PG_URL });
afterAll(() => pool.end());

describeStoreEncryption('PostgresStore', {
  open: (encryption) => freshStore(encryption),
  reopen: (store, encryption) => createPostgresStore({ connectionString: PG_URL, tablePrefix: prefixOf(store), ...encryption }),
  openWithoutKeys: () => createPostgresStore({ connectionString: PG_URL } as never),
  // Every row of the store's tables, as text: what someone with a database dump would see.
  raw: async (store) => {
    let out = '';
    for (const table of Object.values(store.tables)) out += JSON.stringify((await pool.query(`SELECT * FROM ${table}`)).rows);
    return out;
  },
  readStored: async (store, id) => {
    const { rows } = await pool.query<{ record: string }>(`SELECT record FROM ${store.tables.connections} WHERE id = $1`, [id]);
    return rows[0]?.record ?? '';
  },
  writeStored: async (store, id, text) => {
    await pool.query(`UPDATE ${store.tables.connections} SET record = $2 WHERE id = $1`, [id, text]);
  },
});
