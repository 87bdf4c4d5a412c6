import { describe, expect, it } from 'vitest';
import { makeRecord } from '@authkit/store-conformance';
import { freshStore } from './helpers';

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
});
