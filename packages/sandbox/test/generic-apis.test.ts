import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, postForm, REDIRECT, redirectParams } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('oauth2', DEMO_CLIENTS.oauth2.clientId, REDIRECT);
});
afterAll(() => sandbox.close());

describe('generic OAuth2 + PAT API (seed 002)', () => {
  it('authorize → token → /v1/me; /v1/projects needs projects:read (403 insufficient_scope); revoke', async () => {
    const { clientId, clientSecret } = DEMO_CLIENTS.oauth2;
    const params = redirectParams(await authorize(sandbox.endpoints.oauth2.authorizationEndpoint, { client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'profile', state: 'z' }));
    const tokens = await json(await postForm(sandbox.endpoints.oauth2.tokenEndpoint, { grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: REDIRECT, client_id: clientId, client_secret: clientSecret }));
    expect(tokens.scope).toBe('profile');
    const auth = { authorization: `Bearer ${String(tokens.access_token)}` };
    expect((await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: auth })).status).toBe(200);
    const projects = await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/projects`, { headers: auth });
    expect(projects.status).toBe(403);
    expect(projects.headers.get('www-authenticate')).toContain('insufficient_scope');

    const revoke = await postForm(sandbox.endpoints.oauth2.revocationEndpoint, { token: String(tokens.refresh_token), token_type_hint: 'refresh_token', client_id: clientId, client_secret: clientSecret });
    expect(revoke.status).toBe(200);
    expect((await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: auth })).status).toBe(401);
  });

  it('personal access tokens work as Bearer', async () => {
    const { token } = sandbox.oauth2.createPersonalAccessToken();
    expect((await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/projects`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe('client-credentials + API key API (seed 003)', () => {
  it('POST /oauth2/token with client credentials, then GET /v1/users with the Bearer', async () => {
    const { clientId, clientSecret } = DEMO_CLIENTS.clientCredentials;
    const res = await postForm(sandbox.endpoints.clientCredentials.tokenEndpoint, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const tokens = await json(res);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect('refresh_token' in tokens).toBe(false);
    const users = await fetch(`${sandbox.endpoints.clientCredentials.baseUrl}/v1/users`, { headers: { authorization: `Bearer ${String(tokens.access_token)}` } });
    expect(users.status).toBe(200);
    const badScope = await postForm(sandbox.endpoints.clientCredentials.tokenEndpoint, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'admin' });
    expect((await json(badScope)).error).toBe('invalid_scope');
  });

  it('GET /v1/data with X-API-Key or ?api_key=; revoked keys are 401', async () => {
    const { key } = sandbox.clientCredentials.createApiKey();
    const data = `${sandbox.endpoints.clientCredentials.baseUrl}/v1/data`;
    expect((await fetch(data, { headers: { 'x-api-key': key } })).status).toBe(200);
    expect((await fetch(`${data}?api_key=${encodeURIComponent(key)}`)).status).toBe(200);
    expect((await fetch(data)).status).toBe(401);
    sandbox.clientCredentials.revokeApiKey(key);
    expect((await fetch(data, { headers: { 'x-api-key': key } })).status).toBe(401);
  });
});
