import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '@authkit/core';
import type { ConnectionStore } from '@authkit/core';
import { createFileStore } from '@authkit/store-file';
import { createRedisStore } from '@authkit/store-redis';
import { newKey, tempDirectory, writeConfigModule } from './support/fixtures';
import { dropSchema, migrate, openPostgres, postgresStoreUrl, uniqueSchema } from './support/postgres';
import { deletePrefix, REDIS_URL, redisStoreUrl, uniquePrefix } from './support/redis';
import { appWrites, expectAllUnderNewKeyOnly, rotateAndKill, seed, seededToken } from './support/rotation';
import { jsonErrorOf, jsonOf, runAuthkit, transcript } from './support/run-authkit';
import { expectNoSecretIn } from './support/secrets';

interface RotationSummary {
  keyId: string;
  scanned: number;
  reencrypted: number;
  skipped: number;
  elapsedMs: number;
}

interface Target {
  label: string;
  /** Records to rotate. The file store pays a cross-process lock per record, hence fewer. */
  count: number;
  url: string;
  open(keys: { id: string; secret: string }[]): ConnectionStore;
  seedParallel: number;
  cleanup(): Promise<void>;
}

const secrets: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function redisTarget(): Target {
  const prefix = uniquePrefix('rotate');
  return {
    label: 'Redis',
    count: 10_000,
    url: redisStoreUrl(prefix),
    open: (keys) => createRedisStore({ redis: REDIS_URL, prefix, keyRing: createKeyRing({ keys }) }),
    seedParallel: 200,
    cleanup: () => deletePrefix(prefix),
  };
}

function fileTarget(): Target {
  const { directory, remove } = tempDirectory('rotate');
  return {
    label: 'file',
    count: 1_000,
    url: `file:${directory}`,
    open: (keys) => createFileStore({ directory, keyRing: createKeyRing({ keys }), durable: false }),
    seedParallel: 50,
    cleanup: async () => remove(),
  };
}

describe.each([redisTarget, fileTarget])('authkit keys rotate', (make) => {
  const target = make();
  cleanups.push(() => target.cleanup());

  it(`re-encrypts every record of a ${target.label} store under the newest key: killed part-way, resumed, nothing lost or rolled back while an app writes`, async () => {
    const salt = randomBytes(6).toString('hex');
    const oldKey = newKey('old');
    const nextKey = newKey('new');
    secrets.push(oldKey.secret, nextKey.secret);
    for (let i = 0; i < target.count; i++) secrets.push(seededToken(salt, i));
    const env = { AUTHKIT_ENCRYPTION_KEY: `${oldKey.entry},${nextKey.entry}` };

    const before = target.open([oldKey]);
    await seed(before, target.count, salt, target.seedParallel);
    await before.close?.();

    // The app runs with the new ring (old key kept to read, new key last to write), as the README says to deploy first.
    const app = target.open([oldKey, nextKey]);
    const written = new Map<number, string>();
    const firstBatch = Array.from({ length: target.count / 100 }, (_, k) => k * 100);
    const secondBatch = firstBatch.map((i) => i + 50);
    try {
      // Run 1: the app writes while the rotation runs; then the rotation is killed.
      const firstWrites = appWrites(app, firstBatch, 'first');
      const { reencryptedBeforeKill } = await rotateAndKill(['--store', target.url], env, 10);
      await firstWrites;
      for (const i of firstBatch) written.set(i, 'first');
      expect(reencryptedBeforeKill).toBeLessThan(target.count);

      // Run 2 resumes: what run 1 moved is skipped; the app keeps writing meanwhile.
      const secondWrites = appWrites(app, secondBatch, 'second');
      const resumed = await runAuthkit(['keys', 'rotate', '--store', target.url, '--json'], { env });
      await secondWrites;
      for (const i of secondBatch) written.set(i, 'second');
      expect(resumed.code).toBe(0);
      const summary = jsonOf<RotationSummary>(resumed);
      expect(summary).toMatchObject({ keyId: 'new', scanned: target.count, skipped: target.count - summary.reencrypted });
      expect(summary.reencrypted).toBeGreaterThan(0);
      expect(summary.reencrypted).toBeLessThanOrEqual(target.count - reencryptedBeforeKill);
      expect(typeof summary.elapsedMs).toBe('number');
      // Plain progress lines on a pipe, counts only.
      const lines = resumed.stderr.split('\n').filter((line) => line.startsWith('keys rotate: '));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.at(-1)).toMatch(/^keys rotate: 100% [\d,]+\/[\d,]+ scanned, [\d,]+ re-encrypted$/);

    } finally {
      await app.close?.();
    }

    await expectAllUnderNewKeyOnly(target.open, nextKey, target.count, salt, written);
  }, 180_000);
});

describe('authkit keys rotate on PostgreSQL', () => {
  it('re-encrypts every record under the newest key while an app writes; a second run has nothing left to do', async () => {
    const schema = uniqueSchema('rotate');
    const salt = randomBytes(6).toString('hex');
    const oldKey = newKey('old');
    const nextKey = newKey('new');
    const count = 500;
    secrets.push(oldKey.secret, nextKey.secret);
    for (let i = 0; i < count; i++) secrets.push(seededToken(salt, i));
    cleanups.push(() => dropSchema(schema, [nextKey]));
    await migrate(schema, [oldKey]);
    const before = openPostgres(schema, [oldKey]);
    await seed(before, count, salt, 50);
    await before.close();

    const env = { AUTHKIT_ENCRYPTION_KEY: `${oldKey.entry},${nextKey.entry}` };
    const app = openPostgres(schema, [oldKey, nextKey]);
    const batch = Array.from({ length: count / 50 }, (_, k) => k * 50);
    const written = new Map(batch.map((i) => [i, 'during'] as const));
    try {
      const [run] = await Promise.all([runAuthkit(['keys', 'rotate', '--store', postgresStoreUrl(schema), '--json'], { env }), appWrites(app, batch, 'during')]);
      expect(run.code).toBe(0);
      const summary = jsonOf<RotationSummary>(run);
      expect(summary).toMatchObject({ keyId: 'new', scanned: count, skipped: count - summary.reencrypted });
      expect(summary.reencrypted).toBeGreaterThan(0);
      const again = jsonOf<RotationSummary>(await runAuthkit(['keys', 'rotate', '--store', postgresStoreUrl(schema), '--json'], { env }));
      expect(again).toMatchObject({ scanned: count, reencrypted: 0, skipped: count });
    } finally {
      await app.close();
    }
    await expectAllUnderNewKeyOnly((keys) => openPostgres(schema, keys), nextKey, count, salt, written);
  }, 120_000);
});

describe('authkit keys rotate errors', () => {
  it('exits 8 when a record is under a key the ring no longer has, 3 without keys, 2 for a plaintext store, 9 for a store that cannot re-encrypt; summarises a run', async () => {
    const { directory, remove } = tempDirectory('rotate-err');
    cleanups.push(async () => remove());
    const lost = newKey('lost');
    const kept = newKey('kept');
    secrets.push(lost.secret, kept.secret);
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [lost] }), durable: false });
    await seed(store, 3, 'err', 3);
    await store.close();
    for (let i = 0; i < 3; i++) secrets.push(seededToken('err', i));

    const missingKey = await runAuthkit(['keys', 'rotate', '--store', `file:${directory}`, '--json'], { env: { AUTHKIT_ENCRYPTION_KEY: kept.entry } });
    expect(missingKey.code).toBe(8);
    expect(missingKey.stderr).toContain("'lost'");
    const noKeys = await runAuthkit(['keys', 'rotate', '--store', `file:${directory}`]);
    expect(noKeys.code).toBe(3);
    // Rotation is about keys: the plaintext opt-out is not even an option here.
    const noPlaintext = await runAuthkit(['keys', 'rotate', '--store', `file:${directory}`, '--plaintext-for-local-development']);
    expect(noPlaintext.code).toBe(2);

    // With both keys it works, and a second run has nothing left to do.
    const bothKeys = { AUTHKIT_ENCRYPTION_KEY: `${lost.entry},${kept.entry}` };
    const done = await runAuthkit(['keys', 'rotate', '--store', `file:${directory}`], { env: bothKeys });
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Re-encrypted 3 of 3 connections under key 'kept' \(ring: lost, kept\) in [\d.]+ s; 0 were already under it/);
    const again = await runAuthkit(['keys', 'rotate', '--store', `file:${directory}`, '--no-progress'], { env: bothKeys });
    expect(again.stdout).toMatch(/^Re-encrypted 0 of 3 connections .*; 3 were already under it/);
    expect(again.stderr).not.toContain('keys rotate:');

    const config = writeConfigModule(`
      import { MemoryStore, providers } from '@authkit/core';
      export default { providers: [providers.plannr()], store: new MemoryStore() };
    `);
    try {
      const memory = await runAuthkit(['keys', 'rotate', '--config', config.path, '--json']);
      expect(memory.code).toBe(9);
      expect(jsonErrorOf(memory).code).toBe('unsupported');
    } finally {
      config.remove();
    }
  });
});

describe('secrets', () => {
  it('appear in no output of any rotation', () => {
    expect(transcript.length).toBeGreaterThan(5);
    expectNoSecretIn(transcript, secrets);
  });
});
