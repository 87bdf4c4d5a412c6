import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, pkcePair, postForm, REDIRECT, redirectParams } from './helpers';

const { clientId, clientSecret } = DEMO_CLIENTS.plannr;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('plannr', clientId, REDIRECT);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.stats.reset();
  sandbox.faults.clear();
});

async function codeFor(extra: Record<string, string> = {}): Promise<string> {
  const res = await authorize(sandbox.endpoints.plannr.authorizationEndpoint, {
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: '*',
    state: 'st-1',
    ...extra,
  });
  const params = redirectParams(res);
  expect(params.get('state')).toBe('st-1');
  return params.get('code') ?? '';
}

async function exchange(code: string, extra: Record<string, string> = {}) {
  return postForm(sandbox.endpoints.plannr.tokenEndpoint, {
    grant_type: 'authorization_code',
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: REDIRECT,
    code,
    ...extra,
  });
}

function refresh(refreshToken: string) {
  return postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken });
}

describe('Plannr', () => {
  it('authorize → token → logins → contacts with the account header', async () => {
    const res = await exchange(await codeFor());
    expect(res.status).toBe(200);
    const tokens = await json(res);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof tokens.access_token).toBe('string');
    expect(typeof tokens.refresh_token).toBe('string');

    const auth = { authorization: `Bearer ${String(tokens.access_token)}`, accept: 'application/json' };
    const logins = await json(await fetch(`${sandbox.endpoints.plannr.baseUrl}/api/v1/logins`, { headers: auth }));
    const data = logins.data as { account: { uuid: string } }[];
    expect(data).toHaveLength(2);
    expect(logins.preferred_account_uuid).toBe(data[0]?.account.uuid);
    expect(logins.user).toMatchObject({ email: 'dana@plannr.test' });

    const contacts = await fetch(`${sandbox.endpoints.plannr.baseUrl}/api/v1/contacts`, {
      headers: { ...auth, 'X-PLANNR-ACCOUNT-UUID': String(logins.preferred_account_uuid) },
    });
    expect(contacts.status).toBe(200);
    expect(((await json(contacts)).data as unknown[]).length).toBe(2);
    expect(contacts.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('needs X-PLANNR-ACCOUNT-UUID (400 missing, 403 not the user’s) and a valid bearer (401)', async () => {
    const { token } = sandbox.plannr.createPersonalAccessToken();
    const url = `${sandbox.endpoints.plannr.baseUrl}/api/v1/contacts`;
    const missing = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(400);
    const foreign = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-plannr-account-uuid': 'nope' } });
    expect(foreign.status).toBe(403);
    const bad = await fetch(url, { headers: { authorization: 'Bearer wrong', 'x-plannr-account-uuid': 'nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Unauthenticated.' });
  });

  it('rotates refresh tokens; reusing the old one is invalid_grant and revokes the whole grant', async () => {
    const first = await json(await exchange(await codeFor()));
    const second = await json(await refresh(String(first.refresh_token)));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    // Passport revokes the access token issued with the old refresh token.
    const oldAccess = await fetch(`${sandbox.endpoints.plannr.baseUrl}/api/v1/logins`, { headers: { authorization: `Bearer ${String(first.access_token)}` } });
    expect(oldAccess.status).toBe(401);

    const reuse = await refresh(String(first.refresh_token));
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant', hint: 'Token has been revoked', message: expect.any(String) });
    // The family is gone: the newest refresh token and its access token no longer work.
    expect((await refresh(String(second.refresh_token))).status).toBe(400);
    const newAccess = await fetch(`${sandbox.endpoints.plannr.baseUrl}/api/v1/logins`, { headers: { authorization: `Bearer ${String(second.access_token)}` } });
    expect(newAccess.status).toBe(401);
    expect(sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(3);
  });

  it('refresh tokens expire after the configured lifetime (sandbox clock)', async () => {
    const tokens = await json(await exchange(await codeFor()));
    sandbox.clock.advance(181 * 86_400_000);
    const res = await refresh(String(tokens.refresh_token));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant', hint: 'Token has expired' });
  });

  it('verifies PKCE S256 when a challenge was sent', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
    const wrong = await exchange(code, { code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error).toBe('invalid_grant');
    const code2 = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await exchange(code2, { code_verifier: verifier })).status).toBe(200);
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    const res = await postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'refresh_token', client_id: clientId, client_secret: 'wrong', refresh_token: 'x' });
    expect(res.status).toBe(401);
    expect((await json(res)).error).toBe('invalid_client');
  });
});
