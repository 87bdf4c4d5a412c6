import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCodeOf as codeOf, makeRecord } from '@authkit/store-conformance';
import { createPostgresStore, postgresStoreMigrations } from '../src/index';
import { tableNames } from '../src/internal/names';
import { buildQueries } from '../src/internal/queries';
import { PG_URL, freshStore, prefixOf, uniquePrefix } from './helpers';

const plaintext = { encryption: 'plaintext-for-local-development' } as const;
const pool = new pg.Pool({ connectionString: PG_URL });
afterAll(() => pool.end());

/** The plan PostgreSQL picks for `sql` when a sequential scan is ruled out: proves an index serves it. */
async function plan(sql: string, values: unknown[]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('RESET enable_seqscan');
    client.release();
  }
}

describe('schema and migration', () => {
  it('the shipped sql/001_init.sql is exactly the exported migration with the default names', () => {
    const [first] = postgresStoreMigrations();
    expect(first!.name).toBe('001_init');
    expect(readFileSync(new URL('../sql/001_init.sql', import.meta.url), 'utf8')).toBe(first!.sql);
  });

  it('migrate() is idempotent and safe when several instances start at once', async () => {
    const tablePrefix = uniquePrefix('mig');
    const stores = [1, 2, 3].map(() => createPostgresStore({ connectionString: PG_URL, tablePrefix, ...plaintext }));
    const results = await Promise.all(stores.map((s) => s.migrate()));
    expect(results.map((r) => r.applied).sort()).toEqual([[], [], [1]]);
    expect(await stores[0]!.migrate()).toEqual({ applied: [] });
    await stores[0]!.put(makeRecord(), 0);
    for (const store of stores) await store.close();
  });

  it('the SQL alone (as a migration tool would run it) gives a working store', async () => {
    const tablePrefix = uniquePrefix('tool');
    for (const migration of postgresStoreMigrations({ tablePrefix })) await pool.query(migration.sql);
    const store = createPostgresStore({ pool, tablePrefix, ...plaintext });
    const record = await store.put(makeRecord(), 0);
    expect((await store.get(record.id))!.version).toBe(1);
    expect(await store.migrate()).toEqual({ applied: [] }); // it sees the tool's run
  });

  it('without the tables, operations fail with configuration_error naming the migration', async () => {
    const store = createPostgresStore({ pool, tablePrefix: uniquePrefix('none'), ...plaintext });
    expect(await codeOf(() => store.get('x'))).toBe('configuration_error');
    const error = await store.put(makeRecord(), 0).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/migrat/);
  });

  it('rejects table prefixes and schemas that are not plain identifiers', async () => {
    for (const bad of ['Authkit_', 'a-b_', 'x"; DROP TABLE y; --', '1abc_']) {
      expect(await codeOf(async () => createPostgresStore({ pool, tablePrefix: bad, ...plaintext }))).toBe('configuration_error');
      expect(await codeOf(async () => createPostgresStore({ pool, schema: bad, ...plaintext }))).toBe('configuration_error');
    }
    // PostgreSQL's identifiers end at 63 bytes; derived index names add up to 24 characters to the prefix.
    expect(await codeOf(async () => createPostgresStore({ pool, tablePrefix: 'a'.repeat(40), ...plaintext }))).toBe('configuration_error');
    expect(await codeOf(async () => createPostgresStore({ pool, schema: 'a'.repeat(64), ...plaintext }))).toBe('configuration_error');
    expect(await codeOf(async () => createPostgresStore({ ...plaintext } as never))).toBe('configuration_error');
    expect(await codeOf(async () => createPostgresStore({ pool, connectionString: PG_URL, ...plaintext } as never))).toBe('configuration_error');
  });

  it('lists by owner, by provider and due connections through their indexes', async () => {
    const store = await freshStore(plaintext, 'idx');
    // The statements the store itself runs on these tables, not copies of them.
    const q = buildQueries(tableNames({ tablePrefix: prefixOf(store) }));
    expect(q.listByOwner).toContain(store.tables.connections);
    expect(await plan(q.listByOwner, ['o'])).toMatch(/connections_owner_idx/);
    expect(await plan(q.listByBoth, ['o', 'p'])).toMatch(/connections_owner_idx/);
    expect(await plan(q.listByProvider, ['p'])).toMatch(/connections_provider_idx/);
    expect(await plan(q.listDue, [1, 10])).toMatch(/connections_due_idx/);
    await store.close();
  });
});
