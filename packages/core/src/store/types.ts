import type { ConnectionRecord } from '../connection';

/** Filter for {@link ConnectionStore.list}. */
export interface ConnectionFilter {
  providerId?: string;
  ownerId?: string;
}

/** A held lock. Expires on its own after its TTL unless extended, so a crashed holder frees it. */
export interface StoreLock {
  readonly key: string;
  /** Pushes the expiry out; resolves false if the lock was already lost. */
  extend(ttlMs: number): Promise<boolean>;
  /** Releases the lock if (and only if) this holder still owns it. */
  release(): Promise<void>;
}

/** Options for {@link ConnectionStore.lock}. */
export interface LockOptions {
  /** How long the lock lives without `extend`. */
  ttlMs: number;
  /** How long to wait for a held lock before failing with a `lock_timeout` error. */
  waitMs: number;
}

/**
 * The one small interface every connection store implements (memory, file, Redis…).
 * Stores persist {@link ConnectionRecord}s as they are; durable stores encrypt the secret
 * fields before they reach disk or the network.
 */
export interface ConnectionStore {
  get(id: string): Promise<ConnectionRecord | undefined>;
  /**
   * Writes `record` if the stored version equals `expectedVersion` (0 means "must not exist").
   * Resolves to the stored record, whose `version` is `expectedVersion + 1`; rejects with a
   * `VersionConflictError` otherwise and changes nothing.
   */
  put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord>;
  /** Resolves true if something was deleted. */
  delete(id: string): Promise<boolean>;
  list(filter?: ConnectionFilter): Promise<ConnectionRecord[]>;
  /** Exclusive lock by key, shared by every process that shares the store. */
  lock(key: string, options: LockOptions): Promise<StoreLock>;
  /** Stores a short-lived value (a pending authorization) that can be taken exactly once. */
  putEphemeral(key: string, value: string, ttlMs: number): Promise<void>;
  /** Atomically reads and deletes; undefined if absent or expired. */
  takeEphemeral(key: string): Promise<string | undefined>;
  /**
   * Connections whose `dueAt` is at or before `now`, soonest first, at most `limit`: the
   * due-time index maintenance sweeps, so a sweep costs O(due) rather than O(all). Records
   * without `dueAt` are never returned. Optional for third-party stores: without it AuthKit
   * falls back to `list()` and filters.
   */
  listDue?(now: number, limit: number): Promise<ConnectionRecord[]>;
  /** Frees connections, timers, file handles. */
  close?(): Promise<void>;
}

/** Result of a durable store's `reencryptAll()`. */
export interface ReencryptResult {
  /** Connections looked at. */
  scanned: number;
  /** Connections rewritten under the key ring's current key. */
  reencrypted: number;
}

/** Where a `reencryptAll()` is, reported after each connection it looked at. */
export interface ReencryptProgress {
  /** Connections looked at so far (re-encrypted or already under the current key). */
  scanned: number;
  reencrypted: number;
  /** Connections in the store when the run started (`scanned` may pass it if some are added meanwhile). */
  total: number;
}

/** Options of a durable store's `reencryptAll()`. */
export interface ReencryptOptions {
  /** Called after each connection, e.g. to draw a progress bar. Must not throw. */
  onProgress?: (progress: ReencryptProgress) => void;
}

/**
 * A store that can move every record to its key ring's current key (the file, Redis and
 * PostgreSQL stores): through versioned writes, so it is safe while apps run and resumable
 * after an interruption. `authkit keys rotate` drives it.
 */
export interface ReencryptingStore extends ConnectionStore {
  reencryptAll(options?: ReencryptOptions): Promise<ReencryptResult>;
}
