// Creates one database for this test run (a unique name) and drops it after the last test
// file, also dropping run databases older than an hour that a killed run left behind. Fails
// the run, with a clear message, when PostgreSQL is not reachable: these tests never skip.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of this run's database. */
    pgUrl: string;
  }
}

const ADMIN_URL = process.env.AUTHKIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'authkit_test_';
const STALE_AFTER_S = 3_600;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(ADMIN_URL).host} (${reason}). The store-postgres tests need a real server: ` +
        'start one (the README\'s test command does), or point AUTHKIT_TEST_PG_URL at one (a role that may create databases).',
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const now = Math.floor(Date.now() / 1000);
  const name = `${PREFIX}${now}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
    for (const { datname } of rows) {
      const created = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (Number.isFinite(created) && now - created > STALE_AFTER_S) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  project.provide('pgUrl', url.toString());
  return async () => {
    // FORCE: a worker process a test killed may still hold a connection for a moment.
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
