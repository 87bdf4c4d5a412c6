import { describe, expect, it } from 'vitest';
import { MemoryStore, Secret } from '../src/index';
import type { ConnectionRecord } from '../src/index';

function record(id: string, dueAt: number | undefined, version = 0): ConnectionRecord {
  return {
    id,
    providerId: 'plannr',
    ownerId: 'o',
    status: 'active',
    version,
    grant: 'static',
    credential: { kind: 'api_key', key: new Secret('k') },
    metadata: {},
    createdAt: 0,
    updatedAt: 0,
    ...(dueAt === undefined ? {} : { dueAt }),
  };
}

describe('MemoryStore due-time index', () => {
  it('agrees with a full scan after thousands of random puts and deletes (ties ordered by id)', async () => {
    const store = new MemoryStore();
    const model = new Map<string, ConnectionRecord>();
    // A fixed-seed generator: a failure reproduces.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 5_000; step++) {
      const id = `c${random(300)}`;
      const current = model.get(id);
      if (current !== undefined && random(5) === 0) {
        await store.delete(id);
        model.delete(id);
        continue;
      }
      // Few distinct due times, so ties are common; a quarter of the writes clear dueAt.
      const dueAt = random(4) === 0 ? undefined : random(50) * 1_000;
      model.set(id, await store.put(record(id, dueAt), current?.version ?? 0));
    }
    for (const now of [-1, 0, 10_000, 25_000, 49_000, 100_000]) {
      for (const limit of [1, 7, 1_000]) {
        const expected = [...model.values()]
          .filter((r) => r.dueAt !== undefined && r.dueAt <= now)
          .sort((a, b) => a.dueAt! - b.dueAt! || (a.id < b.id ? -1 : 1))
          .slice(0, limit)
          .map((r) => r.id);
        expect((await store.listDue(now, limit)).map((r) => r.id)).toEqual(expected);
      }
    }
  });
});
