/**
 * Any OAuth2 API: authorization code (with PKCE) for acting on behalf of users, client
 * credentials for server-to-server, and optionally personal access tokens or API keys on the
 * same API. A few lines of configuration instead of a subclass — with endpoints, or with only
 * the `issuer`, whose metadata (RFC 8414 / OpenID discovery) supplies them:
 *
 * ```ts
 * providers.oauth2({ id: 'acme', baseUrl: 'https://api.acme.test', issuer: 'https://id.acme.test/realms/main', clientId, clientSecret, redirectUri, scopes: ['read'] });
 * providers.oauth2({
 *   id: 'legacy', baseUrl: 'https://api.legacy.test', clientId, clientSecret,
 *   authorizationEndpoint: 'https://legacy.test/oauth/authorize',
 *   tokenEndpoint: 'https://legacy.test/oauth/token',
 * });
 * ```
 */
import { secret, type Secret } from '../secret';
import type { CredentialKind } from '../credentials';
import type { ApiKeyPlacement } from './api-key';
import { applyApiKey } from './api-key';
import { verifyByRequest } from './verify';
import { checkUrl, hostsOf, parseRetryAfterHeader, parseStandardError, problemWithStaticCredential, signBearer } from './shared';
import type { ClientAuthentication, GenericProviderOptions, OAuth2Settings, ProviderDefinition } from './types';

/** Options of {@link oauth2}. */
export interface OAuth2ProviderOptions extends GenericProviderOptions {
  clientId: string;
  clientSecret?: string | Secret;
  /**
   * Default `client_secret_post` with a secret, `none` without; with discovery, the best method
   * the server offers.
   */
  clientAuthentication?: ClientAuthentication;
  /** Needed for the authorization code flow, unless discovered from `issuer`. */
  authorizationEndpoint?: string;
  /** Required, unless discovered from `issuer`. */
  tokenEndpoint?: string;
  revocationEndpoint?: string;
  /**
   * The authorization server's issuer identifier, exactly (checked against `iss` and metadata).
   * Without `tokenEndpoint`, endpoints and capabilities are discovered from it on first use.
   */
  issuer?: string;
  /** The server always sends RFC 9207's `iss` on callbacks (discovery reads it from the metadata). */
  authorizationResponseIssParameterSupported?: boolean;
  redirectUri?: string;
  /** Default true (S256). */
  pkce?: boolean;
  /** Scopes requested by default. */
  scopes?: readonly string[];
  scopeSeparator?: string;
  requiredScopes?: readonly string[];
  authorizationParams?: Readonly<Record<string, string>>;
  /** Default: authorization code + refresh when `authorizationEndpoint` is set, else client credentials. */
  grants?: OAuth2Settings['grants'];
  defaultAccessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  rotatesRefreshTokens?: boolean;
  userInfoEndpoint?: string;
  /** Also accept personal access tokens (sent as Bearer). */
  personalAccessTokens?: boolean;
  /** Also accept API keys, placed as described. */
  apiKey?: ApiKeyPlacement;
  /** Scope catalogue with implications. */
  scopeCatalogue?: ProviderDefinition['scopes'];
}

/** A generic OAuth2 provider (plus optional PATs and API keys on the same API). */
export function oauth2(options: OAuth2ProviderOptions): ProviderDefinition {
  const { id } = options;
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl);
  const discover = options.tokenEndpoint === undefined && options.issuer !== undefined;
  const tokenEndpoint = discover ? undefined : checkUrl(id, 'tokenEndpoint', options.tokenEndpoint, 'or "issuer" to discover it');
  const grants: OAuth2Settings['grants'] =
    options.grants ?? (options.authorizationEndpoint || discover ? ['authorization_code', 'refresh_token'] : ['client_credentials']);
  const credentialKinds: CredentialKind[] = ['oauth2'];
  if (options.personalAccessTokens) credentialKinds.push('personal_access_token');
  if (options.apiKey) credentialKinds.push('api_key');
  const apiKey = options.apiKey;

  return {
    id,
    name: options.name ?? id,
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds,
    oauth2: {
      clientId: options.clientId,
      ...(options.clientSecret === undefined ? {} : { clientSecret: secret(options.clientSecret) }),
      clientAuthentication: options.clientAuthentication ?? (options.clientSecret === undefined ? 'none' : 'client_secret_post'),
      ...(options.authorizationEndpoint === undefined
        ? {}
        : { authorizationEndpoint: checkUrl(id, 'authorizationEndpoint', options.authorizationEndpoint) }),
      ...(tokenEndpoint === undefined ? {} : { tokenEndpoint }),
      ...(discover ? { discovery: { chooseClientAuthentication: options.clientAuthentication === undefined } } : {}),
      ...(options.revocationEndpoint === undefined ? {} : { revocationEndpoint: checkUrl(id, 'revocationEndpoint', options.revocationEndpoint) }),
      ...(options.issuer === undefined ? {} : { issuer: checkUrl(id, 'issuer', options.issuer) }),
      ...(options.authorizationResponseIssParameterSupported === undefined
        ? {}
        : { authorizationResponseIssParameterSupported: options.authorizationResponseIssParameterSupported }),
      ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
      pkce: options.pkce ?? true,
      scopeSeparator: options.scopeSeparator ?? ' ',
      defaultScopes: options.scopes ?? [],
      ...(options.requiredScopes === undefined ? {} : { requiredScopes: options.requiredScopes }),
      ...(options.authorizationParams === undefined ? {} : { authorizationParams: options.authorizationParams }),
      grants,
      ...(options.defaultAccessTokenLifetimeSeconds === undefined
        ? {}
        : { defaultAccessTokenLifetimeSeconds: options.defaultAccessTokenLifetimeSeconds }),
      ...(options.refreshTokenLifetimeSeconds === undefined ? {} : { refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds }),
      ...(options.rotatesRefreshTokens === undefined ? {} : { rotatesRefreshTokens: options.rotatesRefreshTokens }),
      ...(options.userInfoEndpoint === undefined ? {} : { userInfoEndpoint: options.userInfoEndpoint }),
    },
    ...(options.scopeCatalogue === undefined ? {} : { scopes: options.scopeCatalogue }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    signRequest(context) {
      if (context.credential.kind === 'api_key' && apiKey) applyApiKey(context, apiKey);
      else signBearer(context);
    },
    parseError: options.parseError ?? ((status, body) => parseStandardError(status, body)),
    parseRetryAfter: (headers) => parseRetryAfterHeader(headers),
    validateCredential: (input) =>
      credentialKinds.includes(input.kind) ? problemWithStaticCredential(input) : `${options.name ?? id} does not accept a ${input.kind}`,
    ...(options.verify === undefined ? {} : { verify: verifyByRequest(id, baseUrl, options.verify) }),
  };
}
