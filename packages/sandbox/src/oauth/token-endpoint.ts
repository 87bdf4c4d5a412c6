import type { Handler } from '../router';
import type { SandboxState } from '../state';
import type { ClientRegistration, ProviderId } from '../types';
import { repeatedParameter, splitScopes } from './authorize';
import { authenticateClient, type ClientAuthConfig } from './client-auth';
import type { AuthorizationCode } from './codes';
import { sendOAuthError, TokenError, type ErrorBodyFn } from './errors';
import { isValidVerifier, verifyS256 } from './pkce';
import type { Grant, RefreshToken } from './tokens';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface TokenEndpointConfig extends ClientAuthConfig {
  grants: readonly GrantType[];
  /** Token value prefixes, e.g. `plannr_at`. */
  prefix: string;
  /** Add `scope` to token responses. */
  includeScope: boolean;
  /** The provider's error body shape; RFC 6749 §5.2 `{error, error_description}` by default. */
  errorBody?: ErrorBodyFn;
  /** Extra fields for the authorization_code response (Planday's id_token). */
  codeResponseExtras?(state: SandboxState, code: AuthorizationCode, grant: Grant): Promise<Record<string, unknown>>;
  /** Scopes a client_credentials token gets when none are requested. */
  clientCredentialsScopes?(client: ClientRegistration): string[];
}

/** RFC 6749 token endpoint with the sandbox's strict checks; provider quirks come from `config`. */
export function tokenEndpoint(state: SandboxState, config: TokenEndpointConfig): Handler {
  return async (ctx) => {
    try {
      const form = await ctx.form();
      if (!form) throw new TokenError('invalid_request', 'The request must be application/x-www-form-urlencoded.');
      const repeated = repeatedParameter(form);
      if (repeated) throw new TokenError('invalid_request', `The ${repeated} parameter is repeated (RFC 6749 §3.2).`);
      const client = authenticateClient(ctx, state, config, form);
      const grantType = form.get('grant_type');
      if (!grantType) throw new TokenError('invalid_request', 'grant_type is required.', 400, 'Check the `grant_type` parameter');
      if (!(config.grants as readonly string[]).includes(grantType)) {
        throw new TokenError('unsupported_grant_type', `The grant type ${grantType} is not supported.`);
      }
      let body: Record<string, unknown>;
      if (grantType === 'authorization_code') body = await exchangeCode(state, config, client, form);
      else if (grantType === 'refresh_token') body = refresh(state, config, client, form);
      else body = clientCredentials(state, config, client, form);
      ctx.json(200, body, { pragma: 'no-cache' });
    } catch (error) {
      if (error instanceof TokenError) sendOAuthError(ctx, config, error);
      else throw error;
    }
  };
}

function settingsOf(state: SandboxState, provider: ProviderId) {
  return state.settings[provider];
}

function tokenResponse(config: TokenEndpointConfig, accessToken: string, expiresIn: number, scopes: readonly string[], refreshToken?: string): Record<string, unknown> {
  return {
    token_type: 'Bearer',
    expires_in: expiresIn,
    access_token: accessToken,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    ...(config.includeScope ? { scope: scopes.join(' ') } : {}),
  };
}

function issueFromGrant(state: SandboxState, config: TokenEndpointConfig, grant: Grant, scopes: readonly string[], withRefresh: boolean): { access: string; refresh?: RefreshToken; expiresIn: number } {
  const s = settingsOf(state, config.provider);
  const now = state.clock.now();
  const refresh = withRefresh ? state.tokens.issueRefreshToken(grant, `${config.prefix}_rt`, scopes, s.refreshTokenTtlSeconds, now) : undefined;
  const access = state.tokens.issueAccessToken(grant, `${config.prefix}_at`, scopes, s.accessTokenTtlSeconds, now, refresh);
  return { access: access.value, ...(refresh ? { refresh } : {}), expiresIn: s.accessTokenTtlSeconds };
}

async function exchangeCode(state: SandboxState, config: TokenEndpointConfig, client: ClientRegistration, form: URLSearchParams): Promise<Record<string, unknown>> {
  const value = form.get('code');
  if (!value) throw new TokenError('invalid_request', 'code is required.', 400, 'Check the `code` parameter');
  const code = state.codes.get(config.provider, value);
  const invalid = (hint: string) => new TokenError('invalid_grant', 'The authorization code is invalid, expired, revoked or was issued to another client.', 400, hint);
  if (!code || code.clientId !== client.clientId) throw invalid('Authorization code is invalid');
  if (code.used) {
    // RFC 6749 §4.1.2: a replayed code revokes what it already produced.
    if (code.grant) state.tokens.revokeGrant(code.grant);
    throw invalid('Authorization code has already been used');
  }
  if (code.expiresAt <= state.clock.now()) throw invalid('Authorization code has expired');
  if (form.get('redirect_uri') !== code.redirectUri) throw invalid('redirect_uri does not match the authorization request');
  const verifier = form.get('code_verifier');
  if (code.codeChallenge !== undefined) {
    if (!verifier) throw new TokenError('invalid_request', 'code_verifier is required: a code_challenge was sent.', 400, 'Check the `code_verifier` parameter');
    if (!isValidVerifier(verifier)) throw new TokenError('invalid_request', 'code_verifier must be 43-128 unreserved characters.');
    if (!verifyS256(code.codeChallenge, verifier)) throw invalid('Failed to verify `code_verifier`.');
  }
  code.used = true;
  const grant = state.tokens.createGrant({
    provider: config.provider,
    kind: 'authorization_code',
    clientId: client.clientId,
    subject: code.subject,
    scopes: code.scopes,
    ...(code.portalId === undefined ? {} : { portalId: code.portalId }),
  });
  code.grant = grant;
  const issued = issueFromGrant(state, config, grant, code.scopes, config.grants.includes('refresh_token'));
  const extras = config.codeResponseExtras ? await config.codeResponseExtras(state, code, grant) : {};
  return { ...tokenResponse(config, issued.access, issued.expiresIn, code.scopes, issued.refresh?.value), ...extras };
}

function refresh(state: SandboxState, config: TokenEndpointConfig, client: ClientRegistration, form: URLSearchParams): Record<string, unknown> {
  const value = form.get('refresh_token');
  if (!value) throw new TokenError('invalid_request', 'refresh_token is required.', 400, 'Check the `refresh_token` parameter');
  const s = settingsOf(state, config.provider);
  const now = state.clock.now();
  const token = state.tokens.getRefreshToken(config.provider, value);
  const invalid = (hint: string) => new TokenError('invalid_grant', 'The refresh token is invalid.', 400, hint);
  if (!token || token.grant.clientId !== client.clientId) throw invalid('Cannot decrypt the refresh token');
  if (token.grant.revoked) throw invalid('Token has been revoked');
  if (token.revoked) {
    // A rotated-out token presented again: someone else may hold it (RFC 9700 §4.14.2).
    if (s.reuseRevokesGrant) state.tokens.revokeGrant(token.grant);
    throw invalid('Token has been revoked');
  }
  if (token.expiresAt !== null && token.expiresAt <= now) throw invalid('Token has expired');
  let scopes = token.scopes;
  const requested = form.get('scope');
  if (requested !== null && requested.trim() !== '') {
    const narrowed = splitScopes(requested);
    if (narrowed.some((scope) => !token.scopes.includes(scope))) {
      throw new TokenError('invalid_scope', 'The requested scope exceeds the scope originally granted.');
    }
    scopes = narrowed;
  }
  if (s.revokeAccessTokenOnRefresh) for (const access of token.accessTokens) state.tokens.revokeAccessToken(access);
  if (s.rotation === 'always') {
    // Rotated out: presenting it again is reuse. Its access tokens live on unless revoked above.
    token.revoked = true;
    const next = state.tokens.issueRefreshToken(token.grant, `${config.prefix}_rt`, scopes, s.refreshTokenTtlSeconds, now);
    const access = state.tokens.issueAccessToken(token.grant, `${config.prefix}_at`, scopes, s.accessTokenTtlSeconds, now, next);
    return tokenResponse(config, access.value, s.accessTokenTtlSeconds, scopes, next.value);
  }
  const access = state.tokens.issueAccessToken(token.grant, `${config.prefix}_at`, scopes, s.accessTokenTtlSeconds, now, token);
  return tokenResponse(config, access.value, s.accessTokenTtlSeconds, scopes, s.rotation === 'never' ? token.value : undefined);
}

function clientCredentials(state: SandboxState, config: TokenEndpointConfig, client: ClientRegistration, form: URLSearchParams): Record<string, unknown> {
  const allowed = config.clientCredentialsScopes?.(client) ?? client.scopes ?? [];
  const requested = splitScopes(form.get('scope'));
  if (requested.some((scope) => !allowed.includes(scope))) throw new TokenError('invalid_scope', 'The requested scope is not allowed for this client.');
  const scopes = requested.length > 0 ? requested : allowed;
  const grant = state.tokens.createGrant({ provider: config.provider, kind: 'client_credentials', clientId: client.clientId, subject: client.clientId, scopes });
  const issued = issueFromGrant(state, config, grant, scopes, false);
  return tokenResponse(config, issued.access, issued.expiresIn, scopes);
}

