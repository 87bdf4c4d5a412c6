import { createHash, randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { AuthKitError, VersionConflictError, createRecordCodec, isAuthKitError } from '@authkit/core';
import type {
  ConnectionFilter,
  ConnectionRecord,
  LockOptions,
  RecordCodec,
  ReencryptingStore,
  ReencryptOptions,
  ReencryptResult,
  StoreEncryptionOptions,
  StoreLock,
  StoredConnection,
} from '@authkit/core';
import { storeClient } from './internal/client';
import { DEFAULT_SHARDS, KeyLayout } from './internal/keys';
import { DELETE, DUE, EXTEND, LIST, PUT, RELEASE, REPLACE_IF_VERSION } from './internal/lua';
import { withSealingCache } from './internal/sealing-cache';

/** Where the store's data lives: one Redis (client or URL), or a Redis Cluster. */
export type RedisConnectionOptions =
  | {
      /**
       * An `ioredis` client — `new Redis(…)`, or `new Cluster(…)` for Redis Cluster — which you
       * keep (`close()` leaves it open), or a `redis://` URL (the store creates a client with
       * fail-fast settings and closes it in `close()`).
       */
      redis: Redis | Cluster | string;
      cluster?: undefined;
    }
  | {
      /**
       * Redis Cluster seed nodes as `redis://[user:password@]host:port` URLs (`rediss://` for TLS;
       * every URL with the same scheme and credentials, which apply to every node): the store
       * creates a `Cluster` client and closes it in `close()`.
       */
      cluster: readonly string[];
      redis?: undefined;
    };

/** Options of {@link createRedisStore}. */
export type RedisStoreOptions = StoreEncryptionOptions &
  RedisConnectionOptions & {
    /** Prepended to every key, so several apps or test runs can share one Redis. No `{` or `}`. Default `authkit:`. */
    prefix?: string;
    /**
     * Groups (hash slots) the connections are spread over; fixed for the life of the data
     * (the store refuses to open data written with another count). On Redis Cluster use at
     * least four per master. Default 16.
     */
    shards?: number;
    /** How often a waiting `lock()` retries. Default 20 ms (plus jitter). */
    lockPollMs?: number;
  };

const UNAVAILABLE_STATES = new Set(['reconnecting', 'close', 'end', 'disconnecting']);

/** Parses a stored record; damage gives a clear error naming the record, never its content. */
function parseStored(data: string, id: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (cause) {
    throw new AuthKitError('decryption_failed', `Stored connection '${id}' is not valid JSON`, { cause, connectionId: id });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function hashKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Pairs a flat `[a, b, a, b…]` script reply. */
function pairs(reply: unknown): [string, string][] {
  const flat = reply as string[];
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/**
 * A connection store on Redis or Redis Cluster (`ioredis`), shared by every instance of an
 * app: versioned writes in one Lua script per connection (record, owner/provider index
 * entries and due-time entry together, in one hash slot), locks with `SET NX PX` and a
 * unique token released and extended only by that token, one-time values with `GETDEL`.
 * Secrets are encrypted before they leave the process.
 */
export class RedisStore implements ReencryptingStore {
  readonly prefix: string;
  /** The key layout (groups, hash tags); see the README. */
  readonly layout: KeyLayout;
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #codec: RecordCodec;
  readonly #pollMs: number;
  #layoutChecked: Promise<void> | undefined;
  /** Reads of one id whose HGET is not sent yet, which callers of the same tick join. */
  readonly #unsentReads = new Map<string, Promise<ConnectionRecord | undefined>>();

  constructor(options: RedisStoreOptions) {
    if (!options || (options.redis === undefined) === (options.cluster === undefined)) {
      throw new AuthKitError('configuration_error', 'createRedisStore needs exactly one of `redis` (an ioredis client or a redis:// URL) or `cluster` (node URLs)');
    }
    const codecOptions: StoreEncryptionOptions = options.keyRing ? { keyRing: withSealingCache(options.keyRing) } : options;
    this.#codec = createRecordCodec(codecOptions, 'The Redis store');
    this.prefix = options.prefix ?? 'authkit:';
    this.layout = new KeyLayout(this.prefix, options.shards ?? DEFAULT_SHARDS);
    this.#pollMs = options.lockPollMs ?? 20;
    const { client, owned } = storeClient(options.redis, options.cluster);
    this.#redis = client;
    this.#ownsClient = owned;
  }

  /** The underlying client (a `Redis` or a `Cluster`), for health checks and benchmarks. */
  get client(): Redis {
    return this.#redis;
  }

  get encrypted(): boolean {
    return this.#codec.encrypted;
  }

  /** Runs Redis commands, turning connection failures into `store_unavailable`. */
  async #call<T>(what: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
    // While the client is between reconnect attempts a command would sit in the offline queue
    // until the next attempt fails; fail at once instead. During the first connect it waits.
    if (UNAVAILABLE_STATES.has(this.#redis.status)) {
      throw new AuthKitError('store_unavailable', `Redis store unavailable during ${what}: connection is ${this.#redis.status}`);
    }
    try {
      return await fn(this.#redis);
    } catch (error) {
      if (isAuthKitError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new AuthKitError('store_unavailable', `Redis store unavailable during ${what}: ${reason}`, { cause: error });
    }
  }

  /**
   * Once per store: records the layout (shard count) under the prefix, or checks it. Data
   * written with another shard count would be looked up in the wrong groups, i.e. look lost.
   */
  #checkLayout(): Promise<void> {
    this.#layoutChecked ??= this.#call('open', async (r) => {
      const key = this.layout.layoutKey();
      const wanted = this.layout.layoutValue();
      if ((await r.set(key, wanted, 'NX')) === 'OK') return;
      const found = await r.get(key);
      if (found !== wanted) {
        throw new AuthKitError(
          'configuration_error',
          `The Redis data under prefix '${this.prefix}' was written with layout '${found}', this store uses '${wanted}': open it with the same \`shards\``,
        );
      }
    }).catch((error: unknown) => {
      this.#layoutChecked = undefined; // Redis down: check again next time
      throw error;
    });
    return this.#layoutChecked;
  }

  /**
   * Reads one connection. A storm (a thousand concurrent calls on one connection) would send a
   * thousand identical HGETs and decrypt a thousand copies; calls made in the same tick share
   * one instead. The HGET is sent after the tick, so after every joiner was called: each gets
   * a state no older than its own call (never a stale read).
   */
  get(id: string): Promise<ConnectionRecord | undefined> {
    const unsent = this.#unsentReads.get(id);
    if (unsent !== undefined) return unsent;
    const read = this.#readAfterTick(id);
    this.#unsentReads.set(id, read);
    return read;
  }

  async #readAfterTick(id: string): Promise<ConnectionRecord | undefined> {
    try {
      await this.#checkLayout(); // also the tick the joiners are collected in
    } finally {
      this.#unsentReads.delete(id);
    }
    const data = await this.#call('get', (r) => r.hget(this.layout.record(id), 'd'));
    return data === null ? undefined : this.#codec.decode(parseStored(data, id));
  }

  async put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
    const next: ConnectionRecord = { ...record, version: expectedVersion + 1 };
    const [, stored] = await Promise.all([this.#checkLayout(), this.#codec.encode(next)]);
    const n = this.layout.shardOf(record.id);
    const keys = [
      this.layout.record(record.id),
      this.layout.all(n),
      this.layout.byProvider(n, record.providerId),
      this.layout.byOwner(n, record.ownerId),
      this.layout.due(n),
    ];
    const dueAt = next.dueAt === undefined ? '' : next.dueAt;
    const args = [expectedVersion, JSON.stringify(stored), record.id, record.providerId, record.ownerId, this.layout.group(n), dueAt];
    const result = (await this.#call('put', (r) => PUT.run(r, keys, args))) as [number, number];
    if (result[0] !== 1) {
      throw new VersionConflictError(`Connection '${record.id}' is at version ${result[1]}, not ${expectedVersion}`, {
        connectionId: record.id,
        providerId: record.providerId,
      });
    }
    return next;
  }

  async delete(id: string): Promise<boolean> {
    await this.#checkLayout();
    const n = this.layout.shardOf(id);
    const keys = [this.layout.record(id), this.layout.all(n), this.layout.due(n)];
    const deleted = await this.#call('delete', (r) => DELETE.run(r, keys, [id, this.layout.group(n)]));
    return deleted === 1;
  }

  /** Asks every group at once (one script each, one slot each) and merges. */
  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    await this.#checkLayout();
    const replies = await this.#call('list', (r) =>
      Promise.all(
        this.layout.groups().map((n) => {
          const sets: string[] = [];
          if (filter.providerId !== undefined) sets.push(this.layout.byProvider(n, filter.providerId));
          if (filter.ownerId !== undefined) sets.push(this.layout.byOwner(n, filter.ownerId));
          if (sets.length === 0) sets.push(this.layout.all(n));
          return LIST.run(r, sets, [this.layout.group(n)]);
        }),
      ),
    );
    return Promise.all(replies.flatMap((reply) => pairs(reply)).map(([id, data]) => this.#codec.decode(parseStored(data, id))));
  }

  /**
   * Connections due at or before `now`, soonest first: each group's due head (a sorted set,
   * read up to `limit`), checked against the records and merged. Stale entries are corrected
   * where they are found and never returned.
   */
  async listDue(now: number, limit: number): Promise<ConnectionRecord[]> {
    if (limit <= 0) return [];
    await this.#checkLayout();
    const due: { id: string; dueAt: number; data: string }[] = [];
    await this.#call('listDue', (r) =>
      Promise.all(
        this.layout.groups().map(async (n) => {
          // A reply that corrected stale entries may have missed due records behind them (or
          // moved within reach); ask again until a reply finds none. Each pass corrects at least
          // one entry, so this ends; the bound only guards against a writer racing forever.
          for (let pass = 0; pass < 1_000; pass++) {
            const reply = (await DUE.run(r, [this.layout.due(n)], [now, limit, this.layout.group(n)])) as (string | number)[];
            if (Number(reply[0]) > 0) continue;
            for (let i = 1; i + 2 < reply.length; i += 3) due.push({ id: String(reply[i]), dueAt: Number(reply[i + 1]), data: String(reply[i + 2]) });
            return;
          }
        }),
      ),
    );
    due.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.all(due.slice(0, limit).map(({ id, data }) => this.#codec.decode(parseStored(data, id))));
  }

  async lock(key: string, options: LockOptions): Promise<StoreLock> {
    const token = randomUUID();
    const redisKey = this.layout.lock(key);
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const ok = await this.#call('lock', (r) => r.set(redisKey, token, 'PX', Math.max(1, Math.ceil(options.ttlMs)), 'NX'));
      if (ok === 'OK') return this.#handle(key, redisKey, token);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AuthKitError('lock_timeout', `Lock '${key}' is held elsewhere; gave up after ${options.waitMs} ms`);
      }
      await sleep(Math.min(remaining, this.#pollMs + Math.random() * this.#pollMs));
    }
  }

  /** Release and extend compare the token and act in one script: a holder whose lease ran out cannot touch its successor's. */
  #handle(key: string, redisKey: string, token: string): StoreLock {
    return {
      key,
      extend: async (ttlMs) => {
        const ok = await this.#call('lock extend', (r) => EXTEND.run(r, [redisKey], [token, Math.max(1, Math.ceil(ttlMs))]));
        return ok === 1;
      },
      release: async () => {
        await this.#call('lock release', (r) => RELEASE.run(r, [redisKey], [token]));
      },
    };
  }

  async putEphemeral(key: string, value: string, ttlMs: number): Promise<void> {
    // The key (it holds an OAuth `state`) is hashed; the value is sealed and bound to it.
    const name = hashKey(key);
    const sealed = await this.#codec.sealValue(value, name);
    await this.#call('putEphemeral', (r) => r.set(this.layout.ephemeral(name), sealed, 'PX', Math.max(1, Math.ceil(ttlMs))));
  }

  async takeEphemeral(key: string): Promise<string | undefined> {
    const name = hashKey(key);
    const sealed = await this.#call('takeEphemeral', (r) => r.getdel(this.layout.ephemeral(name)));
    return sealed === null ? undefined : this.#codec.openValue(sealed, name);
  }

  /**
   * Moves every connection to the key ring's current key, group by group, without changing
   * versions (a record written meanwhile already uses the current key and is skipped). Records
   * already under the current key are skipped too, so an interrupted run can simply be started again.
   */
  async reencryptAll(options: ReencryptOptions = {}): Promise<ReencryptResult> {
    await this.#checkLayout();
    let total = 0;
    if (options.onProgress) {
      for (const n of this.layout.groups()) total += await this.#call('reencryptAll', (r) => r.scard(this.layout.all(n)));
    }
    let scanned = 0;
    let reencrypted = 0;
    for (const n of this.layout.groups()) {
      let cursor = '0';
      do {
        const [next, ids] = await this.#call('reencryptAll', (r) => r.sscan(this.layout.all(n), cursor, 'COUNT', 200));
        cursor = next;
        for (const id of ids) {
          scanned += 1;
          if (await this.#reencryptOne(id)) reencrypted += 1;
          options.onProgress?.({ scanned, reencrypted, total });
        }
      } while (cursor !== '0');
    }
    return { scanned, reencrypted };
  }

  /** Re-encrypts one record if it is on an old key and still at the version read; true if written. */
  async #reencryptOne(id: string): Promise<boolean> {
    const recordKey = this.layout.record(id);
    const [version, data] = await this.#call('reencryptAll', (r) => r.hmget(recordKey, 'v', 'd'));
    if (version == null || data == null) return false;
    const stored = parseStored(data, id);
    if (!this.#codec.needsReencryption(stored as StoredConnection)) return false;
    const fresh = JSON.stringify(await this.#codec.encode(await this.#codec.decode(stored)));
    const done = await this.#call('reencryptAll', (r) => REPLACE_IF_VERSION.run(r, [recordKey], [version, fresh]));
    return done === 1;
  }

  /** Closes the client if the store created it (from a URL or node list). */
  async close(): Promise<void> {
    if (!this.#ownsClient) return;
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }
}

/**
 * Creates a Redis store. Throws `configuration_error` unless a `keyRing` or
 * `encryption: 'plaintext-for-local-development'` is given.
 *
 * @example
 * const store = createRedisStore({
 *   redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', // or cluster: ['redis://10.0.0.1:7000', …]
 *   keyRing: createKeyRing({ keys: [{ id: '2026-01', secret: process.env.AUTHKIT_KEY! }] }),
 *   prefix: 'myapp:authkit:',
 * });
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  return new RedisStore(options);
}
