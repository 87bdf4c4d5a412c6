import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker, makeRecord } from '@authkit/store-conformance';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { createFileStore } from '../src/index';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'authkit-file-2p-'));
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(fileURLToPath(new URL('./fixtures/file-worker.ts', import.meta.url)), join(root, 'bundle'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('two processes sharing one directory', () => {
  it('lose no update: versioned writes and locks hold across processes', async () => {
    const secret = generateEncryptionKey();
    const directory = join(root, 'shared');
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [{ id: 'k1', secret }] }) });
    await store.put(makeRecord({ id: 'counter', metadata: { count: '0' } }), 0);
    await store.put(makeRecord({ id: 'guarded', metadata: { count: '0' } }), 0);
    // The parent builds its due index now, before the children write.
    expect(await store.listDue(Date.now(), 10)).toEqual([]);

    const iterations = 40;
    const env = { ...process.env, STORE_DIR: directory, STORE_KEY: secret, ITERATIONS: String(iterations) };
    const results = await Promise.all([1, 2, 3].map(() => run(process.execPath, [worker], { env })));
    const reports = results.map((r) => JSON.parse(r.stdout) as { casRetries: number; conflictsUnderLock: number });

    expect((await store.get('counter'))!.metadata.count).toBe(String(3 * iterations));
    expect((await store.get('guarded'))!.metadata.count).toBe(String(3 * iterations));
    expect(reports.map((r) => r.conflictsUnderLock)).toEqual([0, 0, 0]);
    expect((await store.get('counter'))!.version).toBe(3 * iterations + 1);
    // The children's writes reached the parent's due index through the shared log.
    expect((await store.listDue(3 * iterations, 10)).map((r) => [r.id, r.dueAt])).toEqual([['counter', 3 * iterations]]);
    expect(await store.listDue(3 * iterations - 1, 10)).toEqual([]);
  }, 60_000);
});
