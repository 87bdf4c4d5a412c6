import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, postForm, REDIRECT, redirectParams } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('iguide', DEMO_CLIENTS.iguide.clientId, REDIRECT);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.stats.reset();
  sandbox.faults.clear();
});

const base = () => sandbox.endpoints.iguide.baseUrl;
const pair = (id: string, token: string) => ({ 'X-Plntr-App-Id': id, 'X-Plntr-App-Token': token });

describe('iGUIDE Portal', () => {
  it('API token pair: integrations/test answers the app id; Bearer is 401', async () => {
    const t = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const ok = await fetch(`${base()}/integrations/test`, { method: 'POST', headers: pair(t.id, t.token) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ appId: t.id });
    expect(ok.headers.get('x-ratelimit-second-limit')).toBe('50');

    const bearer = await fetch(`${base()}/integrations/test`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` } });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toEqual({ code: 'unauthenticated', message: 'Unauthorized request' });
  });

  it('missing scope is 403 permission_denied naming the scope; iguide.rw implies iguide.ro', async () => {
    const listOnly = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const denied = await fetch(`${base()}/iguides/ig-1001`, { headers: pair(listOnly.id, listOnly.token) });
    expect(denied.status).toBe(403);
    const body = await json(denied);
    expect(body).toMatchObject({ code: 'permission_denied', requiredScope: 'iguide.ro' });
    expect(String(body.message)).toContain('iguide.ro');

    const rw = sandbox.iguide.createApiToken({ scopes: ['iguide.rw'] });
    expect((await fetch(`${base()}/iguides/ig-1001`, { headers: pair(rw.id, rw.token) })).status).toBe(200);
  });

  it('OAuth app: authorize → token (24 h) → API with client id + access token', async () => {
    const params = redirectParams(
      await authorize(sandbox.endpoints.iguide.authorizationEndpoint, { client_id: DEMO_CLIENTS.iguide.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'iguide.list', state: 'x' }),
    );
    const res = await postForm(sandbox.endpoints.iguide.tokenEndpoint, {
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: REDIRECT,
      client_id: DEMO_CLIENTS.iguide.clientId,
      client_secret: DEMO_CLIENTS.iguide.clientSecret,
    });
    const tokens = await json(res);
    expect(tokens.expires_in).toBe(86_400);
    const list = await fetch(`${base()}/iguides`, { headers: pair(DEMO_CLIENTS.iguide.clientId, String(tokens.access_token)) });
    expect(list.status).toBe(200);
    expect(((await json(list)).data as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('iGUIDE Portal credentials lifecycle and limits', () => {
  it('rotation keeps the old value working for the grace period, both at once, then only the new one', async () => {
    const original = sandbox.iguide.createApiToken({ scopes: ['credentials.manage'] });
    const res = await fetch(`${base()}/tokens/${original.id}/rotate`, { method: 'POST', headers: pair(original.id, original.token) });
    expect(res.status).toBe(200);
    const rotated = await json(res);
    expect(rotated.id).toBe(original.id);
    expect(rotated.token).not.toBe(original.token);
    expect(Date.parse(String(rotated.previousTokenExpiresAt)) - sandbox.now()).toBeGreaterThan(6.9 * 86_400_000);

    const test = (token: string) => fetch(`${base()}/integrations/test`, { method: 'POST', headers: pair(original.id, token) });
    expect((await test(original.token)).status).toBe(200);
    expect((await test(String(rotated.token))).status).toBe(200);
    sandbox.clock.advance(7 * 86_400_000 + 1000);
    expect((await test(original.token)).status).toBe(401);
    expect((await test(String(rotated.token))).status).toBe(200);
  });

  it('rotating needs credentials.manage', async () => {
    const t = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const res = await fetch(`${base()}/tokens/${t.id}/rotate`, { method: 'POST', headers: pair(t.id, t.token) });
    expect(res.status).toBe(403);
    expect((await json(res)).requiredScope).toBe('credentials.manage');
  });

  it('rate limit: 429 resource_exhausted with X-RateLimit-Second-* and a fractional Retry-After', async () => {
    sandbox.settings.rateLimits.iguidePerSecond = 2;
    // A frozen clock 480 ms into a second makes the window and Retry-After exact.
    sandbox.clock.freeze(Math.floor(sandbox.now() / 1000) * 1000 + 1000 + 480);
    try {
      const t = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
      const call = () => fetch(`${base()}/iguides`, { headers: pair(t.id, t.token) });
      expect((await call()).headers.get('x-ratelimit-second-amountremaining')).toBe('1');
      expect((await call()).status).toBe(200);
      const limited = await call();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: 'resource_exhausted' });
      expect(limited.headers.get('retry-after')).toBe('0.52');
      expect(limited.headers.get('x-ratelimit-second-limit')).toBe('2');
      expect(limited.headers.get('x-ratelimit-second-amountremaining')).toBe('0');
      expect(limited.headers.get('x-ratelimit-second-reset')).toBe('0.52');
      sandbox.clock.advance(520);
      expect((await call()).status).toBe(200);
    } finally {
      sandbox.clock.unfreeze();
      sandbox.settings.rateLimits.iguidePerSecond = 50;
    }
  });

  it('header values with inner whitespace or quotes are 400 invalid_argument', async () => {
    const t = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    for (const token of [`"${t.token}"`, `${t.token} x`, `${t.token}\u00a0`]) {
      const res = await fetch(`${base()}/integrations/test`, { method: 'POST', headers: pair(t.id, token) });
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('invalid_argument');
    }
    const missing = await fetch(`${base()}/integrations/test`, { method: 'POST', headers: { 'X-Plntr-App-Id': t.id } });
    expect(missing.status).toBe(401);
  });

  it('expired API tokens are 401', async () => {
    const t = sandbox.iguide.createApiToken({ scopes: ['iguide.list'], expiresInSeconds: 10 });
    sandbox.clock.advance(11_000);
    expect((await fetch(`${base()}/iguides`, { headers: pair(t.id, t.token) })).status).toBe(401);
  });

  it('OAuth refresh works with client_secret_post; GET /scopes lists the catalogue', async () => {
    const params = redirectParams(
      await authorize(sandbox.endpoints.iguide.authorizationEndpoint, { client_id: DEMO_CLIENTS.iguide.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'iguide.ro', state: 'y' }),
    );
    const creds = { client_id: DEMO_CLIENTS.iguide.clientId, client_secret: DEMO_CLIENTS.iguide.clientSecret };
    const tokens = await json(await postForm(sandbox.endpoints.iguide.tokenEndpoint, { grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: REDIRECT, ...creds }));
    const refreshed = await postForm(sandbox.endpoints.iguide.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), ...creds });
    expect(refreshed.status).toBe(200);
    const access = String((await json(refreshed)).access_token);
    const scopes = await json(await fetch(`${base()}/scopes`, { headers: pair(DEMO_CLIENTS.iguide.clientId, access) }));
    expect((scopes.data as { name: string }[]).map((s) => s.name)).toContain('credentials.manage');
    // The access token only works together with its own client id.
    expect((await fetch(`${base()}/scopes`, { headers: pair('other-app', access) })).status).toBe(401);
  });
});

describe('iGUIDE OAuth app secret rotation', () => {
  it('POST /apps/:appId/rotate issues a new secret and the old one fails at once', async () => {
    sandbox.registerClient({ provider: 'iguide', clientId: 'rotating-app', clientSecret: 'first-secret', redirectUris: [REDIRECT] });
    const manager = sandbox.iguide.createApiToken({ scopes: ['credentials.manage'] });
    const res = await fetch(`${base()}/apps/rotating-app/rotate`, { method: 'POST', headers: pair(manager.id, manager.token) });
    expect(res.status).toBe(200);
    const rotated = await json(res);
    expect(rotated.clientId).toBe('rotating-app');
    expect(rotated.clientSecret).not.toBe('first-secret');
    const refresh = (secret: string) => postForm(sandbox.endpoints.iguide.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: 'unknown', client_id: 'rotating-app', client_secret: secret });
    expect((await json(await refresh('first-secret'))).error).toBe('invalid_client');
    // The new secret authenticates (the unknown refresh token is then the only problem).
    expect((await json(await refresh(String(rotated.clientSecret)))).error).toBe('invalid_grant');
    expect((await fetch(`${base()}/apps/nobody/rotate`, { method: 'POST', headers: pair(manager.id, manager.token) })).status).toBe(404);
    const unknownRoute = await fetch(`${base()}/nothing`, { headers: pair(manager.id, manager.token) });
    expect(unknownRoute.status).toBe(404);
    expect((await json(unknownRoute)).code).toBe('not_found');
  });
});
