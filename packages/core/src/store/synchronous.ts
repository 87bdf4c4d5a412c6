import type { ConnectionRecord } from '../connection';
import type { ConnectionStore, StoreLock } from './types';

/**
 * Synchronous access a store may offer (the {@link MemoryStore} does) for AuthKit's request hot
 * path: read a record and take a free lock without an event-loop turn. Internal, not part of
 * the store interface.
 */
export interface SynchronousStore {
  /** Same value `get` would resolve to. */
  peek(id: string): ConnectionRecord | undefined;
  /** A free lock, taken at once; undefined when it is held. */
  tryLock(key: string, ttlMs: number): StoreLock | undefined;
}

/**
 * The store's synchronous access, found by its shape rather than `instanceof MemoryStore`: the
 * default store lives on `globalThis`, shared by every copy of this module a framework loads
 * (Next.js loads it twice), and another copy's class would fail `instanceof`.
 */
export function synchronousAccess(store: ConnectionStore): SynchronousStore | undefined {
  const candidate = store as ConnectionStore & Partial<SynchronousStore>;
  return typeof candidate.peek === 'function' && typeof candidate.tryLock === 'function' ? (candidate as SynchronousStore) : undefined;
}
