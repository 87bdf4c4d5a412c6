import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAuthKit, createKeyRing, generateEncryptionKey, providers } from '@authkit/core';
import { startSandbox } from '@authkit/sandbox';
import { createFileStore } from '../src/index';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-readme-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('the README example works: a PAT connection through the sandbox, kept encrypted on disk', async () => {
  const sandbox = await startSandbox({ port: 0 });
  const { token } = sandbox.plannr.createPersonalAccessToken();
  const directory = join(root, 'authkit');
  const keyRing = createKeyRing({ keys: [{ id: '2026-11', secret: generateEncryptionKey() }] });
  const store = createFileStore({ directory, keyRing });
  const authkit = createAuthKit({ providers: [providers.plannr({ baseUrl: sandbox.endpoints.plannr.baseUrl })], store });
  try {
    const connection = await authkit.connectStatic({
      providerId: 'plannr',
      ownerId: 'user-42',
      credential: { kind: 'personal_access_token', token },
    });
    const response = await authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
    expect(response.status).toBe(200);

    const files = readdirSync(join(directory, 'connections'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(directory, 'connections', files[0]!), 'utf8')).not.toContain(token);

    // A restarted app (new store, same directory and key) still has the connection.
    const reopened = createAuthKit({
      providers: [providers.plannr({ baseUrl: sandbox.endpoints.plannr.baseUrl })],
      store: createFileStore({ directory, keyRing }),
    });
    expect((await reopened.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
  } finally {
    await store.close();
    await sandbox.close();
  }
});
