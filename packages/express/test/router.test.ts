import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, request, startFlow, startHarness, type Harness } from './harness';

let h: Harness;
let n = 0;
/** A fresh owner per test, so "nothing stored" checks see only that test's effects. */
const owner = (): string => `user-${++n}`;
const stored = async (ownerId: string) => h.authkit.listConnections({ ownerId });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function json(response: Response): Promise<{ error: { code: string; message: string; reauthorizeUrl?: string } }> {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return (await response.json()) as { error: { code: string; message: string; reauthorizeUrl?: string } };
}

describe('GET /:provider/connect → provider → GET /:provider/callback', () => {
  it('connects Plannr, binds state in a short-lived httpOnly SameSite=Lax cookie, and returns to returnTo', async () => {
    const jar = new CookieJar();
    const user = owner();
    const start = await request(`${h.appUrl}/connections/plannr/connect?returnTo=${encodeURIComponent('/settings?tab=crm')}`, { owner: user, jar });
    expect(start.status).toBe(302);
    const authorizeUrl = new URL(start.headers.get('location')!);
    expect(authorizeUrl.origin).toBe(new URL(h.sandbox.url).origin);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = jar.raw.find((line) => line.startsWith('authkit_state_plannr='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/connections\/plannr/);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(600);

    const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));
    const done = await request(callback.href, { owner: user, jar });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/settings?tab=crm');
    expect(jar.cookies.has('authkit_state_plannr')).toBe(false);

    const [connection] = await stored(user);
    expect(connection).toMatchObject({ providerId: 'plannr', ownerId: user, status: 'active', credentialKind: 'oauth2' });
  });

  it('a signed client from requireConnection calls the provider API', async () => {
    const jar = new CookieJar();
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, jar);
    expect((await request(callback.href, { owner: user, jar })).status).toBe(303);
    const contacts = await request(`${h.appUrl}/contacts`, { owner: user });
    expect(contacts.status).toBe(200);
    expect(await contacts.json()).toBeTruthy();
  });

  it('refuses a tampered state with 400 invalid_state, stores nothing, and the real callback still works', async () => {
    const jar = new CookieJar();
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, jar);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const bad = await request(tampered.href, { owner: user, jar });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('invalid_state');
    expect(await stored(user)).toEqual([]);
    // Core was never called, so the pending authorization is intact for the genuine callback.
    expect((await request(callback.href, { owner: user, jar })).status).toBe(303);
    expect(await stored(user)).toHaveLength(1);
  });

  it('refuses a callback from a browser that did not start the flow (no state cookie)', async () => {
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, new CookieJar());
    const response = await request(callback.href, { owner: user, jar: new CookieJar() });
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe('invalid_state');
    expect(await stored(user)).toEqual([]);
  });

  it('refuses a replayed callback, even with the old state cookie, and keeps the connection as it was', async () => {
    const jar = new CookieJar();
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, jar);
    const savedCookies = new Map(jar.cookies);
    expect((await request(callback.href, { owner: user, jar })).status).toBe(303);
    const [before] = await stored(user);

    const replayJar = new CookieJar();
    for (const [k, v] of savedCookies) replayJar.cookies.set(k, v);
    const replay = await request(callback.href, { owner: user, jar: replayJar });
    expect(replay.status).toBe(400);
    expect((await json(replay)).error.code).toBe('invalid_state');
    const after = await stored(user);
    expect(after).toHaveLength(1);
    expect(after[0]!.version).toBe(before!.version);
  });

  it('answers denied consent with 400 authorization_denied and stores nothing', async () => {
    const jar = new CookieJar();
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, jar);
    const denied = new URL(callback.pathname, callback);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', callback.searchParams.get('state')!);
    const response = await request(denied.href, { owner: user, jar });
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe('authorization_denied');
    expect(await stored(user)).toEqual([]);
  });

  it('answers a callback without a code with 400 invalid_callback and stores nothing', async () => {
    const jar = new CookieJar();
    const user = owner();
    const callback = await startFlow(h, 'plannr', user, jar);
    const noCode = new URL(callback);
    noCode.searchParams.delete('code');
    const response = await request(noCode.href, { owner: user, jar });
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe('invalid_callback');
    expect(await stored(user)).toEqual([]);
  });

  it('refuses a callback completed by another signed-in user', async () => {
    const jar = new CookieJar();
    const alice = owner();
    const mallory = owner();
    const callback = await startFlow(h, 'plannr', alice, jar);
    const response = await request(callback.href, { owner: mallory, jar });
    expect(response.status).toBe(400);
    expect(await stored(alice)).toEqual([]);
    expect(await stored(mallory)).toEqual([]);
  });

  it.each(['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'refuses the off-site returnTo %j before starting anything',
    async (returnTo) => {
      const jar = new CookieJar();
      const response = await request(`${h.appUrl}/connections/plannr/connect?returnTo=${encodeURIComponent(returnTo)}`, { owner: owner(), jar });
      expect(response.status).toBe(400);
      expect((await json(response)).error.code).toBe('invalid_return_to');
      expect(jar.cookies.size).toBe(0);
    },
  );

  it('answers an unknown provider with 404 on every route', async () => {
    for (const [method, path] of [
      ['GET', 'connect'],
      ['GET', 'callback?code=x&state=y'],
      ['POST', 'credentials'],
      ['POST', 'refresh-token'],
      ['POST', 'client-credentials'],
      ['POST', 'disconnect'],
    ] as const) {
      const response = await request(`${h.appUrl}/connections/nope/${path}`, { owner: owner(), init: { method } });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await json(response)).error.code).toBe('unknown_provider');
    }
  });

  it('answers every route with 401 owner_required when nobody is signed in', async () => {
    for (const [method, path] of [
      ['GET', ''],
      ['GET', 'plannr/connect'],
      ['GET', 'plannr/callback?code=x&state=y'],
      ['POST', 'iguide/credentials'],
      ['POST', 'planday/refresh-token'],
      ['POST', 'server-api/client-credentials'],
      ['POST', 'plannr/disconnect'],
    ] as const) {
      const response = await request(`${h.appUrl}/connections/${path}`, { init: { method } });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await json(response)).error.code).toBe('owner_required');
    }
    const guarded = await request(`${h.appUrl}/departments`);
    expect(guarded.status).toBe(401);
    expect((await json(guarded)).error.code).toBe('owner_required');
  });
});

describe('static credentials, refresh tokens, client credentials, disconnect', () => {
  const post = (path: string, user: string | undefined, body: Record<string, string>, form = false) =>
    request(`${h.appUrl}/connections/${path}`, {
      ...(user === undefined ? {} : { owner: user }),
      init: {
        method: 'POST',
        headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
      },
    });

  it('connects an iGUIDE API token pair (JSON) and never echoes the secret', async () => {
    const user = owner();
    const token = await h.sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.ro'] });
    const response = await post('iguide/credentials', user, { tokenId: token.id, tokenValue: token.token });
    const text = await response.text();
    expect(response.status).toBe(201);
    expect(text).not.toContain(token.token);
    expect(JSON.parse(text).connection).toMatchObject({ providerId: 'iguide', credentialKind: 'api_token', status: 'active' });
  });

  it('refuses a wrong iGUIDE token with a 4xx JSON error that does not contain it, and stores nothing', async () => {
    const user = owner();
    const token = await h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const response = await post('iguide/credentials', user, { tokenId: token.id, tokenValue: 'wrong-token-value-123' });
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(text).not.toContain('wrong-token-value-123');
    expect(await stored(user)).toEqual([]);
  });

  it('answers a form post with 303 to its returnTo, and refuses an off-site one before storing', async () => {
    const user = owner();
    const pat = await h.sandbox.plannr.createPersonalAccessToken();
    const evil = await post('plannr/credentials', user, { kind: 'personal_access_token', token: pat.token, label: 'pat', returnTo: '//evil.example' }, true);
    expect(evil.status).toBe(400);
    expect(await stored(user)).toEqual([]);
    const ok = await post('plannr/credentials', user, { kind: 'personal_access_token', token: pat.token, label: 'pat', returnTo: '/done' }, true);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/done');
    expect(await stored(user)).toMatchObject([{ providerId: 'plannr', label: 'pat', credentialKind: 'personal_access_token' }]);
  });

  it('refuses missing fields with 400 invalid_request naming the field', async () => {
    const response = await post('iguide/credentials', owner(), { tokenId: 'abc' });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('tokenValue');
  });

  it('connects a Planday portal refresh token, then requireConnection serves its departments', async () => {
    const user = owner();
    const portal = h.sandbox.planday.createPortal({ name: 'Test portal' });
    const { refreshToken } = await h.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: 'planday-demo-client' });
    const response = await post('planday/refresh-token', user, { refreshToken });
    expect(response.status).toBe(201);
    expect(await response.text()).not.toContain(refreshToken);
    const departments = await request(`${h.appUrl}/departments`, { owner: user });
    expect(departments.status).toBe(200);
    expect(await departments.json()).toBeTruthy();
  });

  it('refuses an unknown Planday refresh token with 400 and stores nothing', async () => {
    const user = owner();
    const response = await post('planday/refresh-token', user, { refreshToken: 'not-a-real-refresh-token' });
    expect(response.status).toBe(400);
    expect(await stored(user)).toEqual([]);
  });

  it('connects a server API with client credentials and with an API key', async () => {
    const user = owner();
    expect((await post('server-api/client-credentials', user, {})).status).toBe(201);
    const key = await h.sandbox.clientCredentials.createApiKey();
    expect((await post('server-api/credentials', user, { kind: 'api_key', key: key.key, label: 'api-key' })).status).toBe(201);
    expect((await stored(user)).map((c) => c.credentialKind).sort()).toEqual(['api_key', 'oauth2']);
  });

  it('refuses cross-origin posts with 403', async () => {
    const user = owner();
    const response = await request(`${h.appUrl}/connections/server-api/client-credentials`, {
      owner: user,
      init: { method: 'POST', headers: { origin: 'https://evil.example' } },
    });
    expect(response.status).toBe(403);
    expect(await stored(user)).toEqual([]);
  });

  it('disconnects a connection once, then answers 404', async () => {
    const user = owner();
    await post('server-api/client-credentials', user, {});
    const first = await post('server-api/disconnect', user, {});
    expect(first.status).toBe(200);
    expect(await stored(user)).toEqual([]);
    const second = await post('server-api/disconnect', user, {});
    expect(second.status).toBe(404);
  });

  it('revokes at the provider on disconnect: Planday no longer accepts the refresh token', async () => {
    const user = owner();
    const portal = h.sandbox.planday.createPortal({ name: 'Revoked portal' });
    const { refreshToken } = h.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: 'planday-demo-client' });
    expect((await post('planday/refresh-token', user, { refreshToken, label: 'revoked' })).status).toBe(201);
    const revocations = h.sandbox.stats.count('planday.revocation');
    expect((await post('planday/disconnect', user, { label: 'revoked' })).status).toBe(200);
    expect(h.sandbox.stats.count('planday.revocation')).toBeGreaterThan(revocations);
    expect(await stored(user)).toEqual([]);
    // The sandbox's Planday does not rotate refresh tokens, so only the revocation explains
    // why a new bootstrap with the pasted one now fails (and stores nothing).
    const again = await post('planday/refresh-token', user, { refreshToken, label: 'revoked' });
    expect(again.status).toBe(400);
    expect(await stored(user)).toEqual([]);
  });

  it('lists only the signed-in owner’s connections, without secrets', async () => {
    const alice = owner();
    const bob = owner();
    await post('server-api/client-credentials', alice, {});
    const list = await request(`${h.appUrl}/connections/`, { owner: bob });
    expect(await list.json()).toEqual({ connections: [] });
    const mine = await request(`${h.appUrl}/connections/`, { owner: alice });
    const body = (await mine.json()) as { connections: Record<string, unknown>[] };
    expect(body.connections).toHaveLength(1);
    expect(body.connections[0]).not.toHaveProperty('credential');
  });
});

describe('requireConnection', () => {
  it('answers 404 connection_not_found with where to connect when there is no connection', async () => {
    const response = await request(`${h.appUrl}/departments`, { owner: owner() });
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(body.error.code).toBe('connection_not_found');
    expect(body.error.reauthorizeUrl).toBe('/connections/planday/connect');
  });

  it('stacks: one route can require two providers', async () => {
    const user = owner();
    const jar = new CookieJar();
    const callback = await startFlow(h, 'plannr', user, jar);
    await request(callback.href, { owner: user, jar });
    const portal = h.sandbox.planday.createPortal({ name: 'Test portal' });
    const { refreshToken } = await h.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: 'planday-demo-client' });
    await h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: user, refreshToken });
    const response = await request(`${h.appUrl}/both`, { owner: user });
    expect(await response.json()).toEqual({ providers: ['planday', 'plannr'] });
  });
});
