import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import { errorCodeOf as codeOf, makeRecord } from '@authkit/store-conformance';
import { createPostgresStore } from '../src/index';
import { PG_URL, freshStore, prefixOf } from './helpers';
import { freePort, startTcpProxy } from './support/tcp-proxy';
import type { TcpProxy } from './support/tcp-proxy';

const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const proxies: TcpProxy[] = [];
afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
});

/** The run's database, reached through a proxy on another port. */
function viaPort(port: number): string {
  const url = new URL(PG_URL);
  url.host = `127.0.0.1:${port}`;
  return url.toString();
}

describe('PostgreSQL down or unreachable', () => {
  it('gives store_unavailable for every operation when nothing listens', async () => {
    const store = createPostgresStore({ connectionString: viaPort(await freePort()), keyRing });
    expect(await codeOf(() => store.get('x'))).toBe('store_unavailable');
    expect(await codeOf(() => store.put(makeRecord(), 0))).toBe('store_unavailable');
    expect(await codeOf(() => store.list())).toBe('store_unavailable');
    expect(await codeOf(() => store.listDue(Date.now(), 10))).toBe('store_unavailable');
    expect(await codeOf(() => store.lock('refresh:x', { ttlMs: 1000, waitMs: 1000 }))).toBe('store_unavailable');
    expect(await codeOf(() => store.takeEphemeral('x'))).toBe('store_unavailable');
    expect(await codeOf(() => store.migrate())).toBe('store_unavailable');
    const error = await store.get('x').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/PostgreSQL store unavailable during get/);
    await store.close();
  });

  it('gives store_unavailable when the host accepts but never answers (connection timeout)', async () => {
    const proxy = await startTcpProxy(Number(new URL(PG_URL).port || 5432));
    proxies.push(proxy);
    proxy.silent = true;
    const store = createPostgresStore({ connectionString: viaPort(proxy.port), keyRing });
    expect(await codeOf(() => store.get('x'))).toBe('store_unavailable');
    await store.close();
  }, 20_000);

  it('loses and corrupts nothing when the link dies (also mid-write), and recovers when it is back', async () => {
    const direct = await freshStore({ keyRing }, 'outage');
    const proxy = await startTcpProxy(Number(new URL(PG_URL).port || 5432));
    proxies.push(proxy);
    const store = createPostgresStore({ connectionString: viaPort(proxy.port), keyRing, tablePrefix: prefixOf(direct) });
    const record = makeRecord();
    const v1 = await store.put(record, 0);

    // A write in flight when the link is cut: the client cannot know whether it committed.
    const inFlight = store.put({ ...v1, status: 'revoked' }, 1).then(
      () => 'resolved',
      (error: unknown) => (isAuthKitError(error) ? error.code : 'other'),
    );
    await proxy.stop();
    expect(['resolved', 'store_unavailable']).toContain(await inFlight);
    expect(await codeOf(() => store.get(record.id))).toBe('store_unavailable');
    expect(await codeOf(() => store.put({ ...v1, metadata: { lost: 'yes' } }, 1))).toBe('store_unavailable');

    // Whatever the outcome, the row is one of the two acknowledged-or-attempted versions, whole.
    const seen = (await direct.get(record.id))!;
    expect([1, 2]).toContain(seen.version);
    expect(seen.status).toBe(seen.version === 1 ? 'active' : 'revoked');
    expect(seen.metadata).toEqual(record.metadata);

    await proxy.start();
    // The same store reconnects by itself.
    let back = await store.get(record.id).catch(() => undefined);
    for (let i = 0; back === undefined && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await store.get(record.id).catch(() => undefined);
    }
    expect(back?.version).toBe(seen.version);
    expect((await store.put({ ...back!, status: 'active' }, back!.version)).version).toBe(seen.version + 1);
    expect((await store.list()).map((r) => r.id)).toEqual([record.id]);
    await store.close();
    await direct.close();
  }, 30_000);
});
