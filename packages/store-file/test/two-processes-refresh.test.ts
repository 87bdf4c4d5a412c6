import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { bundleWorker } from '@authkit/store-conformance';
import { startStormHarness } from '@authkit/store-conformance/storm-harness';
import { createFileStore } from '../src/index';
import type { FileWorkerStore } from './fixtures/storm-worker';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-refresh-'));
let worker: string;
beforeAll(async () => {
  worker = await bundleWorker(fileURLToPath(new URL('./fixtures/storm-worker.ts', import.meta.url)), join(root, 'bundle'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('two processes sharing the directory refresh an expired rotating-Plannr connection exactly once', async () => {
  const directory = join(root, 'store');
  const key = generateEncryptionKey();
  const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: key }] }) });
  const storeConfig: FileWorkerStore = { directory };
  const h = await startStormHarness({ script: worker, store, storeConfig, key, timeoutMs: 5_000 });
  try {
    // The token endpoint is slow, so both processes pile up on the refresh at once.
    h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 300, times: 1 });
    const workers = await Promise.all([1, 2].map(() => h.startWorker({ calls: 300 })));
    for (const w of workers) w.go();
    const reports = await Promise.all(workers.map((w) => w.done));

    expect(reports.map((r) => r?.storm.messages)).toEqual([{}, {}]);
    expect(reports.map((r) => r?.storm.ok)).toEqual([300, 300]);
    expect(h.refreshCount()).toBe(1);
    expect((await store.get(h.connection.id))?.status).toBe('active');
    expect((await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts')).status).toBe(200);
  } finally {
    await h.close();
    await store.close();
  }
}, 120_000);
