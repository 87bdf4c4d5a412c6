import type { TableNames } from './names';

/** Every statement the store runs, built once per store from its table names. */
export interface Queries {
  get: string;
  insert: string;
  update: string;
  versionOf: string;
  delete: string;
  listAll: string;
  listByProvider: string;
  listByOwner: string;
  listByBoth: string;
  listDue: string;
  count: string;
  reencryptPage: string;
  replaceIfVersion: string;
  lockAcquire: string;
  lockExtend: string;
  lockRelease: string;
  putEphemeral: string;
  takeEphemeral: string;
  sweepEphemeral: string;
  sweepLocks: string;
}

/** `$n` milliseconds from now on the database's clock (one clock for every app instance). */
const fromNow = (param: string) => `clock_timestamp() + ${param}::double precision * interval '1 millisecond'`;

export function buildQueries(t: TableNames): Queries {
  const c = t.connections;
  return {
    get: `SELECT record FROM ${c} WHERE id = $1`,
    // expectedVersion 0: create, or nothing if the id exists (then the caller reports a conflict).
    insert: `INSERT INTO ${c} (id, provider_id, owner_id, version, due_at, record) VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (id) DO NOTHING`,
    // The compare-and-set: no row matches unless the stored version is still the expected one.
    update: `UPDATE ${c} SET provider_id = $3, owner_id = $4, version = $5, due_at = $6, record = $7 WHERE id = $1 AND version = $2`,
    versionOf: `SELECT version FROM ${c} WHERE id = $1`,
    delete: `DELETE FROM ${c} WHERE id = $1`,
    listAll: `SELECT record FROM ${c}`,
    listByProvider: `SELECT record FROM ${c} WHERE provider_id = $1`,
    listByOwner: `SELECT record FROM ${c} WHERE owner_id = $1`,
    listByBoth: `SELECT record FROM ${c} WHERE owner_id = $1 AND provider_id = $2`,
    // Served by the partial index on (due_at, id): reads the due head only.
    listDue: `SELECT record FROM ${c} WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2`,
    count: `SELECT count(*) AS n FROM ${c}`,
    reencryptPage: `SELECT id, version, record FROM ${c} WHERE id > $1 ORDER BY id LIMIT $2`,
    replaceIfVersion: `UPDATE ${c} SET record = $3 WHERE id = $1 AND version = $2`,
    // Take the lease if nobody holds it or the holder's lease ran out; one statement, so two
    // takers can never both get a row back.
    lockAcquire: `INSERT INTO ${t.locks} AS l (key, token, expires_at) VALUES ($1, $2, ${fromNow('$3')})
ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at WHERE l.expires_at <= clock_timestamp()
RETURNING 1`,
    // Fenced: only the token that holds a live lease can extend or release it.
    lockExtend: `UPDATE ${t.locks} SET expires_at = ${fromNow('$3')} WHERE key = $1 AND token = $2 AND expires_at > clock_timestamp()`,
    lockRelease: `DELETE FROM ${t.locks} WHERE key = $1 AND token = $2`,
    putEphemeral: `INSERT INTO ${t.ephemeral} (key, value, expires_at) VALUES ($1, $2, ${fromNow('$3')})
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
    // DELETE ... RETURNING: of concurrent takers exactly one gets the row.
    takeEphemeral: `DELETE FROM ${t.ephemeral} WHERE key = $1 RETURNING value, expires_at > clock_timestamp() AS live`,
    sweepEphemeral: `DELETE FROM ${t.ephemeral} WHERE expires_at <= clock_timestamp()`,
    // A lease that ran out is free anyway; deleting it only keeps the table small.
    sweepLocks: `DELETE FROM ${t.locks} WHERE expires_at <= clock_timestamp() - interval '1 minute'`,
  };
}
