import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AuthKitError, createRecordCodec, DueIndex, VersionConflictError } from '@authkit/core';
import type { ConnectionFilter, ConnectionRecord, LockOptions, RecordCodec, ReencryptingStore, ReencryptOptions, ReencryptResult, StoreEncryptionOptions, StoredConnection, StoreLock } from '@authkit/core';
import { isNotFound, readJson, writeFileAtomic } from './internal/fs-atomic';
import { DirectoryMutex } from './internal/mutex';
import { DueLog } from './internal/due-log';
import type { DueLogPosition } from './internal/due-log';

/** Options of {@link createFileStore}: a directory plus a key ring (or the explicit opt-out). */
export type FileStoreOptions = StoreEncryptionOptions & {
  /** Created if missing (mode 0700). Every process that shares connections opens the same one. */
  directory: string;
  /**
   * fsync each connection write and its directory before resolving. Default true: a rotated
   * refresh token that is lost to a power cut means the user must authorize again.
   */
  durable?: boolean;
};

interface LockFile {
  token: string;
  expiresAt: number;
}

interface EphemeralFile {
  expiresAt: number;
  value: string;
}

const POLL_MS = 15;
const SWEEP_EVERY_MS = 60_000;
const STALE_TMP_MS = 60 * 60_000;
/**
 * A change whose log line was lost (its process was killed between the rename and the append)
 * is picked up by this periodic rescan at the latest; rotations and opens rescan too.
 */
const RESCAN_EVERY_MS = 10 * 60_000;
/** Connection files read in parallel when rescanning or re-checking due records. */
const READ_BATCH = 32;

function hashName(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * A durable connection store in a local directory, for one machine and no server: one JSON
 * file per connection (credential encrypted), written with write-temp/fsync/rename/fsync-dir,
 * versioned writes and locks guarded by a cross-process lock so several processes on the
 * machine can share the directory.
 */
export class FileStore implements ReencryptingStore {
  /** Absolute path of the store's directory. */
  readonly directory: string;
  readonly #codec: RecordCodec;
  readonly #durable: boolean;
  readonly #mutex: DirectoryMutex;
  readonly #dirs: { connections: string; locks: string; ephemeral: string; tmp: string; mutex: string };
  readonly #dueLog: DueLog;
  readonly #dueIndex = new DueIndex();
  #duePosition: DueLogPosition | undefined;
  #lastRescan = 0;
  #dueQueue: Promise<unknown> = Promise.resolve();
  #lastSweep = 0;
  #sweep: Promise<void> | undefined;

  constructor(options: FileStoreOptions) {
    if (!options || typeof options.directory !== 'string' || options.directory.length === 0) {
      throw new AuthKitError('configuration_error', 'createFileStore needs a `directory`');
    }
    // Throws configuration_error without a key ring or the explicit plaintext opt-out.
    this.#codec = createRecordCodec(options, 'The file store');
    this.directory = resolve(options.directory);
    this.#durable = options.durable ?? true;
    this.#dirs = {
      connections: join(this.directory, 'connections'),
      locks: join(this.directory, 'locks'),
      ephemeral: join(this.directory, 'ephemeral'),
      tmp: join(this.directory, 'tmp'),
      mutex: join(this.directory, 'mutex'),
    };
    for (const dir of [this.directory, ...Object.values(this.#dirs)]) mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#mutex = new DirectoryMutex(this.#dirs.mutex);
    // Created on first use (read or append), with its generation header.
    this.#dueLog = new DueLog(join(this.directory, 'due.log'), this.#dirs.tmp);
  }

  /** True unless the store was opened with the plaintext development opt-out. */
  get encrypted(): boolean {
    return this.#codec.encrypted;
  }

  #connectionPath(id: string): string {
    return this.#pathOfName(hashName(id));
  }

  #pathOfName(name: string): string {
    return join(this.#dirs.connections, `${name}.json`);
  }

  async #write(dir: string, path: string, data: unknown, durable: boolean): Promise<void> {
    await writeFileAtomic(path, JSON.stringify(data), { tmpDir: this.#dirs.tmp, dir, durable });
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const stored = await readJson(this.#connectionPath(id));
    return stored === undefined ? undefined : this.#codec.decode(stored);
  }

  async put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
    const next: ConnectionRecord = { ...record, version: expectedVersion + 1 };
    // Encrypt before taking the cross-process lock: the critical section stays tiny.
    const encoded = await this.#codec.encode(next);
    const name = hashName(record.id);
    const path = this.#pathOfName(name);
    await this.#mutex.run(`c-${name}`, async () => {
      const current = (await readJson(path)) as StoredConnection | undefined;
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== expectedVersion) {
        throw new VersionConflictError(
          `Connection '${record.id}' is at version ${currentVersion}, not ${expectedVersion}`,
          { connectionId: record.id, providerId: record.providerId },
        );
      }
      await this.#write(this.#dirs.connections, path, encoded, this.#durable);
      // Still inside the record's mutex: this record's log lines stay in write order.
      await this.#dueLog.append(name, next.dueAt);
    });
    return next;
  }

  async delete(id: string): Promise<boolean> {
    const name = hashName(id);
    const path = this.#pathOfName(name);
    return this.#mutex.run(`c-${name}`, async () => {
      try {
        await unlink(path);
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
      await this.#dueLog.append(name, undefined);
      return true;
    });
  }

  async #readAllStored(): Promise<StoredConnection[]> {
    const names = (await readdir(this.#dirs.connections)).filter((name) => name.endsWith('.json'));
    const stored = await Promise.all(names.map((name) => readJson(join(this.#dirs.connections, name))));
    return stored.filter((s): s is StoredConnection => s !== undefined);
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    // Provider and owner are stored in the clear, so only matching records are decrypted.
    const matching = (await this.#readAllStored()).filter(
      (s) =>
        (filter.providerId === undefined || s.providerId === filter.providerId) &&
        (filter.ownerId === undefined || s.ownerId === filter.ownerId),
    );
    return Promise.all(matching.map((s) => this.#codec.decode(s)));
  }

  /**
   * Connections due at or before `now`, soonest first, from the in-memory index (built at the
   * first call, then kept current from the shared due log). Each candidate's file is read
   * and its dueAt re-checked, so an entry made stale by another process is corrected, never
   * returned; the cost is O(due), not O(all).
   */
  async listDue(now: number, limit: number): Promise<ConnectionRecord[]> {
    // One listDue at a time per instance: the re-checks below and the log replay both write
    // the index, and must not interleave (an older re-check could undo a newer log line).
    const run = this.#dueQueue.catch(() => undefined).then(() => this.#listDueNow(now, limit));
    this.#dueQueue = run;
    return run;
  }

  async #listDueNow(now: number, limit: number): Promise<ConnectionRecord[]> {
    await this.#syncDueIndex();
    const found: StoredConnection[] = [];
    const candidates = this.#dueIndex.due(now);
    for (let start = 0; start < candidates.length && found.length < limit; start += READ_BATCH) {
      const names = candidates.slice(start, start + READ_BATCH);
      const stored = await Promise.all(names.map((name) => readJson(this.#pathOfName(name)) as Promise<StoredConnection | undefined>));
      for (const [i, record] of stored.entries()) {
        const dueAt = typeof record?.dueAt === 'number' ? record.dueAt : undefined;
        if (dueAt === undefined || dueAt > now) {
          this.#dueIndex.set(names[i]!, dueAt); // stale entry: take the record's word for it
          continue;
        }
        if (found.length < limit) found.push(record!);
      }
    }
    found.sort((a, b) => a.dueAt! - b.dueAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.all(found.map((s) => this.#codec.decode(s)));
  }

  /** Brings the due index up to date from the shared log (rescanning when the log was replaced). */
  async #syncDueIndex(): Promise<void> {
    const read = await this.#dueLog.read(this.#duePosition);
    for (const change of read.changes) this.#dueIndex.set(change.name, change.dueAt);
    this.#duePosition = read.position;
    if (!read.rotated && Date.now() - this.#lastRescan <= RESCAN_EVERY_MS) return;
    // The position is taken before the scan: a write that lands during the scan is either
    // seen by it or replayed from the log right after.
    await this.#rescanDue();
    const rest = await this.#dueLog.read(this.#duePosition);
    if (rest.rotated) {
      this.#duePosition = undefined; // replaced again meanwhile: rescan on the next call
      return;
    }
    for (const change of rest.changes) this.#dueIndex.set(change.name, change.dueAt);
    this.#duePosition = rest.position;
  }

  /** Rebuilds the due index from the connection files (at open, after a log rotation, periodically). */
  async #rescanDue(): Promise<void> {
    this.#lastRescan = Date.now();
    const names = (await readdir(this.#dirs.connections)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5));
    this.#dueIndex.clear();
    for (let start = 0; start < names.length; start += READ_BATCH) {
      const batch = names.slice(start, start + READ_BATCH);
      // A damaged file is skipped here (list() and get() report it); it cannot be due.
      const stored = await Promise.all(batch.map((name) => readJson(this.#pathOfName(name)).catch(() => undefined)));
      for (const [i, record] of stored.entries()) {
        const dueAt = (record as StoredConnection | undefined)?.dueAt;
        if (typeof dueAt === 'number') this.#dueIndex.set(batch[i]!, dueAt);
      }
    }
  }

  async lock(key: string, options: LockOptions): Promise<StoreLock> {
    const token = randomUUID();
    const name = hashName(key);
    const path = join(this.#dirs.locks, `${name}.json`);
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const acquired = await this.#mutex.run(`l-${name}`, async () => {
        const current = await this.#readLock(path);
        if (current && current.expiresAt > Date.now()) return false;
        const entry: LockFile = { token, expiresAt: Date.now() + options.ttlMs };
        // Locks need no fsync: after a power cut every holder is gone anyway.
        await this.#write(this.#dirs.locks, path, entry, false);
        return true;
      });
      if (acquired) return this.#handle(key, name, path, token);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AuthKitError('lock_timeout', `Lock '${key}' is held elsewhere; gave up after ${options.waitMs} ms`);
      }
      await sleep(Math.min(remaining, POLL_MS + Math.random() * POLL_MS));
    }
  }

  async #readLock(path: string): Promise<LockFile | undefined> {
    try {
      const value = (await readJson(path)) as LockFile | undefined;
      return value && typeof value.token === 'string' && typeof value.expiresAt === 'number' ? value : undefined;
    } catch {
      return undefined; // unreadable lock file: treat as free rather than wedge every caller
    }
  }

  #handle(key: string, name: string, path: string, token: string): StoreLock {
    return {
      key,
      extend: (ttlMs) =>
        this.#mutex.run(`l-${name}`, async () => {
          const current = await this.#readLock(path);
          if (!current || current.token !== token || current.expiresAt <= Date.now()) return false;
          await this.#write(this.#dirs.locks, path, { token, expiresAt: Date.now() + ttlMs }, false);
          return true;
        }),
      release: () =>
        this.#mutex.run(`l-${name}`, async () => {
          const current = await this.#readLock(path);
          if (current?.token !== token) return;
          await unlink(path).catch((error: unknown) => {
            if (!isNotFound(error)) throw error;
          });
        }),
    };
  }

  async putEphemeral(key: string, value: string, ttlMs: number): Promise<void> {
    const name = hashName(key);
    const entry: EphemeralFile = { expiresAt: Date.now() + ttlMs, value: await this.#codec.sealValue(value, name) };
    await this.#write(this.#dirs.ephemeral, join(this.#dirs.ephemeral, `${name}.json`), entry, this.#durable);
    this.#maybeSweep();
  }

  async takeEphemeral(key: string): Promise<string | undefined> {
    const name = hashName(key);
    // rename is atomic: of several concurrent takers (in any process) exactly one wins.
    const claimed = join(this.#dirs.tmp, `take-${randomUUID()}.json`);
    try {
      await rename(join(this.#dirs.ephemeral, `${name}.json`), claimed);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    let entry: EphemeralFile | undefined;
    try {
      entry = (await readJson(claimed)) as EphemeralFile | undefined;
    } finally {
      await unlink(claimed).catch(() => undefined);
    }
    if (!entry || typeof entry.value !== 'string' || entry.expiresAt <= Date.now()) return undefined;
    return this.#codec.openValue(entry.value, name);
  }

  /**
   * Moves every connection to the key ring's current key (keys stay readable meanwhile).
   * Versions do not change: the content is the same, so in-flight writers are not disturbed.
   * Records already under the current key are skipped, so a run that was interrupted can simply
   * be started again.
   */
  async reencryptAll(options: ReencryptOptions = {}): Promise<ReencryptResult> {
    const names = (await readdir(this.#dirs.connections)).filter((name) => name.endsWith('.json'));
    let scanned = 0;
    let reencrypted = 0;
    for (const name of names) {
      const path = join(this.#dirs.connections, name);
      const changed = await this.#mutex.run(`c-${name.slice(0, -5)}`, async () => {
        const stored = (await readJson(path)) as StoredConnection | undefined;
        if (!stored || !this.#codec.needsReencryption(stored)) return false;
        const fresh = await this.#codec.encode(await this.#codec.decode(stored));
        await this.#write(this.#dirs.connections, path, fresh, this.#durable);
        return true;
      });
      if (changed) reencrypted += 1;
      scanned += 1;
      options.onProgress?.({ scanned, reencrypted, total: names.length });
    }
    return { scanned: names.length, reencrypted };
  }

  /** Deletes expired pending values and temp files left by crashed processes, at most once a minute. */
  #maybeSweep(): void {
    const now = Date.now();
    if (this.#sweep || now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    this.#sweep = this.#sweepNow(now)
      .catch(() => undefined)
      .finally(() => {
        this.#sweep = undefined;
      });
  }

  async #sweepNow(now: number): Promise<void> {
    for (const name of await readdir(this.#dirs.ephemeral)) {
      const path = join(this.#dirs.ephemeral, name);
      const entry = (await readJson(path).catch(() => undefined)) as EphemeralFile | undefined;
      if (entry && entry.expiresAt <= now) await unlink(path).catch(() => undefined);
    }
    for (const name of await readdir(this.#dirs.tmp)) {
      const path = join(this.#dirs.tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TMP_MS) await unlink(path).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.#sweep;
  }
}

/**
 * Opens (creating if needed) a durable file store. Throws `configuration_error` unless a
 * `keyRing` or `encryption: 'plaintext-for-local-development'` is given.
 *
 * @example
 * const store = createFileStore({
 *   directory: './.authkit',
 *   keyRing: createKeyRing({ keys: [{ id: '2026-01', secret: process.env.AUTHKIT_KEY! }] }),
 * });
 */
export function createFileStore(options: FileStoreOptions): FileStore {
  return new FileStore(options);
}
