import type { ConnectionRecord } from '../connection';
import { AuthKitError, VersionConflictError } from '../errors';
import { unrefTimer } from '../util/sleep';
import { DueIndex } from './due-index';
import type { ConnectionFilter, ConnectionStore, LockOptions, StoreLock } from './types';
import type { SynchronousStore } from './synchronous';

interface HeldLock {
  token: symbol;
  expiresAt: number;
}

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock for ephemeral-value expiry (epoch ms). Locks always use real time. Default `Date.now`. */
  now?: () => number;
}

const DEFAULT = Symbol.for('@authkit/core/default-memory-store');

/**
 * The store AuthKit uses when none is given: one per process, kept on `globalThis`, so every
 * AuthKit instance of the process sees the same connections — also where a framework loads the
 * module that creates AuthKit more than once (Next.js loads it separately for route handlers
 * and server components). Pass your own store for isolation or durability.
 */
export function defaultMemoryStore(): MemoryStore {
  const holder = globalThis as { [DEFAULT]?: MemoryStore };
  holder[DEFAULT] ??= new MemoryStore();
  return holder[DEFAULT];
}

/**
 * The default store: everything in this process's memory. Share one instance between
 * several `createAuthKit` calls to get cross-instance locking in tests; use a durable or
 * Redis store for several processes.
 */
export class MemoryStore implements ConnectionStore, SynchronousStore {
  readonly #records = new Map<string, ConnectionRecord>();
  readonly #ephemeral = new Map<string, { value: string; expiresAt: number }>();
  readonly #locks = new Map<string, HeldLock>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #due = new DueIndex();
  readonly #now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    return this.#records.get(id);
  }

  /**
   * Synchronous `get`, for AuthKit's request hot path: with the default store a signed request
   * reads its connection without an async hop. Same value `get` would resolve to.
   */
  peek(id: string): ConnectionRecord | undefined {
    return this.#records.get(id);
  }

  async put(record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
    const current = this.#records.get(record.id);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== expectedVersion) {
      throw new VersionConflictError(
        `Connection ${record.id} is at version ${currentVersion}, not ${expectedVersion}`,
        { providerId: record.providerId, connectionId: record.id },
      );
    }
    // Records are immutable once stored: readers get the same frozen object without copying.
    const stored = Object.freeze({ ...record, version: expectedVersion + 1 });
    this.#records.set(record.id, stored);
    this.#due.set(record.id, stored.dueAt);
    return stored;
  }

  async delete(id: string): Promise<boolean> {
    this.#due.set(id, undefined);
    return this.#records.delete(id);
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const result: ConnectionRecord[] = [];
    for (const record of this.#records.values()) {
      if (filter.providerId !== undefined && record.providerId !== filter.providerId) continue;
      if (filter.ownerId !== undefined && record.ownerId !== filter.ownerId) continue;
      result.push(record);
    }
    return result;
  }

  async listDue(now: number, limit: number): Promise<ConnectionRecord[]> {
    // The index is updated in the same synchronous step as the record map, so every id it
    // names is present and its dueAt is current.
    return this.#due.due(now, limit).map((id) => this.#records.get(id)!);
  }

  /**
   * Takes a free lock synchronously, or returns undefined when it is held. For AuthKit's hot
   * path: under a refresh storm the first caller sends the refresh without an event-loop turn.
   */
  tryLock(key: string, ttlMs: number): StoreLock | undefined {
    const held = this.#locks.get(key);
    const now = Date.now();
    if (held !== undefined && held.expiresAt > now) return undefined;
    const token = Symbol(key);
    this.#locks.set(key, { token, expiresAt: now + ttlMs });
    return this.#handle(key, token);
  }

  async lock(key: string, options: LockOptions): Promise<StoreLock> {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const acquired = this.tryLock(key, options.ttlMs);
      if (acquired !== undefined) return acquired;
      const now = Date.now();
      if (now >= deadline) {
        throw new AuthKitError('lock_timeout', `Timed out after ${options.waitMs} ms waiting for lock ${key}`);
      }
      // Held (tryLock just said so). Wake on release, on the holder's expiry (a crashed holder) or at our deadline.
      const heldUntil = this.#locks.get(key)?.expiresAt ?? now;
      await this.#waitForRelease(key, Math.min(heldUntil, deadline) - now);
    }
  }

  async putEphemeral(key: string, value: string, ttlMs: number): Promise<void> {
    this.#sweepEphemeral();
    this.#ephemeral.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  async takeEphemeral(key: string): Promise<string | undefined> {
    const entry = this.#ephemeral.get(key);
    if (entry === undefined) return undefined;
    this.#ephemeral.delete(key);
    return entry.expiresAt > this.#now() ? entry.value : undefined;
  }

  async close(): Promise<void> {
    this.#records.clear();
    this.#due.clear();
    this.#ephemeral.clear();
  }

  #handle(key: string, token: symbol): StoreLock {
    return {
      key,
      extend: async (ttlMs: number) => {
        const held = this.#locks.get(key);
        if (held?.token !== token || held.expiresAt <= Date.now()) return false;
        held.expiresAt = Date.now() + ttlMs;
        return true;
      },
      release: async () => {
        if (this.#locks.get(key)?.token !== token) return;
        this.#locks.delete(key);
        const waiters = this.#waiters.get(key);
        if (waiters === undefined) return;
        this.#waiters.delete(key);
        for (const wake of waiters) wake();
      },
    };
  }

  #waitForRelease(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.#waiters.get(key);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(key, waiters);
      }
      const set = waiters;
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, ms));
      unrefTimer(timer);
      set.add(wake);
    });
  }

  #sweepEphemeral(): void {
    if (this.#ephemeral.size < 1024) return;
    const now = this.#now();
    for (const [key, entry] of this.#ephemeral) if (entry.expiresAt <= now) this.#ephemeral.delete(key);
  }
}
