/**
 * Planday — https://openapi.planday.com/gettingstarted/authorization
 *
 * An API application (client id, no secret) is authorized per portal; each portal gives one
 * refresh token (Settings → Integrations → API Access, or the authorization code flow for
 * partners). The refresh token is exchanged at `https://id.planday.com/connect/token` with
 * `client_id` only; access tokens last 1 hour. Requests carry `Authorization: Bearer …` and
 * `X-ClientId`. Rate limits count per portal and per client id.
 */
import { checkUrl, hostsOf, joinUrl, parseStandardError, requireOption, signBearer } from './shared';
import type { ProviderDefinition, RateLimitRule } from './types';

const DEFAULT_IDENTITY_URL = 'https://id.planday.com';
const DEFAULT_BASE_URL = 'https://openapi.planday.com';
const ACCESS_TOKEN_LIFETIME_SECONDS = 60 * 60;

/** Options of {@link planday}. */
export interface PlandayOptions {
  /** Provider id; default `planday`. */
  id?: string;
  /** The API application's App Id (client id). */
  clientId: string;
  /** Needed only for the authorization code flow (partners). */
  redirectUri?: string;
  /** The app's scopes; `openid offline_access` are always added. */
  scopes?: readonly string[];
  /** API base; default `https://openapi.planday.com`. */
  baseUrl?: string;
  /** Identity server; default `https://id.planday.com`. Endpoints below default under it. */
  identityUrl?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  revocationEndpoint?: string;
  issuer?: string;
  /** ID-token signing keys; default IdentityServer's `{issuer}/.well-known/openid-configuration/jwks`. */
  jwksUri?: string;
  /** PKCE is not documented by Planday; the identity server accepts it. On by default. */
  pkce?: boolean;
  /**
   * Client-side pacing limits. Planday's published numbers differ between copies of its docs,
   * so they are options: defaults per portal 10/s and 500/min, per client id 100/s and 2000/min.
   */
  rateLimits?: readonly RateLimitRule[];
  allowedHosts?: readonly string[];
}

const DEFAULT_RATE_LIMITS: readonly RateLimitRule[] = [
  { per: 'connection', limit: 10, windowMs: 1000 },
  { per: 'connection', limit: 500, windowMs: 60_000 },
  { per: 'client', limit: 100, windowMs: 1000 },
  { per: 'client', limit: 2000, windowMs: 60_000 },
];

/** Planday: per-portal refresh tokens, public client (no secret), Bearer + `X-ClientId`. */
export function planday(options: PlandayOptions): ProviderDefinition {
  const id = options.id ?? 'planday';
  const clientId = requireOption(id, 'clientId', options.clientId);
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl ?? DEFAULT_BASE_URL);
  const identityUrl = checkUrl(id, 'identityUrl', options.identityUrl ?? DEFAULT_IDENTITY_URL);

  return {
    id,
    name: 'Planday',
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds: ['oauth2'],
    oauth2: {
      clientId,
      // Planday's token endpoint takes client_id only: a public client with no secret.
      clientAuthentication: 'none',
      authorizationEndpoint: checkUrl(id, 'authorizationEndpoint', options.authorizationEndpoint ?? joinUrl(identityUrl, 'connect/authorize')),
      tokenEndpoint: checkUrl(id, 'tokenEndpoint', options.tokenEndpoint ?? joinUrl(identityUrl, 'connect/token')),
      revocationEndpoint: checkUrl(id, 'revocationEndpoint', options.revocationEndpoint ?? joinUrl(identityUrl, 'connect/revocation')),
      issuer: options.issuer ?? identityUrl,
      // Planday's identity server is IdentityServer, whose key set lives at this fixed path.
      jwksUri: checkUrl(id, 'jwksUri', options.jwksUri ?? joinUrl(options.issuer ?? identityUrl, '.well-known/openid-configuration/jwks')),
      ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
      pkce: options.pkce ?? true,
      scopeSeparator: ' ',
      defaultScopes: options.scopes ?? [],
      requiredScopes: ['openid', 'offline_access'],
      grants: ['authorization_code', 'refresh_token'],
      defaultAccessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
    },
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    signRequest(context) {
      signBearer(context);
      context.headers.set('X-ClientId', clientId);
    },
    parseError: (status, body) => parseStandardError(status, body),
  };
}
