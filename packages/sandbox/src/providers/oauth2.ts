import { bearerToken, type Ctx } from '../http';
import { authorizeGet, authorizePost, type AuthorizeConfig } from '../oauth/authorize';
import { revocationEndpoint } from '../oauth/revocation';
import { tokenEndpoint, type TokenEndpointConfig } from '../oauth/token-endpoint';
import type { AccessToken } from '../oauth/tokens';
import type { Route } from '../router';
import type { SandboxState } from '../state';

/** Scopes of the generic OAuth2 + PAT API (seed 002). */
export const OAUTH2_SCOPES = ['profile', 'projects:read', 'projects:write'];

export interface OAuth2Admin {
  /** A long-lived personal access token (all scopes unless narrowed). */
  createPersonalAccessToken(input?: { scopes?: string[]; expiresInSeconds?: number }): { token: string; scopes: string[] };
}

export function createOAuth2(state: SandboxState): { routes: Route[]; admin: OAuth2Admin } {
  const prefix = '/oauth2-api';

  const authorize: AuthorizeConfig = {
    provider: 'oauth2',
    providerName: 'Example OAuth2 API',
    path: `${prefix}/oauth/authorize`,
    issuer: (s) => `${s.baseUrl}${prefix}`,
    checkScopes(requested, client) {
      const scopes = requested.length > 0 ? requested : ['profile'];
      const bad = scopes.find((s) => !OAUTH2_SCOPES.includes(s) || (client.scopes !== undefined && !client.scopes.includes(s)));
      return bad ? { error: `Scope ${bad} is unknown or not allowed for this client.` } : scopes;
    },
    approve: (s) => ({ subject: s.data.oauth2User.id }),
  };

  const tokenConfig: TokenEndpointConfig = {
    provider: 'oauth2',
    clientAuthentication: 'secret',
    grants: ['authorization_code', 'refresh_token'],
    prefix: 'oa2',
    includeScope: true,
  };

  /** RFC 6750 errors: 401 invalid_token, 403 insufficient_scope, both with WWW-Authenticate. */
  function authenticate(ctx: Ctx, scope?: string): AccessToken | undefined {
    const value = bearerToken(ctx);
    const access = value ? state.tokens.findAccessToken('oauth2', value, state.clock.now()) : undefined;
    if (!access) {
      ctx.json(401, { error: 'invalid_token', error_description: 'The access token is missing, invalid, expired or revoked.' }, { 'www-authenticate': 'Bearer realm="oauth2-api", error="invalid_token"' });
      return undefined;
    }
    if (scope && !access.scopes.includes(scope)) {
      ctx.json(403, { error: 'insufficient_scope', error_description: `This endpoint requires scope ${scope}.`, scope }, { 'www-authenticate': `Bearer realm="oauth2-api", error="insufficient_scope", scope="${scope}"` });
      return undefined;
    }
    return access;
  }

  /** RFC 8414 metadata; its issuer has a path (`…/oauth2-api`), as Keycloak realms and Auth0 tenants do. */
  const metadata = (ctx: Ctx) => {
    const issuer = `${state.baseUrl}${prefix}`;
    ctx.json(200, {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: OAUTH2_SCOPES,
      authorization_response_iss_parameter_supported: true,
    });
  };

  const routes: Route[] = [
    // RFC 8414 §3: the well-known segment goes between host and path; OpenID puts it after.
    { method: 'GET', pattern: `/.well-known/oauth-authorization-server${prefix}`, key: 'oauth2.discovery', handler: metadata },
    { method: 'GET', pattern: `${prefix}/.well-known/openid-configuration`, key: 'oauth2.discovery', handler: metadata },
    { method: 'GET', pattern: `${prefix}/oauth/authorize`, key: 'oauth2.authorize', handler: authorizeGet(state, authorize) },
    { method: 'POST', pattern: `${prefix}/oauth/authorize`, key: 'oauth2.authorize', handler: authorizePost(state, authorize) },
    { method: 'POST', pattern: `${prefix}/oauth/token`, key: 'oauth2.token', handler: tokenEndpoint(state, tokenConfig) },
    { method: 'POST', pattern: `${prefix}/oauth/revoke`, key: 'oauth2.revocation', handler: revocationEndpoint(state, tokenConfig) },
    {
      method: 'GET',
      pattern: `${prefix}/v1/me`,
      key: 'oauth2.api',
      handler: (ctx) => {
        const access = authenticate(ctx);
        if (access) ctx.json(200, { ...state.data.oauth2User, scopes: access.scopes });
      },
    },
    {
      method: 'GET',
      pattern: `${prefix}/v1/projects`,
      key: 'oauth2.api',
      handler: (ctx) => {
        if (authenticate(ctx, 'projects:read')) ctx.json(200, { data: [{ id: 'p-1', name: 'Apollo' }, { id: 'p-2', name: 'Borealis' }] });
      },
    },
  ];

  const admin: OAuth2Admin = {
    createPersonalAccessToken(input = {}) {
      const scopes = input.scopes ?? OAUTH2_SCOPES;
      const bad = scopes.find((s) => !OAUTH2_SCOPES.includes(s));
      if (bad) throw new TypeError(`unknown scope: ${bad}`);
      const grant = state.tokens.createGrant({ provider: 'oauth2', kind: 'personal_access_token', clientId: 'oauth2-personal-access', subject: state.data.oauth2User.id, scopes });
      const token = state.tokens.issueAccessToken(grant, 'oa2_pat', scopes, input.expiresInSeconds ?? 365 * 86_400, state.clock.now());
      return { token: token.value, scopes: [...scopes] };
    },
  };
  return { routes, admin };
}
