-- @authkit/store-postgres, schema version 1: connections, refresh leases, one-time values.
CREATE TABLE IF NOT EXISTS "authkit_connections" (
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
CREATE INDEX IF NOT EXISTS "authkit_connections_owner_idx" ON "authkit_connections" (owner_id, provider_id);
CREATE INDEX IF NOT EXISTS "authkit_connections_provider_idx" ON "authkit_connections" (provider_id);
-- The due-time index: a maintenance sweep reads the due head, never the whole table.
CREATE INDEX IF NOT EXISTS "authkit_connections_due_idx" ON "authkit_connections" (due_at, id) WHERE due_at IS NOT NULL;

-- Refresh leases: one row per held lock; only the holder's token can extend or release it.
CREATE TABLE IF NOT EXISTS "authkit_locks" (
  key        text        PRIMARY KEY,
  token      text        NOT NULL,
  expires_at timestamptz NOT NULL
);

-- One-time values (pending authorizations): sealed, expiring, taken once with DELETE ... RETURNING.
CREATE TABLE IF NOT EXISTS "authkit_ephemeral" (
  key        text        PRIMARY KEY,
  value      text        NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS "authkit_ephemeral_expires_idx" ON "authkit_ephemeral" (expires_at);

CREATE TABLE IF NOT EXISTS "authkit_schema_migrations" (
  version    integer     PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "authkit_schema_migrations" (version) VALUES (1) ON CONFLICT (version) DO NOTHING;
