import { afterAll, expect, it } from 'vitest';
import { createAuthKit, createKeyRing, generateEncryptionKey, providers } from '@authkit/core';
import { startSandbox } from '@authkit/sandbox';
import { createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from './helpers';

const prefix = uniquePrefix('readme');
afterAll(() => deletePrefix(prefix));

it('the README example works: a PAT connection through the sandbox, shared through Redis', async () => {
  const sandbox = await startSandbox({ port: 0 });
  const { token } = sandbox.plannr.createPersonalAccessToken();
  const keyRing = createKeyRing({ keys: [{ id: '2026-11', secret: generateEncryptionKey() }] });
  const store = createRedisStore({ redis: REDIS_URL, prefix, keyRing });
  const other = createRedisStore({ redis: REDIS_URL, prefix, keyRing });
  const plannr = providers.plannr({ baseUrl: sandbox.endpoints.plannr.baseUrl });
  try {
    const authkit = createAuthKit({ providers: [plannr], store });
    const connection = await authkit.connectStatic({
      providerId: 'plannr',
      ownerId: 'user-42',
      credential: { kind: 'personal_access_token', token },
    });
    expect((await authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    // Another instance on the same Redis uses the same connection.
    const instance2 = createAuthKit({ providers: [plannr], store: other });
    expect((await instance2.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect((await instance2.listConnections({ ownerId: 'user-42' })).map((c) => c.id)).toEqual([connection.id]);
  } finally {
    await store.close();
    await other.close();
    await sandbox.close();
  }
});
