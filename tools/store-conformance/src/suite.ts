import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret, isAuthKitError } from '@authkit/core';
import type { ConnectionStore, StoreLock } from '@authkit/core';
import { CREDENTIALS_OF_EVERY_KIND, errorCodeOf, makeRecord, revealCredential, sleep } from './fixtures';

/** Creates a fresh, empty store for one test. */
export type StoreFactory<S extends ConnectionStore = ConnectionStore> = () => S | Promise<S>;

export interface StoreConformanceOptions<S extends ConnectionStore = ConnectionStore> {
  /** Lock TTL used by the expiry tests. Default 300 ms. */
  shortTtlMs?: number;
  /**
   * Opens a second store over the same backing data (same directory, same Redis prefix).
   * When given, the suite also checks that locks and writes are shared between the two.
   */
  twin?: (store: S) => ConnectionStore | Promise<ConnectionStore>;
}

/** The store's listDue; every AuthKit store implements it (it is optional only for third-party stores). */
function listDue(store: ConnectionStore, now: number, limit: number) {
  if (typeof store.listDue !== 'function') throw new Error('this store has no listDue (the due-time index)');
  return store.listDue(now, limit);
}

/**
 * Registers the store conformance tests: read, versioned write that rejects a stale version,
 * delete, list by provider and owner, the due-time index (`listDue`), locks with expiry,
 * one-time ephemeral values.
 */
export function describeStoreConformance<S extends ConnectionStore>(
  name: string,
  createStore: StoreFactory<S>,
  options: StoreConformanceOptions<S> = {},
): void {
  const shortTtlMs = options.shortTtlMs ?? 300;

  describe(`${name}: ConnectionStore conformance`, () => {
    let store: S;
    const extra: ConnectionStore[] = [];

    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close?.();
      for (const other of extra.splice(0)) await other.close?.();
    });

    describe('read and versioned write', () => {
      it('returns undefined for an unknown id', async () => {
        expect(await store.get('does-not-exist')).toBeUndefined();
      });

      it('creates with expectedVersion 0 and reads back the same record with Secrets', async () => {
        const record = makeRecord({ label: 'portal-1' });
        const stored = await store.put(record, 0);
        expect(stored.version).toBe(1);
        const read = await store.get(record.id);
        expect(read).toBeDefined();
        expect(read!.version).toBe(1);
        expect({ ...read!, credential: null }).toEqual({ ...record, version: 1, credential: null });
        expect(revealCredential(read!.credential)).toEqual(revealCredential(record.credential));
        if (read!.credential.kind !== 'oauth2') throw new Error('kind changed');
        expect(read!.credential.accessToken).toBeInstanceOf(Secret);
      });

      it('round-trips a credential of every kind', async () => {
        for (const credential of CREDENTIALS_OF_EVERY_KIND) {
          const record = makeRecord({ credential, grant: 'static' });
          await store.put(record, 0);
          const read = await store.get(record.id);
          expect(revealCredential(read!.credential)).toEqual(revealCredential(credential));
        }
      });

      it('rejects creating a record that exists, and changes nothing', async () => {
        const record = makeRecord();
        await store.put(record, 0);
        const clash = makeRecord({ id: record.id, ownerId: 'someone-else' });
        expect(await errorCodeOf(store.put(clash, 0))).toBe('version_conflict');
        expect((await store.get(record.id))!.ownerId).toBe('owner-a');
      });

      it('updates with the current version, bumps it, and rejects a stale version', async () => {
        const record = makeRecord();
        const v1 = await store.put(record, 0);
        const v2 = await store.put({ ...v1, status: 'reauthorization_required' }, 1);
        expect(v2.version).toBe(2);
        expect(await errorCodeOf(store.put({ ...v1, status: 'revoked' }, 1))).toBe('version_conflict');
        expect(await errorCodeOf(store.put({ ...v1, status: 'revoked' }, 5))).toBe('version_conflict');
        const read = await store.get(record.id);
        expect(read!.version).toBe(2);
        expect(read!.status).toBe('reauthorization_required');
      });

      it('rejects an update of a record that does not exist', async () => {
        expect(await errorCodeOf(store.put(makeRecord(), 1))).toBe('version_conflict');
      });

      it('lets exactly one of many concurrent writers of the same version win', async () => {
        const record = makeRecord();
        const v1 = await store.put(record, 0);
        const writers = Array.from({ length: 8 }, (_, i) =>
          store.put({ ...v1, metadata: { writer: String(i) } }, 1),
        );
        const results = await Promise.allSettled(writers);
        const won = results.filter((r) => r.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(isAuthKitError(r.reason) && r.reason.code).toBe('version_conflict');
        }
        const read = await store.get(record.id);
        expect(read!.version).toBe(2);
        expect(read!.metadata).toEqual((won[0] as PromiseFulfilledResult<{ metadata: unknown }>).value.metadata);
      });
    });

    describe('delete', () => {
      it('deletes once, then reports nothing to delete, and the id can be created again', async () => {
        const record = makeRecord();
        await store.put(record, 0);
        expect(await store.delete(record.id)).toBe(true);
        expect(await store.get(record.id)).toBeUndefined();
        expect(await store.delete(record.id)).toBe(false);
        expect((await store.put(record, 0)).version).toBe(1);
      });
    });

    describe('list', () => {
      it('lists all, by provider, by owner, and by both', async () => {
        const a = makeRecord({ providerId: 'plannr', ownerId: 'alice' });
        const b = makeRecord({ providerId: 'plannr', ownerId: 'bob' });
        const c = makeRecord({ providerId: 'planday', ownerId: 'alice', label: 'portal-1' });
        const d = makeRecord({ providerId: 'planday', ownerId: 'alice', label: 'portal-2' });
        for (const r of [a, b, c, d]) await store.put(r, 0);
        const ids = async (filter?: { providerId?: string; ownerId?: string }) =>
          (await store.list(filter)).map((r) => r.id).sort();
        expect(await ids()).toEqual([a.id, b.id, c.id, d.id].sort());
        expect(await ids({ providerId: 'plannr' })).toEqual([a.id, b.id].sort());
        expect(await ids({ ownerId: 'alice' })).toEqual([a.id, c.id, d.id].sort());
        expect(await ids({ providerId: 'planday', ownerId: 'alice' })).toEqual([c.id, d.id].sort());
        expect(await ids({ providerId: 'iguide' })).toEqual([]);
        const listed = (await store.list({ ownerId: 'bob' }))[0]!;
        expect(revealCredential(listed.credential)).toEqual(revealCredential(b.credential));
      });

      it('forgets deleted records and follows updates', async () => {
        const a = makeRecord({ ownerId: 'carol' });
        const b = makeRecord({ ownerId: 'carol' });
        await store.put(a, 0);
        const b1 = await store.put(b, 0);
        await store.delete(a.id);
        await store.put({ ...b1, status: 'revoked' }, 1);
        const listed = await store.list({ ownerId: 'carol' });
        expect(listed.map((r) => [r.id, r.status, r.version])).toEqual([[b.id, 'revoked', 2]]);
      });
    });

    describe('listDue (the due-time index)', () => {
      const T = 1_750_000_000_000;
      const dueIds = async (now: number, limit = 100) => (await listDue(store, now, limit)).map((r) => r.id);

      it('returns records due at or before now, soonest first; none without dueAt or due later', async () => {
        const a = makeRecord({ dueAt: T - 3_000 });
        const b = makeRecord({ dueAt: T - 1_000 });
        const c = makeRecord({ dueAt: T - 2_000 });
        const exact = makeRecord({ dueAt: T });
        const never = makeRecord();
        const later = makeRecord({ dueAt: T + 60_000 });
        for (const r of [later, b, never, a, exact, c]) await store.put(r, 0);
        expect(await dueIds(T)).toEqual([a.id, c.id, b.id, exact.id]);
        expect(await dueIds(T - 2_500)).toEqual([a.id]);
        expect(await dueIds(T - 10_000)).toEqual([]);
        const [first] = await listDue(store, T, 1);
        expect(first!.version).toBe(1);
        expect(first!.dueAt).toBe(T - 3_000);
        expect(revealCredential(first!.credential)).toEqual(revealCredential(a.credential));
      });

      it('returns at most limit records, the soonest', async () => {
        const records = [5, 1, 4, 2, 3].map((n) => makeRecord({ dueAt: T - n * 1_000 }));
        for (const r of records) await store.put(r, 0);
        const byDue = [...records].sort((x, y) => x.dueAt! - y.dueAt!).map((r) => r.id);
        expect(await dueIds(T, 2)).toEqual(byDue.slice(0, 2));
        expect(await dueIds(T, 5)).toEqual(byDue);
        expect(await dueIds(T, 50)).toEqual(byDue);
      });

      it('follows updates: a later dueAt leaves the due set, an earlier one moves to the front, none removes', async () => {
        const a = await store.put(makeRecord({ dueAt: T - 3_000 }), 0);
        const b = await store.put(makeRecord({ dueAt: T - 2_000 }), 0);
        const c = await store.put(makeRecord({ dueAt: T + 5_000 }), 0);
        await store.put({ ...a, dueAt: T + 60_000 }, a.version);
        await store.put({ ...c, dueAt: T - 9_000 }, c.version);
        expect(await dueIds(T)).toEqual([c.id, b.id]);
        const b2 = await store.put({ ...b, dueAt: undefined }, b.version);
        expect(await dueIds(T)).toEqual([c.id]);
        expect(b2.dueAt).toBeUndefined();
        expect((await store.get(b.id))!.dueAt).toBeUndefined();
        expect(await dueIds(T + 60_000)).toEqual([c.id, a.id]);
      });

      it('forgets deleted records, and a stale write changes nothing in the index', async () => {
        const a = await store.put(makeRecord({ dueAt: T - 3_000 }), 0);
        const b = await store.put(makeRecord({ dueAt: T - 2_000 }), 0);
        await store.delete(a.id);
        expect(await dueIds(T)).toEqual([b.id]);
        // A conflicting write (stale version) must not move the record in the index either.
        expect(await errorCodeOf(store.put({ ...b, dueAt: T + 60_000 }, 7))).toBe('version_conflict');
        expect(await dueIds(T)).toEqual([b.id]);
        // Re-created under the same id, it is indexed again.
        await store.put({ ...a, version: 0, dueAt: T - 1_000 }, 0);
        expect(await dueIds(T)).toEqual([b.id, a.id]);
      });
    });

    describe('lock', () => {
      it('is exclusive: a second taker waits, then times out with lock_timeout', async () => {
        const held = await store.lock('refresh:x', { ttlMs: 10_000, waitMs: 0 });
        expect(await errorCodeOf(store.lock('refresh:x', { ttlMs: 10_000, waitMs: 150 }))).toBe('lock_timeout');
        await held.release();
        const again = await store.lock('refresh:x', { ttlMs: 10_000, waitMs: 0 });
        await again.release();
      });

      it('keys are independent', async () => {
        const a = await store.lock('refresh:a', { ttlMs: 10_000, waitMs: 0 });
        const b = await store.lock('refresh:b', { ttlMs: 10_000, waitMs: 0 });
        await a.release();
        await b.release();
      });

      it('a waiter gets the lock as soon as it is released', async () => {
        const held = await store.lock('refresh:w', { ttlMs: 10_000, waitMs: 0 });
        const waiter = store.lock('refresh:w', { ttlMs: 10_000, waitMs: 5_000 });
        await sleep(50);
        await held.release();
        const got = await waiter;
        expect(got.key).toBe('refresh:w');
        await got.release();
      });

      it('gives mutual exclusion to many concurrent takers', async () => {
        let inside = 0;
        let maxInside = 0;
        let entered = 0;
        await Promise.all(
          Array.from({ length: 6 }, async () => {
            const lock = await store.lock('refresh:m', { ttlMs: 10_000, waitMs: 15_000 });
            inside += 1;
            entered += 1;
            maxInside = Math.max(maxInside, inside);
            await sleep(10);
            inside -= 1;
            await lock.release();
          }),
        );
        expect(entered).toBe(6);
        expect(maxInside).toBe(1);
      });

      it('expires after its TTL so a crashed holder frees it; the old holder can then neither extend nor release it', async () => {
        const crashed = await store.lock('refresh:e', { ttlMs: shortTtlMs, waitMs: 0 });
        const taker = await store.lock('refresh:e', { ttlMs: 10_000, waitMs: shortTtlMs * 20 });
        expect(await crashed.extend(10_000)).toBe(false);
        await crashed.release();
        // The taker still holds it: a third party must wait.
        expect(await errorCodeOf(store.lock('refresh:e', { ttlMs: 10_000, waitMs: 100 }))).toBe('lock_timeout');
        await taker.release();
      });

      it('is fenced: a paused holder whose lease ran out can neither extend nor release the new holder\'s lock, and its late write is refused', async () => {
        const record = await store.put(makeRecord({ metadata: { by: 'nobody' } }), 0);
        const key = `refresh:${record.id}`;
        const paused = await store.lock(key, { ttlMs: shortTtlMs, waitMs: 0 });
        const seenByPaused = (await store.get(record.id))!;
        // The holder stalls (a GC pause, a slow token endpoint) past its lease; another takes over.
        const next = await store.lock(key, { ttlMs: 10_000, waitMs: shortTtlMs * 20 });
        const seenByNext = (await store.get(record.id))!;
        await store.put({ ...seenByNext, metadata: { by: 'next' } }, seenByNext.version);
        // The paused holder wakes up and carries on as if it still held the lock.
        expect(await paused.extend(10_000)).toBe(false);
        await paused.release();
        expect(await errorCodeOf(store.put({ ...seenByPaused, metadata: { by: 'paused' } }, seenByPaused.version))).toBe('version_conflict');
        expect((await store.get(record.id))!.metadata).toEqual({ by: 'next' });
        // The new holder still holds it.
        expect(await errorCodeOf(store.lock(key, { ttlMs: 10_000, waitMs: 100 }))).toBe('lock_timeout');
        expect(await next.extend(10_000)).toBe(true);
        await next.release();
        await (await store.lock(key, { ttlMs: 10_000, waitMs: 0 })).release();
      });

      it('extend keeps a lock alive past its original TTL', async () => {
        const held: StoreLock = await store.lock('refresh:k', { ttlMs: shortTtlMs, waitMs: 0 });
        for (let i = 0; i < 4; i++) {
          await sleep(shortTtlMs / 3);
          expect(await held.extend(shortTtlMs)).toBe(true);
        }
        expect(await errorCodeOf(store.lock('refresh:k', { ttlMs: 10_000, waitMs: 0 }))).toBe('lock_timeout');
        await held.release();
      });

    });

    describe('ephemeral values', () => {
      it('can be taken exactly once', async () => {
        await store.putEphemeral('auth:state-1', 'pending-json', 60_000);
        const takes = await Promise.all([1, 2, 3, 4].map(() => store.takeEphemeral('auth:state-1')));
        expect(takes.filter((v) => v === 'pending-json')).toHaveLength(1);
        expect(takes.filter((v) => v === undefined)).toHaveLength(3);
        expect(await store.takeEphemeral('auth:state-1')).toBeUndefined();
      });

      it('is undefined when unknown or expired', async () => {
        expect(await store.takeEphemeral('auth:nope')).toBeUndefined();
        await store.putEphemeral('auth:short', 'v', 50);
        await sleep(200);
        expect(await store.takeEphemeral('auth:short')).toBeUndefined();
      });

      it('keeps values apart by key', async () => {
        await store.putEphemeral('auth:a', 'value-a', 60_000);
        await store.putEphemeral('auth:b', 'value-b', 60_000);
        expect(await store.takeEphemeral('auth:b')).toBe('value-b');
        expect(await store.takeEphemeral('auth:a')).toBe('value-a');
      });
    });

    const openTwin = options.twin;
    if (openTwin) {
      describe('two instances over the same data', () => {
        it('share records, versions and locks', async () => {
          const twin = await openTwin(store);
          extra.push(twin);
          const record = makeRecord();
          await store.put(record, 0);
          expect((await twin.get(record.id))!.version).toBe(1);
          expect(await errorCodeOf(twin.put(record, 0))).toBe('version_conflict');
          await twin.put({ ...record, status: 'revoked' }, 1);
          expect((await store.get(record.id))!.status).toBe('revoked');

          const held = await store.lock('refresh:t', { ttlMs: 10_000, waitMs: 0 });
          expect(await errorCodeOf(twin.lock('refresh:t', { ttlMs: 10_000, waitMs: 100 }))).toBe('lock_timeout');
          await held.release();
          await (await twin.lock('refresh:t', { ttlMs: 10_000, waitMs: 0 })).release();

          await store.putEphemeral('auth:shared', 'v', 60_000);
          expect(await twin.takeEphemeral('auth:shared')).toBe('v');
          expect(await store.takeEphemeral('auth:shared')).toBeUndefined();
        });

        it('share the due-time index: writes through one are seen by the other, stale entries are never returned', async () => {
          const twin = await openTwin(store);
          extra.push(twin);
          const T = 1_750_000_000_000;
          const ids = async (s: ConnectionStore) => (await listDue(s, T, 100)).map((r) => r.id);
          const a = await store.put(makeRecord({ dueAt: T - 3_000 }), 0);
          const b = await store.put(makeRecord({ dueAt: T - 2_000 }), 0);
          // Both instances have looked (and built whatever they cache) before the twin writes.
          expect(await ids(store)).toEqual([a.id, b.id]);
          expect(await ids(twin)).toEqual([a.id, b.id]);
          const c = await twin.put(makeRecord({ dueAt: T - 9_000 }), 0);
          await twin.put({ ...a, dueAt: T + 60_000 }, a.version);
          await twin.delete(b.id);
          // What `store` indexed for a and b is now stale; it must answer from the records.
          expect(await ids(store)).toEqual([c.id]);
          const due = await listDue(store, T + 60_000, 100);
          expect(due.map((r) => [r.id, r.dueAt, r.version])).toEqual([
            [c.id, T - 9_000, 1],
            [a.id, T + 60_000, 2],
          ]);
        });
      });
    }
  });
}
