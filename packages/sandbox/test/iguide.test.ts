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
