import { describe, expect, it } from 'vitest';
import { at, authorize, browser, expectError, expectRedirect, type SuiteContext } from './context';

const OWNER_REQUIRED = { code: 'owner_required', message: 'Sign in first: connections belong to a signed-in user.' };

/** Bad input of every kind gets the same clear, typed answer, and stores nothing. */
export function badInputCases(ctx: SuiteContext): void {
  describe('bad input', () => {
    it('unknown provider → 404 unknown_provider', async () => {
      expectError(await browser(ctx).get(at(ctx, '/nope/connect')), 404, {
        code: 'unknown_provider',
        message: 'This app has no provider by that name. Check the link and try again.',
      });
    });

    it('unknown route → 404 not_found', async () => {
      const expected = { code: 'not_found', message: 'There is nothing at this address.' };
      expectError(await browser(ctx).get(at(ctx, '/plannr/nothing')), 404, expected);
      expectError(await browser(ctx).get(at(ctx, '/a/b/c')), 404, expected);
    });

    it('wrong method → 405 with Allow', async () => {
      const expected = { code: 'method_not_allowed', message: 'This address does not accept that request method.' };
      const del = await browser(ctx).send(at(ctx, '/plannr/connect'), { method: 'DELETE' });
      expectError(del, 405, expected);
      expect(del.headers.get('allow')).toBe('GET');
      const get = await browser(ctx).get(at(ctx, '/plannr/credentials'));
      expectError(get, 405, expected);
      expect(get.headers.get('allow')).toBe('POST');
    });

    it('nobody signed in → 401 owner_required on every route', async () => {
      const anonymous = browser(ctx, null);
      expectError(await anonymous.get(at(ctx, '/')), 401, OWNER_REQUIRED);
      expectError(await anonymous.get(at(ctx, '/plannr/connect')), 401, { ...OWNER_REQUIRED, providerId: 'plannr' });
      expectError(await anonymous.postJson(at(ctx, '/plannr/credentials'), { token: 'x' }), 401, { ...OWNER_REQUIRED, providerId: 'plannr' });
    });

    it('a pasted token with a trailing space is refused, not trimmed, and nothing is stored', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      expectError(await user.postJson(at(ctx, '/plannr/credentials'), { token: `${token} ` }), 400, {
        code: 'invalid_credential',
        message: 'Plannr did not accept the credential: the token has leading or trailing whitespace. Check it and enter it again.',
        providerId: 'plannr',
      });
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
    });

    it('a wrong token → 400 invalid_credential', async () => {
      expectError(await browser(ctx).postJson(at(ctx, '/plannr/credentials'), { token: 'not-a-real-token' }), 400, {
        code: 'invalid_credential',
        message: 'Plannr did not accept the credential: it was refused (HTTP 401). Check it and enter it again.',
        providerId: 'plannr',
      });
    });

    it('a credential kind the provider does not take → 400 invalid_credential', async () => {
      expectError(await browser(ctx).postJson(at(ctx, '/plannr/credentials'), { key: 'abc' }), 400, {
        code: 'invalid_credential',
        message: 'Plannr did not accept the credential: a api_key credential is not accepted. Check it and enter it again.',
        providerId: 'plannr',
      });
    });

    it('a missing field → 400 invalid_request naming it; an unknown kind too', async () => {
      expectError(await browser(ctx).postJson(at(ctx, '/planday/refresh-token'), {}), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: the field "refreshToken" is required. Correct it and send it again.',
        providerId: 'planday',
      });
      expectError(await browser(ctx).postJson(at(ctx, '/plannr/credentials'), { kind: 'password' }), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: the field "kind" must be one of api_token, api_key, personal_access_token. Correct it and send it again.',
        providerId: 'plannr',
      });
    });

    it('a refresh token the provider rejects → 400 invalid_credential', async () => {
      expectError(await browser(ctx).postJson(at(ctx, '/planday/refresh-token'), { refreshToken: 'no-such-token' }), 400, {
        code: 'invalid_credential',
        message: 'Planday did not accept the credential: the refresh token was rejected ("invalid_grant"). Check it and enter it again.',
        providerId: 'planday',
      });
    });

    it('a callback repeating an OAuth parameter → 400 invalid_callback, nothing stored', async () => {
      const user = browser(ctx);
      const callback = new URL(await authorize(ctx, user, 'plannr'));
      const expected = { code: 'invalid_callback', message: 'Plannr sent back an authorization response that cannot be used. Start connecting Plannr again.', providerId: 'plannr' };
      expectError(await user.get(`${callback.pathname}${callback.search}&code=second`), 400, expected);
      expectError(await user.get(`${callback.pathname}${callback.search}&state=second`), 400, expected);
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
    });

    it('the user denies at the provider → 400 authorization_denied, or back to returnTo in a browser', async () => {
      const user = browser(ctx);
      const callback = new URL(await authorize(ctx, user, 'plannr', '?returnTo=/crm'));
      const denied = `${callback.pathname}?error=access_denied&state=${callback.searchParams.get('state')}`;
      const answer = await user.get(denied, { navigate: true });
      expectRedirect(answer, 303, '/crm?authkit_error=authorization_denied&authkit_provider=plannr');

      const api = browser(ctx);
      const second = new URL(await authorize(ctx, api, 'plannr'));
      expectError(await api.get(`${second.pathname}?error=access_denied&state=${second.searchParams.get('state')}`), 400, {
        code: 'authorization_denied',
        message: 'Plannr did not authorize the connection. Start connecting Plannr again if that was a mistake.',
        providerId: 'plannr',
      });
    });

    it('a token endpoint that fails at the code exchange → 502 token_endpoint_error', async () => {
      const user = browser(ctx);
      const callback = await authorize(ctx, user, 'plannr');
      ctx.world.sandbox.faults.inject('plannr.token', { kind: '5xx' });
      try {
        expectError(await user.get(callback), 502, {
          code: 'token_endpoint_error',
          message: 'Plannr did not complete the request as expected. Try again in a moment.',
          providerId: 'plannr',
        });
      } finally {
        ctx.world.sandbox.faults.clear('plannr.token');
      }
    });

    it('a code the token endpoint refuses (invalid_grant) → 400', async () => {
      const user = browser(ctx);
      const callback = new URL(await authorize(ctx, user, 'plannr'));
      callback.searchParams.set('code', 'forged-code');
      expectError(await user.get(`${callback.pathname}${callback.search}`), 400, {
        code: 'token_endpoint_error',
        message: 'Plannr refused the authorization: it has expired or was already used. Start connecting Plannr again.',
        providerId: 'plannr',
      });
    });

    it('connecting what is already connected, in a browser, goes back with the code to show', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      await user.postJson(at(ctx, '/plannr/credentials'), { token });
      const answer = await user.postForm(at(ctx, '/plannr/credentials'), { token, returnTo: '/systems' });
      expectRedirect(answer, 303, '/systems?authkit_error=connection_exists&authkit_provider=plannr');
    });

    it('a repeated query parameter → 400 invalid_request', async () => {
      expectError(await browser(ctx).get(at(ctx, '/plannr/connect?returnTo=/a&returnTo=/b')), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: the query parameter "returnTo" appears more than once. Correct it and send it again.',
      });
    });
  });
}
