import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuthKit, createKeyRing, generateEncryptionKey, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import { bundleWorker } from '@authkit/store-conformance';
import { createFileStore } from '../src/index';

const REDIRECT = 'http://127.0.0.1:9/callback/plannr';
const root = mkdtempSync(join(tmpdir(), 'authkit-file-refresh-'));
let worker: string;
beforeAll(async () => {
  worker = await bundleWorker(fileURLToPath(new URL('./fixtures/storm-worker.ts', import.meta.url)), join(root, 'bundle'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Report {
  ok: number;
  codes: Record<string, number>;
}

it('two processes sharing the directory refresh an expired rotating-Plannr connection exactly once', async () => {
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  try {
    sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, REDIRECT);
    sandbox.settings.rateLimits.plannrPerMinute = 1_000_000;
    sandbox.settings.plannr.accessTokenTtlSeconds = 1;
    const directory = join(root, 'store');
    const key = generateEncryptionKey();
    const plannr = { ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri: REDIRECT };
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: key }] }) });
    const authkit = createAuthKit({ providers: [providers.plannr(plannr)], store });
    const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'u1' });
    const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'u1', callback });
    await new Promise((r) => setTimeout(r, 1_100)); // expired for real
    sandbox.settings.plannr.accessTokenTtlSeconds = 3600;
    sandbox.stats.reset();
    // The token endpoint is slow, so both processes pile up on the refresh at once.
    sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 300, times: 1 });

    const config = { directory, key, plannr, connectionId: connection.id, calls: 300 };
    const children = [1, 2].map(() =>
      spawn(process.execPath, [worker], { env: { ...process.env, STORM_CONFIG: JSON.stringify(config) }, stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const runs = children.map((child) => {
      let report: Report | undefined;
      let ready: () => void = () => undefined;
      const isReady = new Promise<void>((r) => (ready = r));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line === 'ready') ready();
        else if (line.startsWith('{')) report = JSON.parse(line) as Report;
      });
      return { child, isReady, done: new Promise<Report | undefined>((r) => child.once('exit', () => r(report))) };
    });
    await Promise.all(runs.map((r) => r.isReady));
    for (const run of runs) run.child.stdin.write('go\n');
    const reports = await Promise.all(runs.map((r) => r.done));

    expect(reports).toEqual([{ ok: 300, codes: {} }, { ok: 300, codes: {} }]);
    expect(sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(1);
    expect((await store.get(connection.id))?.status).toBe('active');
    expect((await authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
  } finally {
    await sandbox.close();
  }
}, 120_000);
