import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '@authkit/core';
import type { ConnectionStore, ConnectionView } from '@authkit/core';
import { createFileStore } from '@authkit/store-file';
import { createRedisStore } from '@authkit/store-redis';
import { credentialsOfEveryKind, newKey, recordWith, tempDirectory, writeConfigModule } from './support/fixtures';
import { dropSchema, migrate, openPostgres, postgresStoreUrl, uniqueSchema } from './support/postgres';
import { deletePrefix, REDIS_URL, redisStoreUrl, uniquePrefix } from './support/redis';
import { jsonErrorOf, jsonOf, runAuthkit, transcript } from './support/run-authkit';
import { expectNoSecretIn } from './support/secrets';

/** Every field a connection view may have: `--json` prints views, never records. */
const VIEW_FIELDS = [
  'id', 'providerId', 'ownerId', 'label', 'status', 'version', 'grant', 'credentialKind', 'scopes',
  'expiresAt', 'refreshTokenExpiresAt', 'metadata', 'createdAt', 'updatedAt', 'dueAt', 'health',
];

interface StoreUnderTest {
  url: string;
  /** Creates what the store needs before an app can write (PostgreSQL: its tables). */
  prepare(keys: ReturnType<typeof newKey>[]): Promise<void>;
  open(keys: ReturnType<typeof newKey>[]): ConnectionStore;
  cleanup(): Promise<void>;
}

function fileStore(): StoreUnderTest {
  const { directory, remove } = tempDirectory('conn');
  return {
    url: `file:${directory}`,
    prepare: async () => undefined,
    open: (keys) => createFileStore({ directory, keyRing: createKeyRing({ keys }), durable: false }),
    cleanup: async () => remove(),
  };
}

function redisStore(): StoreUnderTest {
  const prefix = uniquePrefix('conn');
  return {
    url: redisStoreUrl(prefix),
    prepare: async () => undefined,
    open: (keys) => createRedisStore({ redis: REDIS_URL, prefix, keyRing: createKeyRing({ keys }) }),
    cleanup: () => deletePrefix(prefix),
  };
}

function postgresStore(): StoreUnderTest {
  const schema = uniqueSchema('conn');
  const anyKey = [newKey('cleanup')];
  return {
    url: postgresStoreUrl(schema),
    prepare: (keys) => migrate(schema, keys),
    open: (keys) => openPostgres(schema, keys),
    cleanup: () => dropSchema(schema, anyKey),
  };
}

const secrets: string[] = [];

describe.each([
  ['file', fileStore],
  ['Redis', redisStore],
  ['PostgreSQL', postgresStore],
])('connections list/show/disconnect against a real %s store', (_kind, make) => {
  const key = newKey('k1');
  const env = { AUTHKIT_ENCRYPTION_KEY: key.entry };
  let target: StoreUnderTest;
  const ids: string[] = [];

  beforeAll(async () => {
    target = make();
    secrets.push(key.secret);
    await target.prepare([key]);
    const store = target.open([key]);
    const kinds = credentialsOfEveryKind();
    for (const [index, { credential, secrets: values }] of kinds.entries()) {
      secrets.push(...values);
      const id = `conn-${index}-${credential.kind}`;
      ids.push(id);
      await store.put(recordWith(id, credential, { providerId: index % 2 === 0 ? 'plannr' : 'iguide', ownerId: `owner-${index % 2}`, label: `label ${index}` }), 0);
    }
    await store.close?.();
  });
  afterAll(() => target.cleanup());

  it('lists every connection as a table of views', async () => {
    const run = await runAuthkit(['connections', 'list', '--store', target.url], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PROVIDER\s+OWNER\s+LABEL\s+STATUS\s+CREDENTIAL\s+EXPIRES\s+UPDATED$/);
    expect(lines).toHaveLength(1 + ids.length);
    for (const id of ids) expect(run.stdout).toContain(id);
    expect(run.stdout).toMatch(/oauth2\s+in (59|60)m/);
  });

  it('--json prints { count, connections: ConnectionView[] }, filtered by provider, owner and status', async () => {
    const all = jsonOf<{ count: number; connections: ConnectionView[] }>(await runAuthkit(['connections', 'list', '--store', target.url, '--json'], { env }));
    expect(all.count).toBe(ids.length);
    expect(all.connections.map((view) => view.id).sort()).toEqual([...ids].sort());
    for (const view of all.connections) {
      for (const field of Object.keys(view)) expect(VIEW_FIELDS).toContain(field);
    }
    const oauth = all.connections.find((view) => view.credentialKind === 'oauth2')!;
    expect(oauth).toMatchObject({ providerId: 'plannr', ownerId: 'owner-0', status: 'active', version: 1, grant: 'authorization_code', scopes: ['*'], metadata: { accountUuid: 'acc-1' } });
    expect(typeof oauth.expiresAt).toBe('number');

    const [iguide, revoked] = await Promise.all([
      runAuthkit(['connections', 'list', '--store', target.url, '--provider', 'iguide', '--owner', 'owner-1', '--json'], { env }),
      runAuthkit(['connections', 'list', '--store', target.url, '--status', 'revoked', '--json'], { env }),
    ]);
    expect(jsonOf<{ connections: ConnectionView[] }>(iguide).connections.map((view) => view.providerId)).toEqual(['iguide', 'iguide']);
    expect(jsonOf<{ count: number }>(revoked).count).toBe(0);
  });

  it('shows one connection, as fields or as { connection }', async () => {
    const human = await runAuthkit(['connections', 'show', ids[0]!, '--store', target.url], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^id:\s+conn-0-oauth2$/m);
    expect(human.stdout).toMatch(/^credential:\s+oauth2$/m);
    expect(human.stdout).toMatch(/^metadata:\s+accountUuid=acc-1$/m);
    const json = jsonOf<{ connection: ConnectionView }>(await runAuthkit(['connections', 'show', ids[1]!, '--store', target.url, '--json'], { env }));
    expect(json.connection).toMatchObject({ id: ids[1], credentialKind: 'api_token', scopes: ['iguide.ro'] });
  });

  it('exits 4 for an unknown connection, 3 without keys, 8 with the wrong key, 2 for bad arguments', async () => {
    const wrong = newKey('k1');
    const otherId = newKey('k0');
    secrets.push(wrong.secret, otherId.secret);
    // Independent runs, side by side.
    const [missing, noKeys, wrongKey, unknownKey, bad] = await Promise.all([
      runAuthkit(['connections', 'show', 'nope', '--store', target.url, '--json'], { env }),
      runAuthkit(['connections', 'list', '--store', target.url]),
      runAuthkit(['connections', 'list', '--store', target.url, '--json'], { env: { AUTHKIT_ENCRYPTION_KEY: wrong.entry } }),
      runAuthkit(['connections', 'list', '--store', target.url], { env: { AUTHKIT_ENCRYPTION_KEY: otherId.entry } }),
      runAuthkit(['connections', 'list', '--status', 'sleepy', '--store', target.url], { env }),
    ]);
    expect(missing.code).toBe(4);
    expect(missing.stdout).toBe('');
    expect(jsonErrorOf(missing)).toMatchObject({ code: 'connection_not_found', exitCode: 4 });
    expect(noKeys.code).toBe(3);
    expect(noKeys.stderr).toContain('AUTHKIT_ENCRYPTION_KEY');
    expect(wrongKey.code).toBe(8);
    expect(jsonErrorOf(wrongKey).code).toBe('decryption_failed');
    expect(unknownKey.code).toBe(8);
    expect(unknownKey.stderr).toContain("'k1'"); // names the missing key id, never a key
    expect(bad.code).toBe(2);
  });

  it('disconnects without revocation (no --config needed) and the connection is gone', async () => {
    const needsConfig = await runAuthkit(['connections', 'disconnect', ids[3]!, '--store', target.url], { env });
    expect(needsConfig.code).toBe(3);
    expect(needsConfig.stderr).toContain('--config');
    const run = await runAuthkit(['connections', 'disconnect', ids[3]!, '--no-revoke', '--store', target.url, '--json'], { env });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({ connectionId: ids[3], providerId: 'iguide', removed: true, revoked: false });
    const after = await runAuthkit(['connections', 'show', ids[3]!, '--store', target.url], { env });
    expect(after.code).toBe(4);
  });
});

describe('store selection', () => {
  it('uses the store of a --config module when no --store is given', async () => {
    const { directory, remove } = tempDirectory('cfgstore');
    const key = newKey('cfg');
    secrets.push(key.secret);
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [key] }), durable: false });
    const { credential, secrets: values } = credentialsOfEveryKind()[0]!;
    secrets.push(...values);
    await store.put(recordWith('from-config', credential), 0);
    const config = writeConfigModule(`
      import { createKeyRing, providers } from '@authkit/core';
      import { createFileStore } from '@authkit/store-file';
      export default async () => ({
        providers: [providers.plannr()],
        store: createFileStore({ directory: ${JSON.stringify(directory)}, keyRing: createKeyRing({ keys: [{ id: 'cfg', secret: process.env.CFG_KEY }] }) }),
      });
    `);
    try {
      const run = await runAuthkit(['connections', 'list', '--config', config.path, '--json'], { env: { CFG_KEY: key.secret } });
      expect(run.code).toBe(0);
      expect(jsonOf<{ connections: ConnectionView[] }>(run).connections.map((view) => view.id)).toEqual(['from-config']);
    } finally {
      config.remove();
      remove();
    }
  });

  it('opens a plaintext development store only when asked to', async () => {
    const { directory, remove } = tempDirectory('plain');
    const store = createFileStore({ directory, encryption: 'plaintext-for-local-development', durable: false });
    const { credential, secrets: values } = credentialsOfEveryKind()[0]!;
    secrets.push(...values);
    await store.put(recordWith('plain-1', credential), 0);
    try {
      expect((await runAuthkit(['connections', 'list', '--store', `file:${directory}`])).code).toBe(3);
      const run = await runAuthkit(['connections', 'list', '--store', `file:${directory}`, '--plaintext-for-local-development']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('plain-1');
    } finally {
      remove();
    }
  });

  it('refuses a missing directory, an unknown scheme and an unreachable Redis with exit codes 3, 3 and 5', async () => {
    const key = newKey('k1');
    secrets.push(key.secret);
    const env = { AUTHKIT_ENCRYPTION_KEY: key.entry };
    const [missing, scheme, down] = await Promise.all([
      runAuthkit(['connections', 'list', '--store', 'file:./does/not/exist'], { env }),
      runAuthkit(['connections', 'list', '--store', 'mysql://u:hunter2@db/x'], { env }),
      runAuthkit(['connections', 'list', '--store', 'redis://:hunter2@127.0.0.1:1', '--json'], { env }),
    ]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('does not exist');
    expect(scheme.code).toBe(3);
    expect(scheme.stderr).not.toContain('hunter2');
    expect(down.code).toBe(5);
    expect(jsonErrorOf(down).code).toBe('store_unavailable');
    expect(down.stderr).not.toContain('hunter2');
  });

  it('exits 5 for an unreachable PostgreSQL, without showing its password', async () => {
    const key = newKey('k1');
    secrets.push(key.secret);
    const run = await runAuthkit(['connections', 'list', '--store', 'postgres://u:hunter2@127.0.0.1:1/authkit', '--json'], {
      env: { AUTHKIT_ENCRYPTION_KEY: key.entry },
    });
    expect(run.code).toBe(5);
    expect(jsonErrorOf(run).code).toBe('store_unavailable');
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('secrets', () => {
  it('appear in no output of any command above', () => {
    expect(transcript.length).toBeGreaterThan(20);
    expectNoSecretIn(transcript, secrets);
  });
});
