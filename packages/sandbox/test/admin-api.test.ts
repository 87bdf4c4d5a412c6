import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, fingerprint, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, postForm, redirectParams } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
});
afterAll(() => sandbox.close());

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('admin HTTP API', () => {
  it('registers a client and its redirect URI, which the authorize endpoint then accepts exactly', async () => {
    const created = await admin('POST', '/clients', { provider: 'plannr', clientId: 'app-2', clientSecret: 's3cret', redirectUris: [] });
    expect(created.status).toBe(201);
    const cb = 'http://localhost:5173/auth/plannr/callback';
    expect((await admin('POST', '/clients/plannr/app-2/redirect-uris', { uri: cb })).status).toBe(200);
    const params = redirectParams(await authorize(sandbox.endpoints.plannr.authorizationEndpoint, { client_id: 'app-2', redirect_uri: cb, response_type: 'code', scope: '*', state: 'q' }));
    const token = await postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'authorization_code', client_id: 'app-2', client_secret: 's3cret', redirect_uri: cb, code: params.get('code') ?? '' });
    expect(token.status).toBe(200);
    expect((await admin('POST', '/clients', { provider: 'nope', clientId: 'x' })).status).toBe(400);
    expect((await admin('POST', '/clients/plannr/app-2/redirect-uris', { uri: 'not a url' })).status).toBe(400);
  });

  it('mints credentials: iGUIDE API token (and rotation), Planday portal + refresh token, PATs, API key', async () => {
    const iguide = await json(await admin('POST', '/iguide/api-tokens', { scopes: ['iguide.list'] }));
    expect(iguide).toMatchObject({ id: expect.any(String), token: expect.any(String), tokenHint: expect.any(String), expiresAt: expect.any(String), createdAt: expect.any(String) });
    const rotated = await json(await admin('POST', `/iguide/api-tokens/${String(iguide.id)}/rotate`, {}));
    expect(rotated.token).not.toBe(iguide.token);

    const portal = await json(await admin('POST', '/planday/portals', { name: 'Second Portal' }));
    const minted = await json(await admin('POST', '/planday/refresh-tokens', { portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId }));
    const res = await postForm(sandbox.endpoints.planday.tokenEndpoint, { client_id: DEMO_CLIENTS.planday.clientId, grant_type: 'refresh_token', refresh_token: String(minted.refreshToken) });
    expect(res.status).toBe(200);
    expect((await admin('POST', '/planday/refresh-tokens', { portalId: 'missing', clientId: DEMO_CLIENTS.planday.clientId })).status).toBe(400);

    const pat = await json(await admin('POST', '/plannr/personal-access-tokens', {}));
    expect((await fetch(`${sandbox.endpoints.plannr.baseUrl}/api/v1/logins`, { headers: { authorization: `Bearer ${String(pat.token)}` } })).status).toBe(200);
    const oauth2Pat = await json(await admin('POST', '/oauth2/personal-access-tokens', { scopes: ['profile'] }));
    expect((await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${String(oauth2Pat.token)}` } })).status).toBe(200);
    const key = await json(await admin('POST', '/client-credentials/api-keys'));
    expect((await fetch(`${sandbox.endpoints.clientCredentials.baseUrl}/v1/data`, { headers: { 'x-api-key': String(key.key) } })).status).toBe(200);
  });

  it('settings, clock, faults, stats and the request log', async () => {
    const patched = await admin('PATCH', '/settings', { plannr: { accessTokenTtlSeconds: 60, rotation: 'never' }, rateLimits: { iguidePerSecond: 5 } });
    expect(patched.status).toBe(200);
    expect(sandbox.settings.plannr.accessTokenTtlSeconds).toBe(60);
    expect(sandbox.settings.plannr.rotation).toBe('never');
    expect((await admin('PATCH', '/settings', { plannr: { rotation: 'sometimes' } })).status).toBe(400);
    expect((await admin('PATCH', '/settings', { nope: 1 })).status).toBe(400);
    // A rejected patch changes nothing, and __proto__ never pollutes objects.
    expect((await admin('PATCH', '/settings', { plannr: { accessTokenTtlSeconds: 99 }, oauth2: { rotation: 'bad' } })).status).toBe(400);
    expect(sandbox.settings.plannr.accessTokenTtlSeconds).toBe(60);
    const polluted = await fetch(`${sandbox.url}/__sandbox/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"polluted":true}}' });
    expect(polluted.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await admin('PATCH', '/settings', { planday: { autoApprove: false } })).status).toBe(200);
    expect(sandbox.settings.planday.autoApprove).toBe(false);

    const before = sandbox.now();
    const advanced = await json(await admin('POST', '/clock/advance', { seconds: 3600 }));
    expect(Number(advanced.now)).toBeGreaterThanOrEqual(before + 3_600_000);
    expect((await admin('POST', '/clock/advance', { ms: -5 })).status).toBe(400);

    expect((await admin('DELETE', '/stats')).status).toBe(200);
    expect((await admin('POST', '/faults', { endpoint: 'plannr.token', kind: '5xx', times: 1 })).status).toBe(201);
    const failed = await postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: 'r' }, { 'x-test-marker': 'm1' });
    expect(failed.status).toBe(503);
    const stats = await json(await admin('GET', '/stats?endpoint=plannr.token&grantType=refresh_token'));
    expect(stats.count).toBe(1);
    const log = await json(await admin('GET', '/requests?endpoint=plannr.token'));
    const entries = log.requests as { headers: Record<string, string>; status: number; grantType: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 503, grantType: 'refresh_token', headers: { 'x-test-marker': 'm1' } });
    expect((await admin('POST', '/faults', { endpoint: 'plannr.token', kind: 'bogus' })).status).toBe(400);
    expect((await admin('DELETE', '/faults')).status).toBe(200);
  });

  it('the request log over HTTP fingerprints credentials instead of exposing them', async () => {
    await admin('DELETE', '/stats');
    const secret = 'very-secret-value';
    await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${secret}`, 'x-clientid': 'visible' } });
    await fetch(`${sandbox.endpoints.clientCredentials.baseUrl}/v1/data?api_key=${secret}`);
    const text = await (await admin('GET', '/requests')).text();
    expect(text).not.toContain(secret);
    const entries = (JSON.parse(text) as { requests: { endpointKey: string; path: string; headers: Record<string, string> }[] }).requests;
    const me = entries.find((e) => e.endpointKey === 'oauth2.api' && e.path.endsWith('/v1/me'));
    expect(me?.headers.authorization).toBe(`Bearer ${fingerprint(secret)}`);
    expect(me?.headers['x-clientid']).toBe('visible');
    // In-process, the programmatic log keeps the real values for assertions.
    expect(sandbox.requests.some((e) => e.headers.authorization === `Bearer ${secret}`)).toBe(true);
  });

  it('health, and revoking grants as if the user disconnected the app at the provider', async () => {
    expect(await json(await admin('GET', '/health'))).toEqual({ ok: true });
    const portal = sandbox.planday.createPortal({ name: 'Disconnecting Portal' });
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
    const keep = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
    const exchange = (rt: string) => postForm(sandbox.endpoints.planday.tokenEndpoint, { client_id: DEMO_CLIENTS.planday.clientId, grant_type: 'refresh_token', refresh_token: rt });
    expect((await exchange(refreshToken)).status).toBe(200);
    const revoked = await json(await admin('POST', '/grants/revoke', { provider: 'planday', portalId: portal.portalId }));
    expect(revoked.revoked).toBe(1);
    expect((await json(await exchange(refreshToken))).error).toBe('invalid_grant');
    expect((await exchange(keep.refreshToken)).status).toBe(200);
  });

  it('answers bad admin input with 400, unknown routes with 404 and wrong methods with 405', async () => {
    const garbage = await fetch(`${sandbox.url}/__sandbox/planday/portals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(garbage.status).toBe(400);
    expect((await admin('GET', '/nothing-here')).status).toBe(404);
    expect((await admin('PUT', '/settings', {})).status).toBe(405);
    expect((await json(await admin('GET', ''))).endpoints).toEqual(sandbox.endpoints);
  });
});
