import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthKitError,
  connectionIdFor,
  createAuthKit,
  MemoryStore,
  providers,
  Secret,
  toConnectionView,
  VersionConflictError,
} from '../src/index';
import type { ConnectionRecord } from '../src/index';
import { resolveUrl } from '../src/fetch/request';
import { synchronousAccess } from '../src/store/synchronous';
import { json, startLoopback } from './helpers/loopback';

function record(id: string, overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id,
    providerId: 'p',
    ownerId: 'o',
    status: 'active',
    version: 0,
    grant: 'static',
    credential: { kind: 'api_key', key: new Secret('key-secret-value') },
    metadata: {},
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

describe('connectionIdFor', () => {
  it('is deterministic and encodes parts so separators cannot collide', () => {
    expect(connectionIdFor('plannr', 'user-1')).toBe(connectionIdFor('plannr', 'user-1'));
    expect(connectionIdFor('a', 'b:c')).not.toBe(connectionIdFor('a:b', 'c'));
    expect(connectionIdFor('planday', 'tenant', 'portal 1')).toBe('planday:tenant:portal%201');
    expect(connectionIdFor('planday', 'tenant', 'x')).not.toBe(connectionIdFor('planday', 'tenant'));
  });
});

describe('MemoryStore', () => {
  it('writes with optimistic versions and rejects stale writes', async () => {
    const store = new MemoryStore();
    const first = await store.put(record('c1'), 0);
    expect(first.version).toBe(1);
    await expect(store.put(record('c1'), 0)).rejects.toBeInstanceOf(VersionConflictError);
    const second = await store.put({ ...first, metadata: { a: 'b' } }, 1);
    expect(second.version).toBe(2);
    expect((await store.get('c1'))?.metadata).toEqual({ a: 'b' });
    expect(await store.list({ providerId: 'p' })).toHaveLength(1);
    expect(await store.list({ providerId: 'other' })).toHaveLength(0);
    expect(await store.delete('c1')).toBe(true);
    expect(await store.get('c1')).toBeUndefined();
  });

  it('hands out a lock to one holder at a time and times out waiters', async () => {
    const store = new MemoryStore();
    const lock = await store.lock('k', { ttlMs: 10_000, waitMs: 1_000 });
    const order: string[] = [];
    const waiter = store.lock('k', { ttlMs: 10_000, waitMs: 5_000 }).then(async (second) => {
      order.push('second');
      await second.release();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('first-release');
    await lock.release();
    await waiter;
    expect(order).toEqual(['first-release', 'second']);
    const held = await store.lock('k', { ttlMs: 10_000, waitMs: 0 });
    await expect(store.lock('k', { ttlMs: 10_000, waitMs: 30 })).rejects.toMatchObject({ code: 'lock_timeout' });
    await held.release();
  });

  it('frees a lock whose holder vanished once its TTL passes; extend keeps it', async () => {
    const store = new MemoryStore();
    const crashed = await store.lock('k', { ttlMs: 30, waitMs: 0 });
    const next = await store.lock('k', { ttlMs: 1_000, waitMs: 1_000 });
    expect(await crashed.extend(1_000)).toBe(false);
    expect(await next.extend(1_000)).toBe(true);
    await crashed.release(); // must not free the new holder's lock
    await expect(store.lock('k', { ttlMs: 1_000, waitMs: 20 })).rejects.toMatchObject({ code: 'lock_timeout' });
    await next.release();
  });

  it('ephemeral values are taken exactly once and expire', async () => {
    let now = 1_000;
    const store = new MemoryStore({ now: () => now });
    await store.putEphemeral('s', 'v', 100);
    expect(await store.takeEphemeral('s')).toBe('v');
    expect(await store.takeEphemeral('s')).toBeUndefined();
    await store.putEphemeral('t', 'v', 100);
    now += 101;
    expect(await store.takeEphemeral('t')).toBeUndefined();
  });
});

describe('toConnectionView', () => {
  it('never contains a secret', () => {
    const view = toConnectionView(
      record('c', {
        credential: {
          kind: 'oauth2',
          accessToken: new Secret('access-secret-1'),
          refreshToken: new Secret('refresh-secret-1'),
          tokenType: 'bearer',
          scopes: ['a'],
          expiresAt: 5,
        },
      }),
    );
    const text = JSON.stringify(view);
    expect(text).not.toContain('access-secret-1');
    expect(text).not.toContain('refresh-secret-1');
    expect(view).toMatchObject({ credentialKind: 'oauth2', scopes: ['a'], expiresAt: 5 });
  });
});

describe('resolveUrl', () => {
  it('appends relative paths (leading slash or not) to the base URL', () => {
    const base = 'https://manage.youriguide.com/api/v1';
    expect(resolveUrl(base, '/integrations/test').href).toBe('https://manage.youriguide.com/api/v1/integrations/test');
    expect(resolveUrl(base, 'integrations/test?x=1').href).toBe('https://manage.youriguide.com/api/v1/integrations/test?x=1');
    expect(resolveUrl(base, '//evil.example/x').host).toBe('manage.youriguide.com');
    expect(resolveUrl(base, 'https://evil.example/x').host).toBe('evil.example');
  });
});

describe('signed fetch (loopback)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  it('signs requests, refuses foreign hosts before sending, and follows redirects only on-host', async () => {
    const other = await startLoopback((_req, res) => json(res, 200, { ok: true }));
    closers.push(other.close);
    const api = await startLoopback((req, res) => {
      if (req.url === '/away') {
        res.writeHead(302, { location: `${other.url}/stolen` });
        res.end();
        return;
      }
      if (req.url === '/here') {
        res.writeHead(302, { location: '/data' });
        res.end();
        return;
      }
      json(res, 200, { path: req.url });
    });
    closers.push(api.close);
    const authkit = createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: api.url })] });
    const connection = await authkit.connectStatic({ providerId: 'keyed', ownerId: 'u', credential: { kind: 'api_key', key: 'key-secret-value' } });
    const client = authkit.client('keyed', connection.id);

    const response = await client.fetch('/data');
    expect(await response.json()).toEqual({ path: '/data' });
    expect(api.requests.at(-1)?.headers['x-api-key']).toBe('key-secret-value');

    await expect(client.fetch(`${other.url}/x`)).rejects.toMatchObject({ code: 'host_not_allowed' });
    await expect(client.fetch(new Request(`${other.url}/x`, { method: 'POST', body: 'b' }))).rejects.toMatchObject({ code: 'host_not_allowed' });
    await expect(client.fetch('/away')).rejects.toMatchObject({ code: 'host_not_allowed' });
    expect(other.requests).toHaveLength(0);

    const followed = await client.fetch('/here');
    expect(await followed.json()).toEqual({ path: '/data' });
  });

  it('turns 401/403/429 into typed errors without leaking the credential', async () => {
    const api = await startLoopback((req, res) => {
      if (req.url === '/401') return json(res, 401, { message: 'bad token key-secret-value' });
      if (req.url === '/403') return json(res, 403, { message: 'requires scope data.read' });
      return json(res, 429, { message: 'slow down' }, { 'retry-after': '0.52' });
    });
    closers.push(api.close);
    const authkit = createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: api.url })] });
    const connection = await authkit.connectStatic({ providerId: 'keyed', ownerId: 'u', credential: { kind: 'api_key', key: 'key-secret-value' } });
    const client = authkit.client('keyed', connection.id);
    const changes: unknown[] = [];
    authkit.on('connection.status_changed', (event) => changes.push(event));
    const errors: AuthKitError[] = [];
    // 403 and 429 leave a static credential as it is; a 401 marks it rejected.
    for (const path of ['/403', '/429', '/401', '/data']) {
      const error = await client.fetch(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthKitError);
      errors.push(error as AuthKitError);
    }
    expect(errors.map((e) => e.code)).toEqual(['permission_denied', 'rate_limited', 'unauthenticated', 'reauthorization_required']);
    expect(errors[0]).toMatchObject({ requiredScope: 'data.read', status: 403, providerId: 'keyed' });
    expect(errors[1]).toMatchObject({ retryAfter: 0.52 });
    expect(changes).toEqual([
      { type: 'connection.status_changed', providerId: 'keyed', connectionId: connection.id, ownerId: 'u', from: 'unverified', to: 'invalid_credential', reason: 'credential_rejected' },
    ]);
    expect((await authkit.getConnection(connection.id))?.status).toBe('invalid_credential');
    // The rejected credential is not sent again.
    expect(api.requests.map((r) => r.url)).toEqual(['/403', '/429', '/401']);
    for (const error of errors) {
      expect(error.message).not.toContain('key-secret-value');
      expect(JSON.stringify(error)).not.toContain('key-secret-value');
    }
  });

  it('a static credential without a verify call reads unverified until its first success', async () => {
    const api = await startLoopback((_req, res) => json(res, 200, { ok: true }));
    closers.push(api.close);
    const authkit = createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: api.url })] });
    const changes: string[] = [];
    authkit.on('connection.status_changed', (event) => changes.push(`${event.from}→${event.to}:${event.reason}`));
    const connection = await authkit.connectStatic({ providerId: 'keyed', ownerId: 'u', credential: { kind: 'api_key', key: 'key-value-1' } });
    expect(connection.status).toBe('unverified');
    await authkit.client('keyed', connection.id).fetch('/x');
    await authkit.client('keyed', connection.id).fetch('/y');
    expect((await authkit.getConnection(connection.id))?.status).toBe('active');
    expect(changes).toEqual(['unverified→active:verified']);
  });

  it('events: a throwing listener does not break the flow, and unsubscribe works', async () => {
    const api = await startLoopback((_req, res) => json(res, 200, {}));
    closers.push(api.close);
    const authkit = createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: api.url })] });
    const seen: string[] = [];
    authkit.on('connection.created', () => {
      throw new Error('listener bug');
    });
    const off = authkit.on('connection.created', (event) => seen.push(event.connectionId));
    const connection = await authkit.connectStatic({ providerId: 'keyed', ownerId: 'u', credential: { kind: 'api_key', key: 'key-secret-value' } });
    off();
    await authkit.connectStatic({ providerId: 'keyed', ownerId: 'u2', credential: { kind: 'api_key', key: 'key-secret-value' } });
    expect(seen).toEqual([connection.id]);
  });
});

describe('401 replay (loopback OAuth2 API)', () => {
  it('replays a buffered body once after a forced refresh, but never a stream', async () => {
    const bodies: string[] = [];
    const server = await startLoopback((req, res, body) => {
      if (req.url === '/token') return json(res, 200, { access_token: 'fresh-access', token_type: 'Bearer', expires_in: 3600 });
      bodies.push(body);
      if (req.headers.authorization === 'Bearer fresh-access') return json(res, 200, { ok: true });
      return json(res, 401, { error: 'invalid_token' });
    });
    try {
      const authkit = createAuthKit({
        providers: [
          providers.oauth2({ id: 'api', baseUrl: server.url, tokenEndpoint: `${server.url}/token`, authorizationEndpoint: `${server.url}/authorize`, clientId: 'c', clientSecret: 's' }),
        ],
      });
      const connect = () =>
        authkit.saveTokenResponse({ providerId: 'api', ownerId: 'u', tokens: { access_token: 'stale-access', refresh_token: 'r1', expires_in: 3600 } });
      const connection = await connect();
      const replayed = await authkit.client('api', connection.id).fetch('/things', { method: 'POST', body: 'payload' });
      expect(replayed.status).toBe(200);
      expect(bodies).toEqual(['payload', 'payload']);
      expect(server.requests.filter((r) => r.url === '/token')).toHaveLength(1);

      await connect();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('streamed'));
          controller.close();
        },
      });
      const error = await authkit
        .client('api', connection.id)
        .fetch('/things', { method: 'POST', body: stream })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unauthenticated', status: 401 });
      expect(server.requests.filter((r) => r.url === '/token')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('token endpoint refused before sending', () => {
  it('a plain-HTTP token endpoint on a remote host is a configuration_error, not a retried network error', async () => {
    let sent = 0;
    const authkit = createAuthKit({
      store: new MemoryStore(),
      providers: [
        providers.oauth2({
          id: 'plain',
          baseUrl: 'https://api.example.test',
          clientId: 'c',
          clientSecret: 's',
          authorizationEndpoint: 'https://id.example.test/authorize',
          tokenEndpoint: 'http://id.example.test/token',
        }),
      ],
      retry: { attempts: 3, baseDelayMs: 1 },
      fetch: () => {
        sent++;
        return Promise.reject(new TypeError('fetch failed'));
      },
    });
    const attempts: number[] = [];
    authkit.on('token.refresh_failed', (event) => attempts.push(event.attempt));
    const connection = await authkit.saveTokenResponse({
      providerId: 'plain',
      ownerId: 'o',
      tokens: { access_token: 'access-value', refresh_token: 'refresh-value', expires_in: 3600 },
    });
    const error = await authkit
      .client('plain', connection.id)
      .refresh()
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(AuthKitError);
    expect(error).toMatchObject({ code: 'configuration_error', providerId: 'plain' });
    expect(sent).toBe(0);
    expect(attempts).toEqual([1]);
  });
});

describe('synchronous store access', () => {
  it('finds the MemoryStore of another copy of the module (the default store shared on globalThis), where instanceof fails', async () => {
    vi.resetModules();
    const copy = await import('../src/store/memory-store');
    const foreign = new copy.MemoryStore();
    expect(foreign instanceof MemoryStore).toBe(false);
    expect(synchronousAccess(foreign)).toBe(foreign);
    const plain = { ...new MemoryStore() } as unknown as MemoryStore;
    expect(synchronousAccess(plain)).toBeUndefined();
  });
});
