// The demos on PostgreSQL (AUTHKIT_DATABASE_URL): migrated on first use, encrypted with the
// same local key, against the machine's PostgreSQL in tables of their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { redactUrl, Secret, type ConnectionRecord } from '@authkit/core';
import { createDemoStore } from './store';

const DATABASE_URL = process.env.AUTHKIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const prefix = `demo_${process.pid}_${Date.now().toString(36)}_`;
const dataDir = mkdtempSync(join(tmpdir(), 'authkit-demo-pg-'));
const ACCESS = 'demo-pg-access-token-SHOULD-NOT-BE-IN-THE-DATABASE';

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE tablename LIKE $1', [`${prefix}%`]);
  for (const { tablename } of rows) await client.query(`DROP TABLE IF EXISTS "${tablename}" CASCADE`);
  await client.end();
});

describe('the demo store on PostgreSQL', () => {
  it('keeps connections in PostgreSQL, encrypted with the local key, and says where (without the password)', async () => {
    const { store, description, keyFile } = createDemoStore({ dataDir, databaseUrl: DATABASE_URL, tablePrefix: prefix });
    // The server the tests use (AUTHKIT_TEST_PG_URL, else the local one), as the log shows it.
    expect(description.startsWith(`PostgreSQL (${redactUrl(DATABASE_URL)}), encrypted with the local key `)).toBe(true);
    expect(keyFile).toBe(join(dataDir, 'encryption.key'));
    const record: ConnectionRecord = {
      id: 'plannr:alice',
      providerId: 'plannr',
      ownerId: 'alice',
      status: 'active',
      version: 0,
      grant: 'authorization_code',
      credential: { kind: 'oauth2', accessToken: new Secret(ACCESS), tokenType: 'Bearer', scopes: ['*'] },
      metadata: {},
      createdAt: 1,
      updatedAt: 1,
    };
    await store.put(record, 0);
    const back = await store.get('plannr:alice');
    expect(back?.credential.kind === 'oauth2' && back.credential.accessToken.reveal()).toBe(ACCESS);

    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT * FROM "${prefix}connections"`);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(ACCESS);
    } finally {
      await client.end();
      await store.close?.();
    }
  });

  it('hides a password in the log line', () => {
    const { description } = createDemoStore({ dataDir, databaseUrl: 'postgres://demo:s3cret-pass@127.0.0.1:5432/postgres', tablePrefix: prefix });
    expect(description).toContain('postgres://demo:***@127.0.0.1:5432/postgres');
    expect(description).not.toContain('s3cret-pass');
    // pg also takes the password as a query parameter.
    const query = createDemoStore({ dataDir, databaseUrl: 'postgres://demo@127.0.0.1:5432/postgres?password=s3cret-query&sslmode=disable', tablePrefix: prefix });
    expect(query.description).toContain('sslmode=disable');
    expect(query.description).not.toContain('s3cret-query');
  });
});
