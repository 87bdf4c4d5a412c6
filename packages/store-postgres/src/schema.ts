import { tableNames } from './internal/names';

/** One schema migration of the PostgreSQL store. */
export interface PostgresStoreMigration {
  /** Applied in increasing order; recorded in `<prefix>schema_migrations`. */
  readonly version: number;
  /** Also the name of the file shipped in the package's `sql/` folder (`<name>.sql`). */
  readonly name: string;
  /** Plain SQL, idempotent (`IF NOT EXISTS`), safe to run from any migration tool. */
  readonly sql: string;
}

/** Options naming where the tables live (the same as the store's). */
export interface PostgresSchemaOptions {
  /** A schema to create the tables in (created if missing). Default: none, i.e. the `search_path`. */
  schema?: string;
  /** Prefix of every table and index name. Default `authkit_`. */
  tablePrefix?: string;
}

/**
 * The store's migrations, in order, as plain SQL for the given schema and prefix. With the
 * defaults, each is byte for byte the `sql/<name>.sql` file shipped in the package (a test
 * checks it), so a migration tool can take either.
 *
 * @example
 * // node-pg-migrate, Knex, Prisma, Flyway…: run each `sql` once, in order, e.g.
 * for (const migration of postgresStoreMigrations()) await knex.raw(migration.sql);
 */
export function postgresStoreMigrations(options: PostgresSchemaOptions = {}): PostgresStoreMigration[] {
  const t = tableNames(options);
  const p = t.prefix;
  const createSchema = t.schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS ${t.schema};\n\n`;
  const index = (name: string) => `"${p}${name}"`;
  return [
    {
      version: 1,
      name: '001_init',
      sql: `-- @authkit/store-postgres, schema version 1: connections, refresh leases, one-time values.
${createSchema}CREATE TABLE IF NOT EXISTS ${t.connections} (
  id          text    PRIMARY KEY,
  provider_id text    NOT NULL,
  owner_id    text    NOT NULL,
  -- Compare-and-set writes: UPDATE ... WHERE id = $1 AND version = $2.
  version     integer NOT NULL CHECK (version > 0),
  -- When maintenance should next look at the connection (epoch ms); NULL: nothing to do.
  due_at      bigint,
  -- The stored record as JSON: metadata in the clear, the credential sealed (a JWE naming its key).
  record      text    NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index('connections_owner_idx')} ON ${t.connections} (owner_id, provider_id);
CREATE INDEX IF NOT EXISTS ${index('connections_provider_idx')} ON ${t.connections} (provider_id);
-- The due-time index: a maintenance sweep reads the due head, never the whole table.
CREATE INDEX IF NOT EXISTS ${index('connections_due_idx')} ON ${t.connections} (due_at, id) WHERE due_at IS NOT NULL;

-- Refresh leases: one row per held lock; only the holder's token can extend or release it.
CREATE TABLE IF NOT EXISTS ${t.locks} (
  key        text        PRIMARY KEY,
  token      text        NOT NULL,
  expires_at timestamptz NOT NULL
);

-- One-time values (pending authorizations): sealed, expiring, taken once with DELETE ... RETURNING.
CREATE TABLE IF NOT EXISTS ${t.ephemeral} (
  key        text        PRIMARY KEY,
  value      text        NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index('ephemeral_expires_idx')} ON ${t.ephemeral} (expires_at);

CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version    integer     PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ${t.migrations} (version) VALUES (1) ON CONFLICT (version) DO NOTHING;
`,
    },
  ];
}
