import pg from 'pg';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '@authkit/store-conformance';
import type { PostgresStoreOptions } from '../src/index';
import { PG_URL, freshStore } from './helpers';

/**
 * A real pool whose promise-style `connect()` calls (a `get` checks a client out so) are counted and,
 * while a gate is set, held until it opens. `pool.query` connects with a callback: passed through.
 */
function countingPool(): { pool: pg.Pool; connects: () => number; hold: (gate: Promise<void> | undefined) => void } {
  const pool = new pg.Pool({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
  let count = 0;
  let gate: Promise<void> | undefined;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    count += 1;
    const held = gate;
    return held === undefined ? connect() : held.then(() => connect());
  }) as typeof pool.connect;
  return { pool, connects: () => count, hold: (next) => (gate = next) };
}

describe('concurrent reads of one connection (a storm)', () => {
  it('share queued queries yet never return a version older than the caller\'s own call', async () => {
    const store = await freshStore({ encryption: 'plaintext-for-local-development' });
    const v1 = await store.put(makeRecord(), 0);
    const early = Array.from({ length: 200 }, () => store.get(v1.id));
    await store.put({ ...v1, status: 'revoked' }, 1);
    // Called after the write resolved: must see it, whatever reads are still in flight.
    const late = await Promise.all(Array.from({ length: 200 }, () => store.get(v1.id)));
    expect(new Set(late.map((r) => r!.version))).toEqual(new Set([2]));
    for (const read of await Promise.all(early)) expect([1, 2]).toContain(read!.version);
    expect(await store.get('missing')).toBeUndefined();
    await store.close();
  });

  it('sends one query for one wave of concurrent reads of the same id', async () => {
    const { pool, connects } = countingPool();
    const store = await freshStore({ pool, encryption: 'plaintext-for-local-development' } as Partial<PostgresStoreOptions> as never);
    try {
      const v1 = await store.put(makeRecord(), 0);
      const before = connects();
      const reads = await Promise.all(Array.from({ length: 100 }, () => store.get(v1.id)));
      expect(connects() - before).toBe(1);
      expect(new Set(reads.map((r) => r!.version))).toEqual(new Set([1]));
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('a finished read leaves the queued read that followed it in place, for later callers to join', async () => {
    const { pool, connects, hold } = countingPool();
    const store = await freshStore({ pool, encryption: 'plaintext-for-local-development' } as Partial<PostgresStoreOptions> as never);
    try {
      const v1 = await store.put(makeRecord(), 0);
      const before = connects();
      const first = store.get(v1.id);
      // Wait until the first read has its connection (and so left the queue) before queueing a second.
      while (connects() - before < 1) await nextTurn();
      await nextTurn();
      let open!: () => void;
      hold(new Promise<void>((resolve) => (open = resolve)));
      const second = store.get(v1.id);
      expect(second).not.toBe(first);
      expect((await first)!.version).toBe(1);
      // The first read is done; the second still waits for its connection, so a new caller joins it.
      expect(store.get(v1.id)).toBe(second);
      expect(connects() - before).toBe(2);
      hold(undefined);
      open();
      expect((await second)!.version).toBe(1);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});
