import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '@authkit/sandbox';
import { AuthKitError } from '../src/index';
import { caught, REDIRECT, startHarness } from './helpers/sandbox';
import type { Harness } from './helpers/sandbox';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('authorization code flow', () => {
  it('builds an authorization URL with one-time state and PKCE S256', async () => {
    const started = await h.authkit.startAuthorization({ providerId: 'plannr', ownerId: 'user-1' });
    const q = started.url.searchParams;
    expect(started.url.href.startsWith(h.sandbox.endpoints.plannr.authorizationEndpoint)).toBe(true);
    expect(q.get('state')).toBe(started.state);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('redirect_uri')).toBe(REDIRECT('plannr'));
    expect(q.get('scope')).toBe('*');
    const planday = await h.authkit.startAuthorization({ providerId: 'planday', ownerId: 'user-1' });
    expect(planday.url.searchParams.get('scope')?.split(' ')).toEqual(['department:read', 'employee:read', 'openid', 'offline_access']);
  });

  it('Plannr: completes the callback, saves the connection with its account, signs Bearer + X-PLANNR-ACCOUNT-UUID', async () => {
    const connection = await h.connectOAuth('plannr', 'user-1');
    expect(connection).toMatchObject({ providerId: 'plannr', ownerId: 'user-1', status: 'active', credentialKind: 'oauth2', grant: 'authorization_code' });
    expect(connection.metadata.accountUuid).toBe('0f3a9a4e-1c2b-4d5e-8f9a-0b1c2d3e4f50');
    expect(connection.refreshTokenExpiresAt).toBeGreaterThan(h.sandbox.now());
    const token = h.sandbox.requests.find((r) => r.endpointKey === 'plannr.token');
    expect(token?.grantType).toBe('authorization_code');

    const response = await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
    expect(response.status).toBe(200);
    const sent = h.sandbox.requests.at(-1);
    expect(sent?.headers['authorization']).toMatch(/^Bearer /);
    expect(sent?.headers['x-plannr-account-uuid']).toBe(connection.metadata.accountUuid);
    expect(JSON.stringify(connection)).not.toContain(sent?.headers['authorization']?.slice(7));
  });

  it('iGUIDE OAuth app: signs X-Plntr-App-Id (client id) + X-Plntr-App-Token, never Bearer', async () => {
    const connection = await h.connectOAuth('iguide', 'user-1');
    expect(connection.scopes).toEqual(expect.arrayContaining(['iguide.list', 'iguide.rw']));
    const response = await h.authkit.client('iguide', connection.id).fetch('/iguides/ig-1001');
    expect(response.status).toBe(200);
    const sent = h.sandbox.requests.at(-1);
    expect(sent?.headers['x-plntr-app-id']).toBe(DEMO_CLIENTS.iguide.clientId);
    expect(sent?.headers['x-plntr-app-token']).toBeTruthy();
    expect(sent?.headers['authorization']).toBeUndefined();
  });

  it('Planday partner flow: id_token accepted, requests carry Bearer + X-ClientId', async () => {
    const connection = await h.connectOAuth('planday', 'tenant-1');
    const response = await h.authkit.client('planday', connection.id).fetch('/hr/v1/Departments');
    expect(response.status).toBe(200);
    const sent = h.sandbox.requests.at(-1);
    expect(sent?.headers['x-clientid']).toBe(DEMO_CLIENTS.planday.clientId);
    expect(sent?.headers['authorization']).toMatch(/^Bearer /);
    const tokenRequest = h.sandbox.requests.find((r) => r.endpointKey === 'planday.token');
    expect(tokenRequest?.headers['authorization']).toBeUndefined(); // client_id only, no secret
  });

  it('generic OAuth2: completes and calls the API', async () => {
    const connection = await h.connectOAuth('oauth2', 'user-1');
    const response = await h.authkit.client('oauth2', connection.id).fetch('/v1/me');
    expect(response.status).toBe(200);
  });

  it('bad state: an unknown state is invalid_state and nothing is stored', async () => {
    const callback = new URL(await h.authorizeCallback('plannr', 'user-1'));
    callback.searchParams.set('state', 'forged-state');
    const error = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback }));
    expect(error).toMatchObject({ code: 'invalid_state', providerId: 'plannr' });
    expect(await h.authkit.listConnections()).toHaveLength(0);
    expect(h.sandbox.stats.count('plannr.token')).toBe(0);
  });

  it('replayed callback: the second use of the same state is invalid_state', async () => {
    const callback = await h.authorizeCallback('plannr', 'user-1');
    await h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback });
    const error = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback }));
    expect(error).toMatchObject({ code: 'invalid_state' });
    expect(h.sandbox.stats.count('plannr.token')).toBe(1);
  });

  it('error redirect: authorization_denied, and the state is consumed', async () => {
    const { state } = await h.authkit.startAuthorization({ providerId: 'plannr', ownerId: 'user-1' });
    const denied = `${REDIRECT('plannr')}?error=access_denied&error_description=The+user+said+no&state=${state}`;
    const error = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback: denied }));
    expect(error).toMatchObject({ code: 'authorization_denied', providerId: 'plannr' });
    const retry = await caught(
      h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback: `?code=abc&state=${state}` }),
    );
    expect(retry).toMatchObject({ code: 'invalid_state' });
    expect(await h.authkit.listConnections()).toHaveLength(0);
  });

  it('mix-up: a state issued for another provider, or a foreign iss, is invalid_state', async () => {
    const plannrCallback = await h.authorizeCallback('plannr', 'user-1');
    const error = await caught(h.authkit.completeAuthorization({ providerId: 'oauth2', ownerId: 'user-1', callback: plannrCallback }));
    expect(error).toMatchObject({ code: 'invalid_state', providerId: 'oauth2' });

    const oauthCallback = new URL(await h.authorizeCallback('oauth2', 'user-1'));
    expect(oauthCallback.searchParams.get('iss')).toBe(h.sandbox.endpoints.oauth2.issuer);
    oauthCallback.searchParams.set('iss', 'https://evil.example');
    const mixup = await caught(h.authkit.completeAuthorization({ providerId: 'oauth2', ownerId: 'user-1', callback: oauthCallback }));
    expect(mixup).toMatchObject({ code: 'invalid_state' });
    expect(h.sandbox.stats.count('oauth2.token')).toBe(0);
  });

  it('missing code: invalid_callback; another owner or an expired state: invalid_state', async () => {
    const { state } = await h.authkit.startAuthorization({ providerId: 'plannr', ownerId: 'user-1' });
    const missing = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback: `?state=${state}` }));
    expect(missing).toMatchObject({ code: 'invalid_callback' });

    const callback = await h.authorizeCallback('plannr', 'user-1');
    const other = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-2', callback }));
    expect(other).toMatchObject({ code: 'invalid_state' });

    const late = await h.authorizeCallback('plannr', 'user-1');
    h.sandbox.clock.advance(11 * 60_000);
    const expired = await caught(h.authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback: late }));
    expect(expired).toMatchObject({ code: 'invalid_state' });
    expect(await h.authkit.listConnections()).toHaveLength(0);
  });

  it('reconnecting the same owner replaces the credential, bumps the version and resets the status', async () => {
    const first = await h.connectOAuth('plannr', 'user-1');
    const record = await h.authkit.readConnectionRecord(first.id);
    await h.authkit.store.put({ ...record!, status: 'reauthorization_required' }, record!.version);
    const second = await h.connectOAuth('plannr', 'user-1');
    expect(second.id).toBe(first.id);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.status).toBe('active');
    expect(second.createdAt).toBe(first.createdAt);
  });
});

describe('static credentials', () => {
  it('iGUIDE API token: verified with POST /integrations/test, signed with the token pair', async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.rw'] });
    const connection = await h.authkit.connectStatic({
      providerId: 'iguide',
      ownerId: 'user-1',
      credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token },
    });
    expect(connection.metadata.appId).toBe(token.id);
    const verify = h.sandbox.requests.find((r) => r.endpointKey === 'iguide.api');
    expect(verify).toMatchObject({ method: 'POST', path: '/iguide/api/v1/integrations/test' });
    const client = h.authkit.client('iguide', connection.id);
    expect(await client.verify()).toEqual({ subject: token.id });
    // iguide.rw includes iguide.ro: the read endpoint works.
    expect((await client.fetch('iguides/ig-1002')).status).toBe(200);
    const sent = h.sandbox.requests.at(-1);
    expect(sent?.headers['x-plntr-app-id']).toBe(token.id);
    expect(sent?.headers['x-plntr-app-token']).toBe(token.token);
    expect(sent?.headers['authorization']).toBeUndefined();
  });

  it('verify failure for a bad iGUIDE token: invalid_credential, nothing stored', async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const error = await caught(
      h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'user-1', credential: { kind: 'api_token', tokenId: token.id, tokenValue: 'wrong-value' } }),
    );
    expect(error).toBeInstanceOf(AuthKitError);
    expect(error).toMatchObject({ code: 'invalid_credential', providerId: 'iguide', status: 401 });
    expect(await h.authkit.listConnections()).toHaveLength(0);
    const pasted = await caught(
      h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'user-1', credential: { kind: 'api_token', tokenId: token.id, tokenValue: `\u201C${token.token}\u201D` } }),
    );
    expect(pasted).toMatchObject({ code: 'invalid_credential' });
    expect(pasted.message).not.toContain(token.token);
  });

  it('iGUIDE 403: permission_denied with the missing scope', async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const connection = await h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'u', credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token } });
    const error = await caught(h.authkit.client('iguide', connection.id).fetch('/iguides/ig-1001'));
    expect(error).toMatchObject({ code: 'permission_denied', requiredScope: 'iguide.ro', status: 403 });
  });

  it('429 with fractional Retry-After (iGUIDE) becomes rate_limited with retryAfter', async () => {
    h.sandbox.settings.rateLimits.iguidePerSecond = 1;
    h.sandbox.clock.freeze();
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const connection = await h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'u', credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token } });
    const error = await caught(h.authkit.client('iguide', connection.id).fetch('/iguides'));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = (error as unknown as { retryAfter: number }).retryAfter;
    const header = h.sandbox.requests.at(-1);
    expect(header?.status).toBe(429);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(1);
    // The sandbox sends seconds with two decimals (e.g. 0.52); they survive parsing as a fraction.
    expect(Math.round(retryAfter * 100) / 100).toBe(retryAfter);
  });

  it('off-host request: a URL on a host the provider does not own is refused before anything is sent', async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const connection = await h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'u', credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token } });
    const client = h.authkit.client('iguide', connection.id);
    const seen = h.sandbox.requests.length;
    // Same sandbox process, different host name: still not one of the provider's hosts.
    const otherHost = h.sandbox.url.replace('127.0.0.1', 'localhost');
    for (const target of [`${otherHost}/iguide/api/v1/iguides`, new URL('https://evil.example/api'), new Request(`${otherHost}/x`, { method: 'POST', body: 'x' })]) {
      const error = await caught(client.fetch(target));
      expect(error).toMatchObject({ code: 'host_not_allowed', providerId: 'iguide' });
    }
    expect(h.sandbox.requests.length).toBe(seen);
  });

  it('Plannr personal access token: account resolved, Bearer + account header', async () => {
    const { token } = h.sandbox.plannr.createPersonalAccessToken();
    const connection = await h.authkit.connectStatic({ providerId: 'plannr', ownerId: 'u', credential: { kind: 'personal_access_token', token } });
    expect(connection.metadata.accountUuid).toBe('0f3a9a4e-1c2b-4d5e-8f9a-0b1c2d3e4f50');
    expect((await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    const bad = await caught(h.authkit.connectStatic({ providerId: 'plannr', ownerId: 'u2', credential: { kind: 'personal_access_token', token: 'nope' } }));
    expect(bad).toMatchObject({ code: 'invalid_credential', status: 401 });
  });

  it('Plannr has a verify call (GET /api/v1/logins): a pasted token is active at once (one logins call), and Verify names the user', async () => {
    const { token } = h.sandbox.plannr.createPersonalAccessToken();
    const before = h.sandbox.requests.length;
    const connection = await h.authkit.connectStatic({ providerId: 'plannr', ownerId: 'u-verify', credential: { kind: 'personal_access_token', token } });
    expect(connection.status).toBe('active');
    expect(h.sandbox.requests.slice(before).filter((r) => r.path === '/plannr/api/v1/logins')).toHaveLength(1);
    const seen = h.sandbox.requests.length;
    expect(await h.authkit.client('plannr', connection.id).verify()).toEqual({ subject: '7d0c8a2e-5b1f-4c3d-9e8a-1f2b3c4d5e6f' });
    expect(h.sandbox.requests.slice(seen)).toEqual([expect.objectContaining({ method: 'GET', path: '/plannr/api/v1/logins' })]);
  });

  it('Plannr: a connection can act for another of the user\'s accounts (X-PLANNR-ACCOUNT-UUID from the connection)', async () => {
    const { token } = h.sandbox.plannr.createPersonalAccessToken();
    const second = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
    const connection = await h.authkit.connectStatic({
      providerId: 'plannr',
      ownerId: 'u',
      label: 'second-practice',
      credential: { kind: 'personal_access_token', token },
      metadata: { accountUuid: second },
    });
    expect(connection.metadata).toMatchObject({ accountUuid: second, accountName: 'Second Practice LLP' });
    const response = await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
    expect((await response.json()).data[0].uuid).toBe(`c1-${second}`);
    const foreign = await caught(
      h.authkit.connectStatic({ providerId: 'plannr', ownerId: 'u', credential: { kind: 'personal_access_token', token }, metadata: { accountUuid: 'not-mine' } }),
    );
    expect(foreign).toMatchObject({ code: 'invalid_credential' });
  });

  it('generic PAT: verified with GET /v1/me; a bad PAT fails at connect time', async () => {
    const { token } = h.sandbox.oauth2.createPersonalAccessToken();
    const connection = await h.authkit.connectStatic({ providerId: 'oauth2', ownerId: 'u', credential: { kind: 'personal_access_token', token } });
    expect((await h.authkit.client('oauth2', connection.id).fetch('/v1/projects')).status).toBe(200);
    const bad = await caught(h.authkit.connectStatic({ providerId: 'oauth2', ownerId: 'u2', credential: { kind: 'personal_access_token', token: 'bad-pat' } }));
    expect(bad).toMatchObject({ code: 'invalid_credential' });
  });

  it('API key in the X-API-Key header or the api_key query parameter', async () => {
    const { key } = h.sandbox.clientCredentials.createApiKey();
    const header = await h.authkit.connectStatic({ providerId: 'cc', ownerId: 'u', credential: { kind: 'api_key', key } });
    expect((await h.authkit.client('cc', header.id).fetch('/v1/data')).status).toBe(200);
    expect(h.sandbox.requests.at(-1)?.headers['x-api-key']).toBe(key);
    const query = await h.authkit.connectStatic({ providerId: 'cc-query', ownerId: 'u', credential: { kind: 'api_key', key } });
    expect((await h.authkit.client('cc-query', query.id).fetch('/v1/data')).status).toBe(200);
    expect(h.sandbox.requests.at(-1)?.path).toContain('api_key=');
  });
});

describe('client credentials and Planday bootstrap', () => {
  it('client credentials: token cached until near expiry, then renewed by the grant', async () => {
    const connection = await h.authkit.connectClientCredentials({ providerId: 'cc', ownerId: 'service' });
    const client = h.authkit.client('cc', connection.id);
    for (let i = 0; i < 3; i++) expect((await client.fetch('/v1/users')).status).toBe(200);
    expect(h.sandbox.stats.count('clientCredentials.token')).toBe(1);
    h.sandbox.clock.advance((connection.expiresAt ?? 0) - h.sandbox.now() - 30_000);
    expect((await client.fetch('/v1/users')).status).toBe(200);
    expect(h.sandbox.stats.count('clientCredentials.token', { grantType: 'client_credentials' })).toBe(2);
  });

  it('Planday bootstrap: a pasted portal refresh token is exchanged at connect time; a bad one fails there', async () => {
    const portal = h.sandbox.planday.createPortal({ name: 'Second portal' });
    const { refreshToken } = h.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
    const connection = await h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant', label: portal.portalId, refreshToken });
    expect(connection).toMatchObject({ grant: 'refresh_token_bootstrap', label: portal.portalId, status: 'active' });
    expect(h.sandbox.stats.count('planday.token', { grantType: 'refresh_token' })).toBe(1);
    expect((await h.authkit.client('planday', connection.id).fetch('/hr/v1/Employees')).status).toBe(200);

    const bad = await caught(h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant', label: 'other', refreshToken: 'not-a-token' }));
    expect(bad).toMatchObject({ code: 'invalid_credential', providerId: 'planday' });
    expect(await h.authkit.listConnections({ providerId: 'planday' })).toHaveLength(1);
  });

  it('Planday disconnect revokes at /connect/revocation, then deletes', async () => {
    const { refreshToken } = h.sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
    const connection = await h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant', refreshToken });
    const events: string[] = [];
    h.authkit.on('connection.revoked', (e) => events.push(e.type));
    h.authkit.on('connection.deleted', (e) => events.push(e.type));
    await h.authkit.disconnect(connection.id);
    expect(h.sandbox.stats.count('planday.revocation')).toBe(1);
    expect(events).toEqual(['connection.revoked', 'connection.deleted']);
    expect(await h.authkit.getConnection(connection.id)).toBeUndefined();
    const reuse = await caught(h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant', refreshToken }));
    expect(reuse).toMatchObject({ code: 'invalid_credential' });
  });
});
