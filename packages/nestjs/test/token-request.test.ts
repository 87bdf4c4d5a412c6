import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OAuth2Strategy from 'passport-oauth2';
import { createAuthKit, providers, type ProviderDefinition } from '@authkit/core';
import { toTokenResponse, useAuthKitCodeExchange } from '../src/token-request';

/** A real token endpoint that records what each request carried. */
let seen: { body: URLSearchParams; authorization?: string }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const server = createServer((req: IncomingMessage, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  req.on('end', () => {
    seen.push({ body: new URLSearchParams(raw), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.body));
  });
});
let tokenUrl = '';
const GOOD = { access_token: 'at', token_type: 'bearer', expires_in: 3600, refresh_token: 'rt', scope: 'a b' };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs passport-oauth2's code exchange as its callback leg does, with core doing the request. */
function exchange(provider: ProviderDefinition): Promise<{ access?: string; refresh?: string; results?: Record<string, unknown> }> {
  const authkit = createAuthKit({ providers: [provider] });
  const strategy = new OAuth2Strategy(
    { authorizationURL: 'http://127.0.0.1/authorize', tokenURL: tokenUrl, clientID: provider.oauth2!.clientId, clientSecret: '' },
    () => undefined,
  );
  const client = (strategy as unknown as { _oauth2: { getOAuthAccessToken: (...a: unknown[]) => void } })._oauth2;
  useAuthKitCodeExchange(client, authkit, provider.id);
  return new Promise((resolve, reject) =>
    client.getOAuthAccessToken('the-code', { grant_type: 'authorization_code', redirect_uri: 'http://localhost/cb', code_verifier: 'v'.repeat(43) }, (err: unknown, access?: string, refresh?: string, results?: Record<string, unknown>) =>
      err ? reject(err) : resolve({ access, refresh, results }),
    ),
  );
}

describe('passport-oauth2 code exchange through core', () => {
  it('sends no client_secret for Planday (public client), with the PKCE verifier and the redirect URI', async () => {
    seen = [];
    answer = { status: 200, body: GOOD };
    const planday = providers.planday({ clientId: 'pd-client', tokenEndpoint: tokenUrl, authorizationEndpoint: 'http://127.0.0.1/authorize' });
    const { access, refresh } = await exchange(planday);
    expect(access).toBe('at');
    expect(refresh).toBe('rt');
    expect(seen[0]!.body.get('client_id')).toBe('pd-client');
    expect(seen[0]!.body.has('client_secret')).toBe(false);
    expect(seen[0]!.authorization).toBeUndefined();
    expect(seen[0]!.body.get('code_verifier')).toBe('v'.repeat(43));
    expect(seen[0]!.body.get('code')).toBe('the-code');
    expect(seen[0]!.body.get('redirect_uri')).toBe('http://localhost/cb');
  });

  it('posts the secret for client_secret_post and uses Basic for client_secret_basic', async () => {
    seen = [];
    answer = { status: 200, body: GOOD };
    const base = { clientId: 'c:1', clientSecret: 's/2', tokenEndpoint: tokenUrl, authorizationEndpoint: 'http://127.0.0.1/a', baseUrl: 'http://127.0.0.1' };
    await exchange(providers.oauth2({ id: 'p', ...base, clientAuthentication: 'client_secret_post' }));
    await exchange(providers.oauth2({ id: 'b', ...base, clientAuthentication: 'client_secret_basic' }));
    expect(seen[0]!.body.get('client_secret')).toBe('s/2');
    expect(seen[1]!.body.has('client_secret')).toBe(false);
    expect(seen[1]!.authorization).toBe(`Basic ${Buffer.from('c%3A1:s%2F2').toString('base64')}`);
  });

  it('keeps expires_in, scope and the refresh token of the token response', async () => {
    answer = { status: 200, body: GOOD };
    const { access, refresh, results } = await exchange(providers.planday({ clientId: 'x', tokenEndpoint: tokenUrl, authorizationEndpoint: 'http://127.0.0.1/a' }));
    expect(toTokenResponse(access!, refresh, results)).toEqual({ access_token: 'at', token_type: 'bearer', expires_in: 3600, refresh_token: 'rt', scope: 'a b' });
    expect(toTokenResponse('a', undefined, { expires_in: '60', scope: 7 })).toEqual({ access_token: 'a', expires_in: 60 });
  });

  it('turns an OAuth error and a malformed response into typed token endpoint errors', async () => {
    const planday = providers.planday({ clientId: 'x', tokenEndpoint: tokenUrl, authorizationEndpoint: 'http://127.0.0.1/a' });
    answer = { status: 400, body: { error: 'invalid_grant', error_description: 'code used' } };
    await expect(exchange(planday)).rejects.toMatchObject({ code: 'token_endpoint_error', error: 'invalid_grant', providerId: 'planday' });
    answer = { status: 200, body: { token_type: 'bearer' } };
    await expect(exchange(planday)).rejects.toMatchObject({ code: 'token_endpoint_error', providerId: 'planday' });
  });
});
