import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ClientConfig, Pool, PoolClient, PoolConfig, QueryResultRow } from 'pg';
import { AuthKitError, VersionConflictError, createRecordCodec } from '@authkit/core';
import type { ConnectionFilter, ConnectionRecord, LockOptions, RecordCodec, ReencryptingStore, ReencryptOptions, ReencryptResult, StoreEncryptionOptions, StoreLock, StoredConnection } from '@authkit/core';
import { toStoreError } from './internal/errors';
import { tableNames } from './internal/names';
import type { TableNames } from './internal/names';
import { buildQueries } from './internal/queries';
import type { Queries } from './internal/queries';
import { postgresStoreMigrations } from './schema';
import type { PostgresSchemaOptions } from './schema';

/** Where the store gets its connections: your `pg.Pool`, or a connection string. */
export type PostgresConnectionOptions =
  | {
      /** Your pool; you keep ownership (`close()` leaves it open). Give it a `connectionTimeoutMillis` so an unreachable database fails fast. */
      pool: Pool;
      connectionString?: undefined;
    }
  | {
      /** `postgres://…`: the store builds a pool with {@link FAIL_FAST_POOL_OPTIONS} and ends it in `close()`. */
      connectionString: string;
      pool?: undefined;
    };

/** Options of {@link createPostgresStore}. */
export type PostgresStoreOptions = StoreEncryptionOptions &
  PostgresSchemaOptions &
  PostgresConnectionOptions & {
    /** How often a waiting `lock()` retries. Default 20 ms (plus jitter). */
    lockPollMs?: number;
    /**
     * Named prepared statements (parsed once per database connection). Default true; turn off
     * behind a connection pooler that cannot carry them (PgBouncer in transaction mode before 1.21).
     */
    preparedStatements?: boolean;
  };

/** Result of {@link PostgresStore.migrate}. */
export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
}

const CONNECT_TIMEOUT_MS = 2_000;

/**
 * A client that gives up opening a connection after 2 s. pg's pool applies its own
 * `connectionTimeoutMillis` to both opening a connection and waiting for a free one; under a
 * burst (a thousand concurrent requests on ten connections) the wait is legitimate, so the
 * pool's bound is looser and the fast one lives here, where only a dead server trips it.
 */
class FailFastClient extends pg.Client {
  constructor(config?: string | ClientConfig) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/**
 * Settings of the pool the store builds from a connection string: a database that is down or
 * unreachable gives `store_unavailable` within seconds (a refused connection at once, a silent
 * host after 2 s, a query with no answer after 5 s) instead of a request that hangs.
 */
export const FAIL_FAST_POOL_OPTIONS: Readonly<PoolConfig> = {
  max: 10,
  Client: FailFastClient,
  // Waiting for a free connection of the pool (bursts), not for the server: see FailFastClient.
  connectionTimeoutMillis: 10_000,
  query_timeout: 5_000,
  keepAlive: true,
};

const SWEEP_EVERY_MS = 60_000;
const REENCRYPT_PAGE = 200;

/** Parses a stored record; damage gives a clear error naming the record, never its content. */
function parseStored(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AuthKitError('decryption_failed', `Stored connection ${where} is not valid JSON`, { cause });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function hashKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A statement with its prepared-statement name (derived from its text, so it is the same in every process). */
interface Statement {
  name: string;
  text: string;
}

/**
 * A connection store on PostgreSQL (`pg`), shared by every instance of an app: one row per
 * connection written with a versioned compare-and-set, indexes for owner, provider and due
 * time, refresh leases fenced by an owner token, one-time values taken with
 * `DELETE … RETURNING`. Secrets are encrypted before they leave the process.
 */
export class PostgresStore implements ReencryptingStore {
  /** The quoted, schema-qualified table names (for health checks, benchmarks, your own queries). */
  readonly tables: Pick<TableNames, 'connections' | 'locks' | 'ephemeral'>;
  readonly #pool: Pool;
  readonly #ownsPool: boolean;
  readonly #codec: RecordCodec;
  readonly #schema: PostgresSchemaOptions;
  readonly #names: TableNames;
  readonly #q: Record<keyof Queries, Statement>;
  readonly #prepare: boolean;
  readonly #pollMs: number;
  /** Reads of one id still waiting for a pool connection, which later callers may join. */
  readonly #queuedReads = new Map<string, Promise<ConnectionRecord | undefined>>();
  #lastSweep = 0;
  #sweep: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    if (!options || (options.pool === undefined) === (options.connectionString === undefined)) {
      throw new AuthKitError('configuration_error', 'createPostgresStore needs exactly one of `pool` (a pg.Pool) or `connectionString`');
    }
    // Throws configuration_error without a key ring or the explicit plaintext opt-out.
    this.#codec = createRecordCodec(options, 'The PostgreSQL store');
    this.#schema = {
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.tablePrefix === undefined ? {} : { tablePrefix: options.tablePrefix }),
    };
    this.#names = tableNames(this.#schema);
    this.tables = { connections: this.#names.connections, locks: this.#names.locks, ephemeral: this.#names.ephemeral };
    const queries = buildQueries(this.#names);
    this.#q = Object.fromEntries(
      Object.entries(queries).map(([key, text]) => [key, { name: `authkit_${hashKey(text).slice(0, 24)}`, text }]),
    ) as Record<keyof Queries, Statement>;
    this.#prepare = options.preparedStatements ?? true;
    this.#pollMs = options.lockPollMs ?? 20;
    if (options.connectionString !== undefined) {
      this.#pool = new pg.Pool({ ...FAIL_FAST_POOL_OPTIONS, connectionString: options.connectionString });
      // An idle connection that breaks emits 'error' on the pool; unhandled, it would crash the
      // app. The next query reports store_unavailable instead.
      this.#pool.on('error', () => undefined);
      this.#ownsPool = true;
    } else {
      this.#pool = options.pool!;
      this.#ownsPool = false;
    }
  }

  /** The pool the store queries through. */
  get pool(): Pool {
    return this.#pool;
  }

  /** True unless the store was opened with the plaintext development opt-out. */
  get encrypted(): boolean {
    return this.#codec.encrypted;
  }

  /** Runs one statement, turning failures into `store_unavailable` (or `configuration_error` when the tables are missing). */
  async #run<R extends QueryResultRow>(what: string, statement: Statement, values: unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    try {
      const result = await this.#pool.query<R>(this.#prepare ? { name: statement.name, text: statement.text, values } : { text: statement.text, values });
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  async #decodeRows(rows: readonly { record: string }[], what: string): Promise<ConnectionRecord[]> {
    return Promise.all(rows.map((row) => this.#codec.decode(parseStored(row.record, `in ${what}`))));
  }

  /**
   * Reads one connection. A thousand concurrent calls on one connection (a storm) would queue
   * a thousand identical SELECTs behind the pool's few connections; instead, callers of the
   * same id join a read that is still waiting for a connection. It is sent only after every
   * joiner called, so each gets a state no older than its own call (never a stale read).
   */
  get(id: string): Promise<ConnectionRecord | undefined> {
    const queued = this.#queuedReads.get(id);
    if (queued !== undefined) return queued;
    const read = this.#readWhenConnected(id);
    this.#queuedReads.set(id, read);
    return read;
  }

  async #readWhenConnected(id: string): Promise<ConnectionRecord | undefined> {
    let client: PoolClient;
    try {
      // Called through an async arrow so that even a pool that throws synchronously does so after
      // get() queued this read: the delete below must come after the set, never before it.
      client = await (async () => this.#pool.connect())();
    } catch (error) {
      throw toStoreError(error, 'get');
    } finally {
      // From here on the query is on its way (or will never be sent): later callers must start a
      // read of their own. Deleted once, here and only here: by the time this read's query is
      // answered, the entry for this id may be a newer read's, which must stay.
      this.#queuedReads.delete(id);
    }
    let text: string | undefined;
    try {
      const statement = this.#q.get;
      const result = await client.query<{ record: string }>(this.#prepare ? { ...statement, values: [id] } : { text: statement.text, values: [id] });
      text = result.rows[0]?.record;
    } catch (error) {
      throw toStoreError(error, 'get');
    } finally {
      client.release();
    }
    return text === undefined ? undefined : this.#codec.decode(parseStored(text, `'${id}'`));
  }

  async put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
    const next: ConnectionRecord = { ...record, version: expectedVersion + 1 };
    const data = JSON.stringify(await this.#codec.encode(next));
    // The column is rounded up, so `due_at <= now` never claims a record before its dueAt.
    const dueAt = next.dueAt === undefined ? null : Math.ceil(next.dueAt);
    const { rowCount } =
      expectedVersion === 0
        ? await this.#run('put', this.#q.insert, [record.id, record.providerId, record.ownerId, dueAt, data])
        : await this.#run('put', this.#q.update, [record.id, expectedVersion, record.providerId, record.ownerId, next.version, dueAt, data]);
    if (rowCount !== 1) {
      const { rows } = await this.#run<{ version: number }>('put', this.#q.versionOf, [record.id]);
      throw new VersionConflictError(`Connection '${record.id}' is at version ${rows[0]?.version ?? 0}, not ${expectedVersion}`, {
        connectionId: record.id,
        providerId: record.providerId,
      });
    }
    return next;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.#run('delete', this.#q.delete, [id])).rowCount === 1;
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const { providerId, ownerId } = filter;
    const { rows } =
      providerId !== undefined && ownerId !== undefined
        ? await this.#run<{ record: string }>('list', this.#q.listByBoth, [ownerId, providerId])
        : providerId !== undefined
          ? await this.#run<{ record: string }>('list', this.#q.listByProvider, [providerId])
          : ownerId !== undefined
            ? await this.#run<{ record: string }>('list', this.#q.listByOwner, [ownerId])
            : await this.#run<{ record: string }>('list', this.#q.listAll, []);
    return this.#decodeRows(rows, 'list');
  }

  /** Connections due at or before `now`, soonest first, through the partial index on `due_at`. */
  async listDue(now: number, limit: number): Promise<ConnectionRecord[]> {
    if (limit <= 0) return [];
    const { rows } = await this.#run<{ record: string }>('listDue', this.#q.listDue, [Math.floor(now), Math.floor(limit)]);
    return this.#decodeRows(rows, 'listDue');
  }

  async lock(key: string, options: LockOptions): Promise<StoreLock> {
    const token = randomUUID();
    const ttlMs = Math.max(1, Math.ceil(options.ttlMs));
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const { rowCount } = await this.#run('lock', this.#q.lockAcquire, [key, token, ttlMs]);
      if (rowCount === 1) return this.#handle(key, token);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AuthKitError('lock_timeout', `Lock '${key}' is held elsewhere; gave up after ${options.waitMs} ms`);
      }
      await sleep(Math.min(remaining, this.#pollMs + Math.random() * this.#pollMs));
    }
  }

  #handle(key: string, token: string): StoreLock {
    return {
      key,
      extend: async (ttlMs) => {
        const { rowCount } = await this.#run('lock extend', this.#q.lockExtend, [key, token, Math.max(1, Math.ceil(ttlMs))]);
        return rowCount === 1;
      },
      release: async () => {
        await this.#run('lock release', this.#q.lockRelease, [key, token]);
      },
    };
  }

  async putEphemeral(key: string, value: string, ttlMs: number): Promise<void> {
    // The key (it holds an OAuth `state`) is hashed; the value is sealed and bound to it.
    const name = hashKey(key);
    const sealed = await this.#codec.sealValue(value, name);
    await this.#run('putEphemeral', this.#q.putEphemeral, [name, sealed, Math.max(1, Math.ceil(ttlMs))]);
    this.#maybeSweep();
  }

  async takeEphemeral(key: string): Promise<string | undefined> {
    const name = hashKey(key);
    const { rows } = await this.#run<{ value: string; live: boolean }>('takeEphemeral', this.#q.takeEphemeral, [name]);
    const row = rows[0];
    return row === undefined || !row.live ? undefined : this.#codec.openValue(row.value, name);
  }

  /**
   * Moves every connection to the key ring's current key, a page at a time, without changing
   * versions (a record written meanwhile already uses the current key and is skipped).
   * Records already under the current key are skipped, so an interrupted run can be started again.
   */
  async reencryptAll(options: ReencryptOptions = {}): Promise<ReencryptResult> {
    let total = 0;
    if (options.onProgress) total = Number((await this.#run<{ n: string }>('reencryptAll', this.#q.count, [])).rows[0]?.n ?? 0);
    let after = '';
    let scanned = 0;
    let reencrypted = 0;
    for (;;) {
      const { rows } = await this.#run<{ id: string; version: number; record: string }>('reencryptAll', this.#q.reencryptPage, [after, REENCRYPT_PAGE]);
      for (const row of rows) {
        scanned += 1;
        const stored = parseStored(row.record, `'${row.id}'`);
        if (this.#codec.needsReencryption(stored as StoredConnection)) {
          const fresh = JSON.stringify(await this.#codec.encode(await this.#codec.decode(stored)));
          const { rowCount } = await this.#run('reencryptAll', this.#q.replaceIfVersion, [row.id, row.version, fresh]);
          reencrypted += rowCount;
        }
        options.onProgress?.({ scanned, reencrypted, total });
      }
      if (rows.length < REENCRYPT_PAGE) return { scanned, reencrypted };
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * Creates or upgrades the tables (the SQL of {@link postgresStoreMigrations}), in one
   * transaction under an advisory lock, so app instances that start together do not race.
   */
  async migrate(): Promise<MigrateResult> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw toStoreError(error, 'migrate');
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`authkit-store-postgres:${this.#names.migrations}`]);
      const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [this.#names.migrations]);
      const done = new Set<number>();
      if (exists.rows[0]?.t != null) {
        const versions = await client.query<{ version: number }>(`SELECT version FROM ${this.#names.migrations}`);
        for (const row of versions.rows) done.add(row.version);
      }
      const applied: number[] = [];
      for (const migration of postgresStoreMigrations(this.#schema)) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql);
        applied.push(migration.version);
      }
      await client.query('COMMIT');
      return { applied };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw toStoreError(error, 'migrate');
    } finally {
      client.release();
    }
  }

  /** Deletes expired one-time values and long-expired leases, at most once a minute. */
  #maybeSweep(): void {
    const now = Date.now();
    if (this.#sweep || now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    this.#sweep = (async () => {
      await this.#run('sweep', this.#q.sweepEphemeral, []);
      await this.#run('sweep', this.#q.sweepLocks, []);
    })()
      .catch(() => undefined)
      .finally(() => {
        this.#sweep = undefined;
      });
  }

  /** Ends the pool if the store built it from a connection string. */
  async close(): Promise<void> {
    await this.#sweep;
    if (this.#ownsPool) await this.#pool.end();
  }
}

/**
 * Creates a PostgreSQL store. Throws `configuration_error` unless a `keyRing` or
 * `encryption: 'plaintext-for-local-development'` is given. Run {@link PostgresStore.migrate}
 * (or the SQL from {@link postgresStoreMigrations} in your migration tool) once before use.
 *
 * @example
 * const store = createPostgresStore({
 *   connectionString: process.env.DATABASE_URL!,
 *   keyRing: createKeyRing({ keys: [{ id: '2026-01', secret: process.env.AUTHKIT_KEY! }] }),
 * });
 * await store.migrate();
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}
