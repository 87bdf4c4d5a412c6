import type { OAuth2Settings, TokenResponseInput } from '@authkit/core';
import { stringify } from 'node:querystring';

type OAuthCallback = (err: unknown, accessToken?: string, refreshToken?: string, results?: Record<string, unknown>) => void;

/** The parts of node-oauth's `OAuth2` client this module relies on (underscored = internal). */
interface NodeOAuth2 {
  getOAuthAccessToken(code: string, params: Record<string, string>, callback: OAuthCallback): void;
  _getAccessTokenUrl(): string;
  _request(method: string, url: string, headers: Record<string, string>, body: string, accessToken: null, callback: (err: unknown, data?: string | Buffer) => void): void;
}

/**
 * Replaces node-oauth's token request so it honours the provider's client authentication.
 * Why: node-oauth always posts `client_secret` — for a public client such as Planday's
 * (`clientAuthentication: 'none'`) that is an empty `client_secret=` the server may reject,
 * and `client_secret_basic` providers expect the secret in the Authorization header instead.
 * Everything else (URL, transport, JSON parsing, error shape) stays node-oauth's.
 */
export function applyClientAuthentication(client: unknown, settings: OAuth2Settings): void {
  const oauth = client as NodeOAuth2;
  oauth.getOAuthAccessToken = function getOAuthAccessToken(code, params, callback) {
    const body: Record<string, string> = { ...params };
    body[params.grant_type === 'refresh_token' ? 'refresh_token' : 'code'] = code;
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (settings.clientAuthentication === 'client_secret_basic' && settings.clientSecret !== undefined) {
      const user = encodeURIComponent(settings.clientId);
      const pass = encodeURIComponent(settings.clientSecret);
      headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    } else {
      body.client_id = settings.clientId;
      if (settings.clientAuthentication === 'client_secret_post' && settings.clientSecret !== undefined) {
        body.client_secret = settings.clientSecret;
      }
    }
    oauth._request('POST', oauth._getAccessTokenUrl(), headers, stringify(body), null, (err, data) => {
      if (err) return callback(err);
      let results: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(String(data));
        results = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        return callback({ statusCode: 502, data: '{"error":"invalid_response"}' });
      }
      const access = typeof results.access_token === 'string' ? results.access_token : undefined;
      const refresh = typeof results.refresh_token === 'string' ? results.refresh_token : undefined;
      callback(null, access, refresh, results);
    });
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
