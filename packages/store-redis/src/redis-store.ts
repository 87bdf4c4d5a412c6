import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { AuthKitError, VersionConflictError, isAuthKitError } from '@authkit/core';
import type { ConnectionFilter, ConnectionRecord, ConnectionStore, LockOptions, StoreLock } from '@authkit/core';
import { createRecordCodec } from './internal/core-crypto';
import type { RecordCodec, StoreEncryptionOptions, StoredConnection } from './internal/core-crypto';
import { DELETE, EXTEND, PUT, RELEASE, REPLACE_IF_VERSION } from './internal/lua';

/** Options of {@link createRedisStore}. */
export type RedisStoreOptions = StoreEncryptionOptions & {
  /**
   * An `ioredis` client (you keep ownership: `close()` leaves it open) or a `redis://` URL
   * (the store creates a client with fail-fast settings and closes it in `close()`).
   */
  redis: Redis | string;
  /** Prepended to every key, so several apps or test runs can share one Redis. Default `authkit:`. */
  prefix?: string;
  /** How often a waiting `lock()` retries. Default 20 ms (plus jitter). */
  lockPollMs?: number;
};

/** Result of {@link RedisStore.reencryptAll}. */
export interface ReencryptResult {
  scanned: number;
  reencrypted: number;
}

/** Where {@link RedisStore.reencryptAll} is, reported after each connection it looked at. */
export interface ReencryptProgress {
  /** Connections looked at so far (re-encrypted or already under the current key). */
  scanned: number;
  reencrypted: number;
  /** Connections in the store when the run started (`SCARD`; `scanned` may pass it if some are added meanwhile). */
  total: number;
}

/** Options of {@link RedisStore.reencryptAll}. */
export interface ReencryptOptions {
  /** Called after each connection, e.g. to draw a progress bar. Must not throw. */
  onProgress?: (progress: ReencryptProgress) => void;
}

/**
 * Settings for clients the store creates: a command fails within a few seconds when Redis is
 * down instead of queueing forever, so callers get `store_unavailable` and can retry.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: 5_000,
  retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
};

const UNAVAILABLE_STATES = new Set(['reconnecting', 'close', 'end']);

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

/**
 * A connection store on Redis (`ioredis`), shared by every instance of an app: versioned
 * writes in one Lua script, index sets per provider and owner (no `KEYS`), locks with
 * `SET NX PX` and a unique token, one-time values with `GETDEL`. Secrets are encrypted
 * before they leave the process.
 */
export class RedisStore implements ConnectionStore {
  readonly prefix: string;
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #codec: RecordCodec;
  readonly #pollMs: number;

  constructor(options: RedisStoreOptions) {
    if (!options || options.redis === undefined) {
      throw new AuthKitError('configuration_error', 'createRedisStore needs `redis` (an ioredis client or a redis:// URL)');
    }
    this.#codec = createRecordCodec(options, 'The Redis store');
    this.prefix = options.prefix ?? 'authkit:';
    this.#pollMs = options.lockPollMs ?? 20;
    if (typeof options.redis === 'string') {
      this.#redis = new Redis(options.redis, FAIL_FAST_REDIS_OPTIONS);
      // Errors surface on each command as store_unavailable; without a listener ioredis would
      // print every reconnect failure.
      this.#redis.on('error', () => undefined);
      this.#ownsClient = true;
    } else {
      this.#redis = options.redis;
      this.#ownsClient = false;
    }
  }

  /** The underlying client (for health checks and benchmarks). */
  get client(): Redis {
    return this.#redis;
  }

  get encrypted(): boolean {
    return this.#codec.encrypted;
  }

  #key(kind: string, id: string): string {
    return `${this.prefix}${kind}${id}`;
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

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const data = await this.#call('get', (r) => r.hget(this.#key('conn:', id), 'd'));
    return data === null ? undefined : this.#codec.decode(parseStored(data, id));
  }

  async put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
    const next: ConnectionRecord = { ...record, version: expectedVersion + 1 };
    const data = JSON.stringify(await this.#codec.encode(next));
    const keys = [
      this.#key('conn:', record.id),
      this.#key('idx:all', ''),
      this.#key('idx:p:', record.providerId),
      this.#key('idx:o:', record.ownerId),
    ];
    const args = [expectedVersion, data, record.id, record.providerId, record.ownerId, this.prefix];
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
    const keys = [this.#key('conn:', id), this.#key('idx:all', '')];
    const deleted = await this.#call('delete', (r) => DELETE.run(r, keys, [id, this.prefix]));
    return deleted === 1;
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const sets: string[] = [];
    if (filter.providerId !== undefined) sets.push(this.#key('idx:p:', filter.providerId));
    if (filter.ownerId !== undefined) sets.push(this.#key('idx:o:', filter.ownerId));
    if (sets.length === 0) sets.push(this.#key('idx:all', ''));
    const ids = await this.#call('list', (r) => (sets.length === 1 ? r.smembers(sets[0]!) : r.sinter(...sets)));
    if (ids.length === 0) return [];
    const rows = await this.#call('list', async (r) => {
      const pipeline = r.pipeline();
      for (const id of ids) pipeline.hget(this.#key('conn:', id), 'd');
      return (await pipeline.exec()) ?? [];
    });
    const records: ConnectionRecord[] = [];
    for (const [index, [error, data]] of rows.entries()) {
      if (error) throw new AuthKitError('store_unavailable', `Redis store unavailable during list: ${error.message}`, { cause: error });
      // A record deleted between the two round trips is simply absent.
      if (typeof data === 'string') records.push(await this.#codec.decode(parseStored(data, ids[index]!)));
    }
    return records;
  }

  async lock(key: string, options: LockOptions): Promise<StoreLock> {
    const token = randomUUID();
    const redisKey = this.#key('lock:', key);
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
    await this.#call('putEphemeral', (r) => r.set(this.#key('eph:', name), sealed, 'PX', Math.max(1, Math.ceil(ttlMs))));
  }

  async takeEphemeral(key: string): Promise<string | undefined> {
    const name = hashKey(key);
    const sealed = await this.#call('takeEphemeral', (r) => r.getdel(this.#key('eph:', name)));
    return sealed === null ? undefined : this.#codec.openValue(sealed, name);
  }

  /**
   * Moves every connection to the key ring's current key, in batches, without changing
   * versions (a record written meanwhile already uses the current key and is skipped). Records
   * already under the current key are skipped too, so an interrupted run can simply be started again.
   */
  async reencryptAll(options: ReencryptOptions = {}): Promise<ReencryptResult> {
    const total = options.onProgress ? await this.#call('reencryptAll', (r) => r.scard(this.#key('idx:all', ''))) : 0;
    let cursor = '0';
    let scanned = 0;
    let reencrypted = 0;
    do {
      const [next, ids] = await this.#call('reencryptAll', (r) => r.sscan(this.#key('idx:all', ''), cursor, 'COUNT', 200));
      cursor = next;
      for (const id of ids) {
        scanned += 1;
        if (await this.#reencryptOne(id)) reencrypted += 1;
        options.onProgress?.({ scanned, reencrypted, total });
      }
    } while (cursor !== '0');
    return { scanned, reencrypted };
  }

  /** Re-encrypts one record if it is on an old key and still at the version read; true if written. */
  async #reencryptOne(id: string): Promise<boolean> {
    const recordKey = this.#key('conn:', id);
    const [version, data] = await this.#call('reencryptAll', (r) => r.hmget(recordKey, 'v', 'd'));
    if (version == null || data == null) return false;
    const stored = parseStored(data, id);
    if (!this.#codec.needsReencryption(stored as StoredConnection)) return false;
    const fresh = JSON.stringify(await this.#codec.encode(await this.#codec.decode(stored)));
    const done = await this.#call('reencryptAll', (r) => REPLACE_IF_VERSION.run(r, [recordKey], [version, fresh]));
    return done === 1;
  }

  /** Closes the client if the store created it from a URL. */
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
 *   redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
 *   keyRing: createKeyRing({ keys: [{ id: '2026-01', secret: process.env.AUTHKIT_KEY! }] }),
 *   prefix: 'myapp:authkit:',
 * });
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  return new RedisStore(options);
}
