import * as oauth from 'oauth4webapi';
import type { TokenResponseInput } from '../authkit-types';
import type { OAuth2Credential } from '../credentials';
import { AuthKitError, TokenEndpointError } from '../errors';
import type { OAuth2Settings, ProviderDefinition } from '../providers/types';
import { Secret } from '../secret';
import { splitScopes } from '../util/scopes';
import { isLoopbackHttp } from './http';
import type { Telemetry } from '../telemetry/telemetry';

/** What every token-endpoint call needs from the AuthKit instance. */
export interface TokenClientDeps {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** Per-request timeout in ms. */
  readonly timeoutMs: number;
  /** Spans for token-endpoint requests (OpenTelemetry, when present). */
  readonly telemetry?: Telemetry;
}

/** A provider that has OAuth2 settings, with the settings narrowed. */
export type OAuth2Provider = ProviderDefinition & { readonly oauth2: OAuth2Settings };

/** An OAuth2 provider whose endpoints are all known (configured, or discovered: see `resolveOAuth2`). */
export type ResolvedOAuth2Provider = ProviderDefinition & { readonly oauth2: OAuth2Settings & { readonly tokenEndpoint: string } };

/** The OAuth2 settings of a provider, or a `configuration_error`. */
export function requireOAuth2(provider: ProviderDefinition): OAuth2Provider {
  if (provider.oauth2 === undefined) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" has no OAuth2 configuration.`, {
      providerId: provider.id,
    });
  }
  return provider as OAuth2Provider;
}

/**
 * Stands in for an issuer nobody configured or discovered. AuthKit never invents one from an
 * endpoint's origin: Keycloak realms and Auth0 tenants have issuers with paths and trailing
 * slashes, so a guess would reject their `iss` and ID tokens. Nothing can equal this value, so
 * an ID token from such a server is refused until its `issuer` is configured.
 */
const UNKNOWN_ISSUER = 'urn:authkit:issuer-not-configured';

function authorizationServer(provider: ResolvedOAuth2Provider): oauth.AuthorizationServer {
  const settings = provider.oauth2;
  return {
    issuer: settings.issuer ?? UNKNOWN_ISSUER,
    ...(settings.authorizationResponseIssParameterSupported === true ? { authorization_response_iss_parameter_supported: true } : {}),
    token_endpoint: settings.tokenEndpoint,
    ...(settings.authorizationEndpoint === undefined ? {} : { authorization_endpoint: settings.authorizationEndpoint }),
    ...(settings.revocationEndpoint === undefined ? {} : { revocation_endpoint: settings.revocationEndpoint }),
    // AuthKit does not use ID tokens; when a server sends one anyway (Planday with `openid`),
    // oauth4webapi still checks its claims, and needs to know which algorithms are fine.
    id_token_signing_alg_values_supported: ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'],
  };
}

function oauthClient(provider: OAuth2Provider, deps: TokenClientDeps): oauth.Client {
  return {
    client_id: provider.oauth2.clientId,
    // Keeps ID-token time checks consistent with AuthKit's (injectable) clock.
    [oauth.clockSkew]: Math.round((deps.now() - Date.now()) / 1000),
  };
}

function clientAuthentication(provider: OAuth2Provider): oauth.ClientAuth {
  const settings = provider.oauth2;
  switch (settings.clientAuthentication) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (settings.clientSecret === undefined) {
        throw new AuthKitError('configuration_error', `Provider "${provider.id}" needs a client secret for ${settings.clientAuthentication}.`, {
          providerId: provider.id,
        });
      }
      return settings.clientAuthentication === 'client_secret_basic'
        ? oauth.ClientSecretBasic(settings.clientSecret.reveal())
        : oauth.ClientSecretPost(settings.clientSecret.reveal());
    }
  }
}

function requestOptions(endpoint: string, deps: TokenClientDeps): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: deps.fetch,
    // Plain HTTP only for the local sandbox on loopback; any remote endpoint must be HTTPS.
    [oauth.allowInsecureRequests]: isLoopbackHttp(new URL(endpoint)),
    signal: () => AbortSignal.timeout(deps.timeoutMs),
  };
}

const OAUTH_ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const TRANSIENT_OAUTH_ERRORS = new Set(['temporarily_unavailable', 'server_error']);
const MALFORMED = new Set<string>([oauth.PARSE_ERROR, oauth.INVALID_RESPONSE, oauth.RESPONSE_IS_NOT_JSON]);

/**
 * Runs one token-endpoint exchange and turns every failure into a {@link TokenEndpointError}
 * whose `transient` flag drives retries. Secrets never reach the error: the oauth4webapi
 * errors carry the response body, so they are not attached as `cause`.
 */
async function exchange(
  provider: ResolvedOAuth2Provider,
  deps: TokenClientDeps,
  grantType: string,
  send: () => Promise<Response>,
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
): Promise<oauth.TokenEndpointResponse> {
  const span = deps.telemetry?.tokenRequest(provider.id, grantType, provider.oauth2.tokenEndpoint);
  let status: number | undefined;
  try {
    const result = await exchangeOnce(provider, send, process, (value) => (status = value));
    span?.end({ status: status ?? 0, resends: 0, waitedOnRefresh: false });
    return result;
  } catch (error) {
    span?.end({ ...(status === undefined ? {} : { status }), resends: 0, waitedOnRefresh: false, error });
    throw error;
  }
}

async function exchangeOnce(
  provider: OAuth2Provider,
  send: () => Promise<Response>,
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
  onStatus: (status: number) => void,
): Promise<oauth.TokenEndpointResponse> {
  const providerId = provider.id;
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    throw requestFailure(providerId, error);
  }
  onStatus(response.status);
  const status = response.status;
  if (status >= 500 || status === 429 || status === 408) {
    await response.body?.cancel().catch(() => undefined);
    throw new TokenEndpointError(`${provider.name} token endpoint answered HTTP ${status}.`, { providerId, status, transient: true });
  }
  try {
    return await process(response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      const code = OAUTH_ERROR_CODE.test(error.error) ? error.error : 'invalid_response';
      return Promise.reject(
        new TokenEndpointError(`${provider.name} token endpoint answered "${code}" (HTTP ${status}).`, {
          providerId,
          status,
          error: code,
          transient: TRANSIENT_OAUTH_ERRORS.has(code),
        }),
      );
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      throw new TokenEndpointError(`${provider.name} token endpoint rejected the client authentication (HTTP ${status}).`, {
        providerId,
        status,
        error: 'invalid_client',
      });
    }
    if (error instanceof oauth.OperationProcessingError && MALFORMED.has(error.code ?? '') && status >= 200 && status < 300) {
      throw new TokenEndpointError(`${provider.name} token endpoint returned a malformed response.`, {
        providerId,
        status,
        transient: true,
      });
    }
    throw new TokenEndpointError(`${provider.name} token endpoint returned an unusable response (HTTP ${status}).`, {
      providerId,
      status,
    });
  }
}

function requestFailure(providerId: string, error: unknown): AuthKitError {
  // AuthKit's own refusals before sending (a non-HTTPS endpoint, a missing client secret).
  if (error instanceof AuthKitError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TokenEndpointError('Token endpoint request timed out.', { providerId, transient: true });
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError || code.startsWith('ERR_')) {
    // oauth4webapi refused to send (e.g. a non-HTTPS remote endpoint): a configuration problem.
    return new AuthKitError('configuration_error', `Token endpoint request refused: ${error instanceof Error ? error.message : 'invalid request'}.`, {
      providerId,
    });
  }
  return new TokenEndpointError('Token endpoint unreachable (network error).', { providerId, transient: true, cause: error });
}

/** Authorization code exchange with the identical redirect URI and the PKCE verifier. */
export function exchangeAuthorizationCode(
  provider: ResolvedOAuth2Provider,
  deps: TokenClientDeps,
  callbackParameters: URLSearchParams,
  expectedState: string | typeof oauth.skipStateCheck,
  redirectUri: string,
  codeVerifier: string | undefined,
): Promise<oauth.TokenEndpointResponse> {
  const as = authorizationServer(provider);
  const client = oauthClient(provider, deps);
  // Re-validates the callback (state, RFC 9207 iss) and brands the parameters for the exchange.
  // `iss` is checked exactly when the issuer is known; otherwise there is nothing to check it against.
  const parameters = new URLSearchParams(callbackParameters);
  if (provider.oauth2.issuer === undefined) parameters.delete('iss');
  const validated = oauth.validateAuthResponse(as, client, parameters, expectedState);
  return exchange(
    provider,
    deps,
    'authorization_code',
    () =>
      oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuthentication(provider),
        validated,
        redirectUri,
        codeVerifier ?? oauth.nopkce,
        requestOptions(provider.oauth2.tokenEndpoint, deps),
      ),
    (response) => oauth.processAuthorizationCodeResponse(as, client, response),
  );
}

/**
 * The code exchange for a callback whose `state` the caller has already checked against its
 * pending authorization (a framework ran the redirect leg). Same request as above.
 */
export function exchangeCheckedCode(
  provider: ResolvedOAuth2Provider,
  deps: TokenClientDeps,
  code: string,
  redirectUri: string,
  codeVerifier: string | undefined,
): Promise<oauth.TokenEndpointResponse> {
  return exchangeAuthorizationCode(provider, deps, new URLSearchParams({ code }), oauth.skipStateCheck, redirectUri, codeVerifier);
}

/** The fields of a validated token response, as the plain shape adapters pass around. */
export function toTokenResponseInput(response: oauth.TokenEndpointResponse): TokenResponseInput {
  return {
    access_token: response.access_token,
    token_type: response.token_type,
    ...(typeof response.expires_in === 'number' ? { expires_in: response.expires_in } : {}),
    ...(typeof response.refresh_token === 'string' ? { refresh_token: response.refresh_token } : {}),
    ...(typeof response.scope === 'string' ? { scope: response.scope } : {}),
  };
}

/**
 * Sends the RFC 6749 §6 refresh request, handing it to `fetch` synchronously.
 *
 * Why not oauth4webapi's `refreshTokenGrantRequest`: its request functions are async and only
 * call `fetch` after the current turn of the event loop. Under a storm the first caller must
 * send the refresh at once, before thousands of other callers have even started, or all of
 * them wait for the launch to finish first. So the request is built here — the form body,
 * with client authentication still applied by oauth4webapi's `ClientAuth` — and the response
 * is still validated by oauth4webapi (`processRefreshTokenResponse`).
 */
function sendRefreshRequest(provider: ResolvedOAuth2Provider, deps: TokenClientDeps, as: oauth.AuthorizationServer, client: oauth.Client, refreshToken: string): Promise<Response> {
  const endpoint = new URL(provider.oauth2.tokenEndpoint);
  if (endpoint.protocol !== 'https:' && !isLoopbackHttp(endpoint)) {
    return Promise.reject(new AuthKitError('configuration_error', `Token endpoint request refused: ${provider.name}'s token endpoint is not HTTPS.`, { providerId: provider.id }));
  }
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const headers = new Headers({ accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' });
  // None, ClientSecretPost and ClientSecretBasic apply themselves synchronously.
  void clientAuthentication(provider)(as, client, body, headers);
  return deps.fetch(endpoint.href, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(deps.timeoutMs) });
}

/** RFC 6749 §6 refresh. `fetch` is called before this returns (see {@link sendRefreshRequest}). */
export function refreshTokenGrant(provider: ResolvedOAuth2Provider, deps: TokenClientDeps, refreshToken: string): Promise<oauth.TokenEndpointResponse> {
  const as = authorizationServer(provider);
  const client = oauthClient(provider, deps);
  return exchange(
    provider,
    deps,
    'refresh_token',
    () => sendRefreshRequest(provider, deps, as, client, refreshToken),
    (response) => oauth.processRefreshTokenResponse(as, client, response),
  );
}

/** RFC 6749 §4.4 client credentials. */
export function clientCredentialsGrant(provider: ResolvedOAuth2Provider, deps: TokenClientDeps, scopes: readonly string[]): Promise<oauth.TokenEndpointResponse> {
  const as = authorizationServer(provider);
  const client = oauthClient(provider, deps);
  const parameters = new URLSearchParams();
  if (scopes.length > 0) parameters.set('scope', scopes.join(provider.oauth2.scopeSeparator));
  return exchange(
    provider,
    deps,
    'client_credentials',
    () => oauth.clientCredentialsGrantRequest(as, client, clientAuthentication(provider), parameters, requestOptions(provider.oauth2.tokenEndpoint, deps)),
    (response) => oauth.processClientCredentialsResponse(as, client, response),
  );
}

/** RFC 7009 revocation. */
export async function revokeToken(
  provider: ResolvedOAuth2Provider,
  deps: TokenClientDeps,
  token: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
): Promise<void> {
  const endpoint = provider.oauth2.revocationEndpoint;
  if (endpoint === undefined) return;
  const as = authorizationServer(provider);
  const client = oauthClient(provider, deps);
  let response: Response;
  try {
    response = await oauth.revocationRequest(as, client, clientAuthentication(provider), token, {
      ...requestOptions(endpoint, deps),
      additionalParameters: { token_type_hint: tokenTypeHint },
    });
  } catch (error) {
    throw requestFailure(provider.id, error);
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel().catch(() => undefined);
    throw new TokenEndpointError(`${provider.name} revocation endpoint answered HTTP ${response.status}.`, {
      providerId: provider.id,
      status: response.status,
      transient: true,
    });
  }
  try {
    await oauth.processRevocationResponse(response);
  } catch (error) {
    const code = error instanceof oauth.ResponseBodyError && OAUTH_ERROR_CODE.test(error.error) ? error.error : undefined;
    throw new TokenEndpointError(`${provider.name} revocation failed (HTTP ${response.status}${code ? `, "${code}"` : ''}).`, {
      providerId: provider.id,
      status: response.status,
      ...(code === undefined ? {} : { error: code }),
    });
  }
}

/** Turns a token response into a credential; omitted fields keep their previous values. */
export function toOAuth2Credential(
  provider: OAuth2Provider,
  response: {
    access_token: string;
    token_type?: string;
    expires_in?: number;
    refresh_token?: string;
    scope?: string;
    refresh_token_expires_in?: unknown;
  },
  now: number,
  context: { requestedScopes?: readonly string[]; previous?: OAuth2Credential; expiresAtMs?: number } = {},
): OAuth2Credential {
  const settings = provider.oauth2;
  const previous = context.previous;
  const lifetime = response.expires_in ?? settings.defaultAccessTokenLifetimeSeconds;
  const expiresAt = context.expiresAtMs ?? (lifetime === undefined ? undefined : now + lifetime * 1000);
  // RFC 6749 §6: a new refresh token replaces the old one; none in the response keeps the old.
  const refreshToken = response.refresh_token === undefined ? previous?.refreshToken : new Secret(response.refresh_token);
  let refreshTokenExpiresAt: number | undefined;
  if (response.refresh_token !== undefined) {
    const explicit = typeof response.refresh_token_expires_in === 'number' ? response.refresh_token_expires_in : undefined;
    const refreshLifetime = explicit ?? settings.refreshTokenLifetimeSeconds;
    refreshTokenExpiresAt = refreshLifetime === undefined ? undefined : now + refreshLifetime * 1000;
  } else {
    refreshTokenExpiresAt = previous?.refreshTokenExpiresAt;
  }
  const scopes =
    response.scope !== undefined && response.scope !== ''
      ? splitScopes(response.scope)
      : (previous?.scopes ?? context.requestedScopes ?? []);
  return {
    kind: 'oauth2',
    accessToken: new Secret(response.access_token),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    tokenType: response.token_type ?? 'bearer',
    ...(expiresAt === undefined ? {} : { expiresAt, issuedAt: now }),
    ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
    scopes: [...scopes],
  };
}
