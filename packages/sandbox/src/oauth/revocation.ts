import type { Handler } from '../router';
import type { SandboxState } from '../state';
import { authenticateClient, type ClientAuthConfig } from './client-auth';
import { sendOAuthError, TokenError, type ErrorBodyFn } from './errors';

/**
 * RFC 7009 revocation: 200 for any token (known or not); revoking a refresh token revokes the
 * whole grant, so its access tokens die with it.
 */
export function revocationEndpoint(state: SandboxState, config: ClientAuthConfig & { errorBody?: ErrorBodyFn }): Handler {
  return async (ctx) => {
    try {
      const form = await ctx.form();
      if (!form) throw new TokenError('invalid_request', 'The request must be application/x-www-form-urlencoded.');
      const client = authenticateClient(ctx, state, config, form);
      const value = form.get('token');
      if (!value) throw new TokenError('invalid_request', 'token is required.');
      const hint = form.get('token_type_hint');
      if (hint !== null && hint !== 'access_token' && hint !== 'refresh_token') {
        throw new TokenError('unsupported_token_type', 'token_type_hint must be access_token or refresh_token.');
      }
      const refreshToken = state.tokens.getRefreshToken(config.provider, value);
      if (refreshToken && refreshToken.grant.clientId === client.clientId) state.tokens.revokeGrant(refreshToken.grant);
      const accessToken = state.tokens.getAccessToken(config.provider, value);
      if (accessToken && accessToken.grant.clientId === client.clientId) state.tokens.revokeAccessToken(value);
      ctx.send(200, '', { 'cache-control': 'no-store' });
    } catch (error) {
      if (error instanceof TokenError) sendOAuthError(ctx, config, error);
      else throw error;
    }
  };
}
