import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { errorCodeOf as codeOf, makeRecord } from '@authkit/store-conformance';
import { createRedisStore } from '../src/index';

const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const dataDir = mkdtempSync(join(tmpdir(), 'authkit-redis-outage-'));
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const server of servers) server.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port nobody listens on (taken from the OS, then freed). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A private redis-server with an fsync-always append-only file, so a restart keeps the data. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    { stdio: 'ignore' },
  );
  servers.push(child);
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on('error', () => undefined);
  await probe.connect().catch(() => undefined);
  await probe.ping();
  probe.disconnect();
  return child;
}

describe('Redis down or unreachable', () => {
  it('gives store_unavailable for every operation when nothing listens', async () => {
    const store = createRedisStore({ redis: `redis://127.0.0.1:${await freePort()}`, keyRing, prefix: 't:' });
    expect(await codeOf(() => store.get('x'))).toBe('store_unavailable');
    expect(await codeOf(() => store.put(makeRecord(), 0))).toBe('store_unavailable');
    expect(await codeOf(() => store.list())).toBe('store_unavailable');
    expect(await codeOf(() => store.lock('refresh:x', { ttlMs: 1000, waitMs: 1000 }))).toBe('store_unavailable');
    expect(await codeOf(() => store.takeEphemeral('x'))).toBe('store_unavailable');
    await store.close();
  });

  it('corrupts nothing when Redis dies, and recovers when it is back', async () => {
    const port = await freePort();
    const server = await startRedis(port);
    const store = createRedisStore({ redis: `redis://127.0.0.1:${port}`, keyRing, prefix: 't:' });
    const record = makeRecord();
    const v1 = await store.put(record, 0);

    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    expect(await codeOf(() => store.put({ ...v1, status: 'revoked' }, 1))).toBe('store_unavailable');
    expect(await codeOf(() => store.get(record.id))).toBe('store_unavailable');

    await startRedis(port);
    // The same store reconnects by itself; the record is exactly what was last acknowledged.
    let back = await store.get(record.id).catch(() => undefined);
    for (let i = 0; back === undefined && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await store.get(record.id).catch(() => undefined);
    }
    expect(back?.version).toBe(1);
    expect(back?.status).toBe('active');
    expect((await store.put({ ...v1, status: 'revoked' }, 1)).version).toBe(2);
    expect((await store.list()).map((r) => r.id)).toEqual([record.id]);
    await store.close();
  }, 30_000);
});
