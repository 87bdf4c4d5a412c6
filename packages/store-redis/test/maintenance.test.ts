// Two AuthKit instances on one Redis store run maintenance together: the due-time index finds
// the due connections, and each one is refreshed by exactly one of them (the store's lock).
import { createAuthKit, createKeyRing, generateEncryptionKey, providers, type AuthKit } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '@authkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index';
import { deletePrefix, REDIS_URL, uniquePrefix } from './helpers';

const DAY = 86_400_000;
const REDIRECT = 'http://127.0.0.1:9/callback';
const prefix = uniquePrefix('maintenance');
const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, REDIRECT);
});
afterAll(async () => {
  await sandbox.close();
  await deletePrefix(prefix);
});

function instance(): AuthKit {
  return createAuthKit({
    providers: [providers.plannr({ ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri: REDIRECT })],
    store: createRedisStore({ redis: REDIS_URL, keyRing, prefix }),
    now: () => sandbox.now(),
  });
}

async function connect(authkit: AuthKit, ownerId: string): Promise<string> {
  const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId });
  const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  return (await authkit.completeAuthorization({ providerId: 'plannr', ownerId, callback })).connection.id;
}

describe('maintenance on a shared Redis store', () => {
  it('two instances sweeping together refresh each due connection once; the rest stay untouched', async () => {
    const a = instance();
    const b = instance();
    try {
      const due: string[] = [];
      for (let i = 0; i < 8; i++) due.push(await connect(i % 2 === 0 ? a : b, `due-${i}`));
      // Connected later: their refresh tokens are not near expiry when the sweeps run.
      sandbox.clock.advance(100 * DAY);
      for (let i = 0; i < 4; i++) await connect(a, `fresh-${i}`);
      sandbox.clock.advance(70 * DAY);
      sandbox.stats.reset();
      const [ra, rb] = await Promise.all([a.runMaintenance(), b.runMaintenance()]);
      expect(ra.refreshed + rb.refreshed).toBe(8);
      expect(ra.failed + rb.failed).toBe(0);
      expect(sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(8);
      for (const id of due) {
        const connection = await a.getConnection(id);
        expect(connection?.status).toBe('active');
        expect(connection?.refreshTokenExpiresAt).toBeGreaterThan(sandbox.now() + 170 * DAY);
      }
      expect(await a.runMaintenance()).toMatchObject({ due: 0, refreshed: 0 });
    } finally {
      await a.store.close?.();
      await b.store.close?.();
    }
  });
});
