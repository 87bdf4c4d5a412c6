import { expect, it } from 'vitest';
import { createAuthKit, createKeyRing, generateEncryptionKey, providers } from '@authkit/core';
import { startSandbox } from '@authkit/sandbox';
import { createPostgresStore } from '../src/index';
import { PG_URL, uniquePrefix } from './helpers';

it('the README example works: a PAT connection through the sandbox, shared through PostgreSQL', async () => {
  const sandbox = await startSandbox({ port: 0 });
  const { token } = sandbox.plannr.createPersonalAccessToken();
  const keyRing = createKeyRing({ keys: [{ id: '2026-11', secret: generateEncryptionKey() }] });
  const tablePrefix = uniquePrefix('readme');
  const store = createPostgresStore({ connectionString: PG_URL, keyRing, tablePrefix });
  const other = createPostgresStore({ connectionString: PG_URL, keyRing, tablePrefix });
  const plannr = providers.plannr({ baseUrl: sandbox.endpoints.plannr.baseUrl });
  try {
    await store.migrate();
    const authkit = createAuthKit({ providers: [plannr], store });
    const connection = await authkit.connectStatic({
      providerId: 'plannr',
      ownerId: 'user-42',
      credential: { kind: 'personal_access_token', token },
    });
    expect((await authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    // Another instance on the same database uses the same connection.
    const instance2 = createAuthKit({ providers: [plannr], store: other });
    expect((await instance2.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect((await instance2.listConnections({ ownerId: 'user-42' })).map((c) => c.id)).toEqual([connection.id]);
  } finally {
    await store.close();
    await other.close();
    await sandbox.close();
  }
});
