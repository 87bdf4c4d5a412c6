import { expect } from 'vitest';
import { Secret, VersionConflictError } from '@authkit/core';
import type { ConnectionRecord, ConnectionStore } from '@authkit/core';
import { recordWith } from './fixtures';
import { startAuthkit, type CliProcess } from './run-authkit';

/** The access token seeded into record `i`: checked after rotation, so no record's content is lost. */
export function seededToken(salt: string, i: number): string {
  return `rot-${salt}-${i}-SECRET`;
}

export function recordId(i: number): string {
  return `rot-${String(i).padStart(5, '0')}`;
}

/** Writes `count` records, `parallel` at a time. */
export async function seed(store: ConnectionStore, count: number, salt: string, parallel: number): Promise<void> {
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, j) => start + j);
    await Promise.all(
      batch.map((i) =>
        store.put(
          recordWith(recordId(i), { kind: 'oauth2', accessToken: new Secret(seededToken(salt, i)), tokenType: 'Bearer', scopes: ['*'] }, { ownerId: `owner-${i % 7}` }),
          0,
        ),
      ),
    );
  }
}

/**
 * An app still running while the rotation runs: it rewrites each listed record with a
 * versioned write (version + 1, a marker in its metadata) as an app refreshing a token would.
 */
export async function appWrites(store: ConnectionStore, ids: readonly number[], marker: string): Promise<void> {
  for (const i of ids) {
    for (;;) {
      const current = (await store.get(recordId(i)))!;
      try {
        await store.put({ ...current, metadata: { ...current.metadata, marker }, updatedAt: Date.now() }, current.version);
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
  }
}

/** Starts `authkit keys rotate` and kills it (SIGKILL, no chance to clean up) once it is `atPercent` through. */
export async function rotateAndKill(args: readonly string[], env: Record<string, string>, atPercent: number): Promise<{ reencryptedBeforeKill: number; process: CliProcess }> {
  const process = startAuthkit(['keys', 'rotate', ...args], { env });
  const line = await process.waitForStderrLine((text) => {
    const percent = /^keys rotate: (\d+)%/.exec(text)?.[1];
    return percent !== undefined && Number(percent) >= atPercent;
  });
  process.child.kill('SIGKILL');
  const run = await process.done;
  // Killed part-way: had it finished, it would have exited 0 on its own.
  expect(run.signal).toBe('SIGKILL');
  const reencrypted = Number(/([\d,]+) re-encrypted/.exec(line)![1]!.replace(/,/g, ''));
  expect(reencrypted).toBeGreaterThan(0);
  return { reencryptedBeforeKill: reencrypted, process };
}

/**
 * Every record is there, readable with a ring that holds the new key only (so none is left
 * under the old one), with its seeded token, and at the version and content of its latest
 * write: none lost, none rolled back by the rotation.
 */
export async function expectAllUnderNewKeyOnly(
  openWith: (keys: { id: string; secret: string }[]) => ConnectionStore,
  newKey: { id: string; secret: string },
  count: number,
  salt: string,
  written: ReadonlyMap<number, string>,
): Promise<void> {
  const store = openWith([newKey]);
  try {
    const records = await store.list();
    expect(records).toHaveLength(count);
    const byId = new Map<string, ConnectionRecord>(records.map((record) => [record.id, record]));
    const problems: string[] = [];
    for (let i = 0; i < count; i++) {
      const record = byId.get(recordId(i));
      const marker = written.get(i);
      if (record === undefined) problems.push(`${recordId(i)} missing`);
      else if (record.credential.kind !== 'oauth2' || record.credential.accessToken.reveal() !== seededToken(salt, i)) problems.push(`${recordId(i)} token changed`);
      else if (record.version !== (marker === undefined ? 1 : 2)) problems.push(`${recordId(i)} at version ${record.version}`);
      else if (record.metadata.marker !== marker) problems.push(`${recordId(i)} lost the app's write`);
    }
    expect(problems).toEqual([]);
  } finally {
    await store.close?.();
  }
}
