import type { AuthKit, TokenResponseInput } from '@authkit/core';

type OAuthCallback = (err: unknown, accessToken?: string, refreshToken?: string, results?: Record<string, unknown>) => void;

/** The part of node-oauth's `OAuth2` client that passport-oauth2 calls for the code exchange. */
interface NodeOAuth2 {
  getOAuthAccessToken(code: string, params: Record<string, string>, callback: OAuthCallback): void;
}

/**
 * Hands passport-oauth2's code exchange to AuthKit core. Why: node-oauth always posts
 * `client_secret` (an empty one for Planday's public client), knows nothing of
 * `client_secret_basic`, and reads token responses loosely. Core exchanges the code exactly as
 * the provider definition says (client authentication, PKCE verifier, oauth4webapi's strict
 * response checks), so no endpoint or quirk is defined twice. passport-oauth2 still owns the
 * redirect, `state` (through our store) and the callback.
 */
export function useAuthKitCodeExchange(client: unknown, authkit: AuthKit, providerId: string): void {
  const oauth = client as NodeOAuth2;
  oauth.getOAuthAccessToken = function getOAuthAccessToken(code, params, callback) {
    authkit
      .exchangeAuthorizationCode({
        providerId,
        code,
        // passport-oauth2 sets both from the authorization request it made.
        redirectUri: params.redirect_uri ?? '',
        ...(params.code_verifier ? { codeVerifier: params.code_verifier } : {}),
      })
      .then(
        (tokens) => callback(null, tokens.access_token, tokens.refresh_token, { ...tokens }),
        (error: unknown) => callback(error),
      );
  };
}

/**
 * The token response as passport-oauth2 hands it over, checked field by field, with the
 * fields AuthKit needs (`expires_in`, `refresh_token`, `scope`) kept.
 */
export function toTokenResponse(accessToken: string, refreshToken: string | undefined, results: unknown): TokenResponseInput {
  const r = typeof results === 'object' && results !== null ? (results as Record<string, unknown>) : {};
  const tokens: TokenResponseInput = { access_token: accessToken };
  if (typeof r.token_type === 'string') tokens.token_type = r.token_type;
  const expiresIn = numeric(r.expires_in);
  if (expiresIn !== undefined) tokens.expires_in = expiresIn;
  const expiresAt = numeric(r.expires_at);
  if (expiresAt !== undefined) tokens.expires_at = expiresAt;
  const refresh = refreshToken || (typeof r.refresh_token === 'string' ? r.refresh_token : undefined);
  if (refresh) tokens.refresh_token = refresh;
  if (typeof r.scope === 'string') tokens.scope = r.scope;
  return tokens;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}
