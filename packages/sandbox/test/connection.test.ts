import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandbox, connectionTo, startOrConnectSandbox, startSandbox, type Sandbox, type SandboxConnection } from '../src/index';
import { authorize, json, postForm, redirectParams } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
});
afterAll(() => sandbox.close());

// The same assertions for the remote client (over HTTP) and the in-process adapter.
const variants: [string, () => Promise<SandboxConnection>][] = [
  ['remote (admin HTTP API)', () => connectSandbox(sandbox.url)],
  ['in-process', async () => connectionTo(sandbox)],
];

describe.each(variants)('SandboxConnection %s', (_name, connect) => {
  let connection: SandboxConnection;
  beforeAll(async () => {
    connection = await connect();
  });

  it('describes the sandbox', () => {
    expect(connection.url).toBe(sandbox.url);
    expect(connection.endpoints).toEqual(sandbox.endpoints);
    expect(connection.demoClients).toEqual(sandbox.demoClients);
  });

  it('registers a redirect URI the authorize endpoint then accepts', async () => {
    const uri = `http://127.0.0.1:9/cb-${Math.random().toString(36).slice(2)}`;
    const { clientId, clientSecret } = connection.demoClients.plannr;
    await connection.addRedirectUri('plannr', clientId, uri);
    const params = redirectParams(await authorize(connection.endpoints.plannr.authorizationEndpoint, { response_type: 'code', client_id: clientId, redirect_uri: uri, state: 's1' }));
    const token = await postForm(connection.endpoints.plannr.tokenEndpoint, {
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: uri,
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(token.status).toBe(200);
  });

  it('mints an iGUIDE API token pair that authenticates', async () => {
    const pair = await connection.iguide.createApiToken({ scopes: ['iguide.list'] });
    expect(pair.scopes).toEqual(['iguide.list']);
    const response = await fetch(`${connection.endpoints.iguide.baseUrl}/integrations/test`, {
      method: 'POST',
      headers: { 'X-Plntr-App-Id': pair.id, 'X-Plntr-App-Token': pair.token },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ appId: pair.id });
  });

  it('mints a Plannr personal access token that authenticates', async () => {
    const { token, expiresAt } = await connection.plannr.createPersonalAccessToken();
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const response = await fetch(`${connection.endpoints.plannr.baseUrl}/api/v1/logins`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it("mints a Planday portal's refresh token that the token endpoint exchanges", async () => {
    const portal = await connection.planday.createPortal({ name: 'Connection test portal' });
    expect(portal.name).toBe('Connection test portal');
    const clientId = connection.demoClients.planday.clientId;
    const { refreshToken } = await connection.planday.mintRefreshToken({ portalId: portal.portalId, clientId });
    const tokens = await json(await postForm(connection.endpoints.planday.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }));
    expect(typeof tokens.access_token).toBe('string');
    const response = await fetch(`${connection.endpoints.planday.baseUrl}/hr/v1/Departments`, {
      headers: { Authorization: `Bearer ${String(tokens.access_token)}`, 'X-ClientId': clientId },
    });
    expect(response.status).toBe(200);
  });

  it('mints an API key the client-credentials API accepts', async () => {
    const { key } = await connection.clientCredentials.createApiKey();
    const response = await fetch(`${connection.endpoints.clientCredentials.baseUrl}/v1/data`, { headers: { 'X-API-Key': key } });
    expect(response.status).toBe(200);
  });

  it('mints a generic OAuth2 personal access token that authenticates', async () => {
    const { token, scopes } = await connection.oauth2.createPersonalAccessToken({ scopes: ['profile'] });
    expect(scopes).toEqual(['profile']);
    const response = await fetch(`${connection.endpoints.oauth2.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it('revokes an API key, which the API then refuses', async () => {
    const { key } = await connection.clientCredentials.createApiKey();
    expect(await connection.clientCredentials.revokeApiKey(key)).toBe(true);
    expect(await connection.clientCredentials.revokeApiKey(key)).toBe(false);
    const response = await fetch(`${connection.endpoints.clientCredentials.baseUrl}/v1/data`, { headers: { 'X-API-Key': key } });
    expect(response.status).toBe(401);
  });

  it("revokes a Planday portal's grants, whose refresh token then fails", async () => {
    const clientId = connection.demoClients.planday.clientId;
    const { portalId } = await connection.planday.createPortal({ name: 'Revoked portal' });
    const { refreshToken } = await connection.planday.mintRefreshToken({ portalId, clientId });
    expect(await connection.revokeGrants('planday', { portalId })).toBe(1);
    const answer = await postForm(connection.endpoints.planday.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });
    expect(answer.status).toBe(400);
    expect(await json(answer)).toMatchObject({ error: 'invalid_grant' });
  });

  it('moves the sandbox clock forward', async () => {
    const before = sandbox.now();
    const now = await connection.clock.advance(60_000);
    expect(now).toBeGreaterThanOrEqual(before + 60_000);
    expect(sandbox.now()).toBeGreaterThanOrEqual(now);
  });

  it('rejects bad input', async () => {
    await expect(connection.planday.mintRefreshToken({ portalId: 'no-such-portal', clientId: connection.demoClients.planday.clientId })).rejects.toThrow();
  });
});

describe('connectSandbox errors', () => {
  it('names the method and path, and the admin API error, without credentials', async () => {
    const connection = await connectSandbox(sandbox.url);
    const failure = await connection.iguide.createApiToken({ scopes: 'iguide.list' as unknown as string[] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^Sandbox admin iguide\.createApiToken \(POST \/__sandbox\/iguide\/api-tokens\) failed: HTTP 400 invalid_request/);
  });

  it('never echoes a credential it sent', async () => {
    const connection = await connectSandbox(sandbox.url);
    const secret = 'super-secret-redirect-value';
    const failure = await connection.addRedirectUri('plannr', 'no-such-client', `http://127.0.0.1:9/${secret}`).catch((error: unknown) => error);
    expect((failure as Error).message).toContain('addRedirectUri (POST /__sandbox/clients/plannr/no-such-client/redirect-uris) failed: HTTP');
    expect((failure as Error).message).not.toContain(secret);
  });

  it('never names an API key it revokes, not even in the path', async () => {
    const other = await startSandbox({ port: 0 });
    const connection = await connectSandbox(other.url);
    await other.close();
    const key = 'ak_secret-key-value';
    const failure = await connection.clientCredentials.revokeApiKey(key).catch((error: unknown) => error);
    expect((failure as Error).message).toContain('clientCredentials.revokeApiKey (DELETE /__sandbox/client-credentials/api-keys/:key) failed: cannot reach');
    expect((failure as Error).message).not.toContain(key);
  });

  it('names the clock call when the admin API refuses it', async () => {
    const connection = await connectSandbox(sandbox.url);
    await expect(connection.clock.advance(-1)).rejects.toThrow(/clock\.advance \(POST \/__sandbox\/clock\/advance\) failed: HTTP 400/);
  });

  it('fails clearly when nothing answers at the URL', async () => {
    await expect(connectSandbox('http://127.0.0.1:9')).rejects.toThrow('Sandbox admin connectSandbox (GET /__sandbox) failed: cannot reach http://127.0.0.1:9');
  });

  it('fails clearly when the URL is not a sandbox', async () => {
    await expect(connectSandbox(`${sandbox.url}/plannr`)).rejects.toThrow(/connectSandbox \(GET \/__sandbox\) failed: HTTP 404/);
  });
});

describe('startOrConnectSandbox', () => {
  it('connects to a running sandbox and leaves it running on close', async () => {
    const connection = await startOrConnectSandbox({ url: `${sandbox.url}/` });
    expect(connection.url).toBe(sandbox.url);
    await connection.close();
    expect((await fetch(`${sandbox.url}/__sandbox/health`)).status).toBe(200);
  });

  it('starts one in-process without a URL, and close() stops it', async () => {
    const connection = await startOrConnectSandbox({ port: 0 });
    expect(connection.url).not.toBe(sandbox.url);
    const { key } = await connection.clientCredentials.createApiKey();
    expect((await fetch(`${connection.endpoints.clientCredentials.baseUrl}/v1/data`, { headers: { 'X-API-Key': key } })).status).toBe(200);
    await connection.close();
    await expect(fetch(`${connection.url}/__sandbox/health`)).rejects.toThrow();
  });
});
