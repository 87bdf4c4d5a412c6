import { bearerToken } from '../http';
import { tokenEndpoint } from '../oauth/token-endpoint';
import { newTokenValue } from '../oauth/tokens';
import type { Route } from '../router';
import type { SandboxState } from '../state';

export interface ClientCredentialsAdmin {
  /** A legacy API key for `GET /v1/data` (`X-API-Key` header or `api_key` query parameter). */
  createApiKey(): { key: string };
  /** Revokes a key (key rotation: create the new one, move over, revoke the old). */
  revokeApiKey(key: string): boolean;
}

export function createClientCredentials(state: SandboxState): { routes: Route[]; admin: ClientCredentialsAdmin } {
  const prefix = '/cc-api';
  const apiKeys = new Set<string>();
  const invalidToken = { error: 'invalid_token', error_description: 'The access token is missing, invalid or expired.' };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: `${prefix}/oauth2/token`,
      key: 'clientCredentials.token',
      handler: tokenEndpoint(state, {
        provider: 'clientCredentials',
        clientAuthentication: 'secret',
        grants: ['client_credentials'],
        prefix: 'cc',
        includeScope: true,
      }),
    },
    {
      method: 'GET',
      pattern: `${prefix}/v1/users`,
      key: 'clientCredentials.api',
      handler: (ctx) => {
        const value = bearerToken(ctx);
        const access = value ? state.tokens.findAccessToken('clientCredentials', value, state.clock.now()) : undefined;
        if (!access) return ctx.json(401, invalidToken, { 'www-authenticate': 'Bearer error="invalid_token"' });
        if (!access.scopes.includes('users:read')) {
          return ctx.json(403, { error: 'insufficient_scope', error_description: 'This endpoint requires scope users:read.', scope: 'users:read' });
        }
        ctx.json(200, { data: [{ id: 'usr_1', name: 'Service User' }, { id: 'usr_2', name: 'Batch Runner' }] });
      },
    },
    {
      method: 'GET',
      pattern: `${prefix}/v1/data`,
      key: 'clientCredentials.api',
      handler: (ctx) => {
        const key = ctx.header('x-api-key') ?? ctx.url.searchParams.get('api_key');
        if (!key || !apiKeys.has(key)) return ctx.json(401, { error: 'invalid_api_key', error_description: 'The API key is missing or invalid.' });
        ctx.json(200, { data: [{ id: 1, value: 42 }, { id: 2, value: 7 }] });
      },
    },
  ];

  const admin: ClientCredentialsAdmin = {
    createApiKey() {
      const key = newTokenValue('ak');
      apiKeys.add(key);
      return { key };
    },
    revokeApiKey: (key) => apiKeys.delete(key),
  };
  return { routes, admin };
}
