import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, REDIRECT, startHarness, type Harness } from './helpers/sandbox';

// For frameworks that run the redirect leg themselves (passport-oauth2): they check `state`
// through consumePendingAuthorization, then let core exchange the code the provider's way.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function codeFor(providerId: string) {
  const callback = new URL(await h.authorizeCallback(providerId, 'framework-user'));
  const pending = await h.authkit.consumePendingAuthorization(providerId, callback.searchParams.get('state') ?? '');
  return { code: callback.searchParams.get('code') ?? '', pending };
}

describe('exchangeAuthorizationCode', () => {
  it('Planday: exchanges with client_id only (no secret) and the PKCE verifier, storing nothing', async () => {
    const { code, pending } = await codeFor('planday');
    const before = h.sandbox.requests.length;
    const tokens = await h.authkit.exchangeAuthorizationCode({
      providerId: 'planday',
      code,
      redirectUri: pending.redirectUri,
      ...(pending.codeVerifier === undefined ? {} : { codeVerifier: pending.codeVerifier }),
    });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.expires_in).toBe(3600);
    const tokenRequest = h.sandbox.requests.slice(before).find((entry) => entry.endpointKey === 'planday.token');
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(await h.authkit.listConnections({ ownerId: 'framework-user' })).toEqual([]);
  });

  it('Plannr: a wrong redirect URI is refused by the token endpoint with a typed error', async () => {
    const { code, pending } = await codeFor('plannr');
    const error = await caught(
      h.authkit.exchangeAuthorizationCode({
        providerId: 'plannr',
        code,
        redirectUri: REDIRECT('elsewhere'),
        ...(pending.codeVerifier === undefined ? {} : { codeVerifier: pending.codeVerifier }),
      }),
    );
    expect(error.code).toBe('token_endpoint_error');
    expect(error.providerId).toBe('plannr');
  });

  it('refuses a provider without OAuth2', async () => {
    const error = await caught(h.authkit.exchangeAuthorizationCode({ providerId: 'cc-query', code: 'x', redirectUri: REDIRECT('x') }));
    expect(error.code).toBe('configuration_error');
  });
});
