import * as oauth from 'oauth4webapi';
import { AuthKitError } from '../errors';
import type { ClientAuthentication, ProviderDefinition } from '../providers/types';
import { isLoopbackHttp } from './http';
import type { OAuth2Provider, ResolvedOAuth2Provider, TokenClientDeps } from './token-client';
import { requireOAuth2 } from './token-client';

/** Resolved providers per definition; a failed discovery is dropped so the next use reads again. */
const resolved = new WeakMap<ProviderDefinition, Promise<ResolvedOAuth2Provider>>();
/** The same, once settled, for synchronous use. */
const ready = new WeakMap<ProviderDefinition, ResolvedOAuth2Provider>();

function configurationError(provider: ProviderDefinition, why: string): AuthKitError {
  return new AuthKitError('configuration_error', `Provider "${provider.id}": ${why}`, { providerId: provider.id });
}

/** RFC 8414 first (`/.well-known/oauth-authorization-server`), then OpenID Connect discovery. */
async function discover(provider: OAuth2Provider, issuer: string, deps: TokenClientDeps): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  let lastStatus = 0;
  for (const algorithm of ['oauth2', 'oidc'] as const) {
    let response: Response;
    try {
      response = await oauth.discoveryRequest(issuerUrl, {
        algorithm,
        [oauth.customFetch]: deps.fetch,
        [oauth.allowInsecureRequests]: isLoopbackHttp(issuerUrl),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (cause) {
      throw new AuthKitError('provider_unavailable', `${provider.name}'s authorization server metadata could not be read.`, { providerId: provider.id, cause });
    }
    if (response.status === 404) {
      lastStatus = 404;
      await response.body?.cancel().catch(() => undefined);
      continue;
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      throw new AuthKitError('provider_unavailable', `${provider.name}'s metadata endpoint answered HTTP ${response.status}.`, { providerId: provider.id, status: response.status });
    }
    try {
      // Checks the document's `issuer` equals the configured one exactly (RFC 8414 §3.3).
      return await oauth.processDiscoveryResponse(issuerUrl, response);
    } catch (cause) {
      throw new AuthKitError('configuration_error', `${provider.name}'s metadata at its issuer is not usable (wrong issuer or malformed).`, { providerId: provider.id, cause });
    }
  }
  throw configurationError(provider, `no authorization server metadata was found for issuer ${issuer} (HTTP ${lastStatus}).`);
}

/** The client authentication to use: the configured one, checked; else the best the server offers. */
function clientAuthentication(provider: OAuth2Provider, supported: readonly string[]): ClientAuthentication {
  const settings = provider.oauth2;
  if (settings.discovery?.chooseClientAuthentication !== true) {
    if (!supported.includes(settings.clientAuthentication)) {
      throw configurationError(provider, `the server does not accept the "${settings.clientAuthentication}" client authentication (it offers ${supported.join(', ')}).`);
    }
    return settings.clientAuthentication;
  }
  const candidates: ClientAuthentication[] = settings.clientSecret === undefined ? ['none'] : ['client_secret_basic', 'client_secret_post'];
  const chosen = candidates.find((method) => supported.includes(method));
  if (chosen === undefined) {
    throw configurationError(provider, `the server offers no client authentication this client can use (it offers ${supported.join(', ')}).`);
  }
  return chosen;
}

/** Settings completed from the metadata: explicit options win; capabilities are checked. */
function merge(provider: OAuth2Provider, metadata: oauth.AuthorizationServer): ResolvedOAuth2Provider {
  const settings = provider.oauth2;
  const tokenEndpoint = settings.tokenEndpoint ?? metadata.token_endpoint;
  if (tokenEndpoint === undefined) throw configurationError(provider, 'the server metadata names no token_endpoint.');
  const authorizationEndpoint = settings.authorizationEndpoint ?? metadata.authorization_endpoint;
  if (settings.grants.includes('authorization_code') && authorizationEndpoint === undefined) {
    throw configurationError(provider, 'the server metadata names no authorization_endpoint.');
  }
  const pkceMethods = metadata.code_challenge_methods_supported;
  if (settings.pkce && pkceMethods !== undefined && !pkceMethods.includes('S256')) {
    throw configurationError(provider, 'PKCE is on, but the server does not support S256 (set pkce: false if it takes none).');
  }
  const grants = metadata.grant_types_supported;
  const unsupported = grants === undefined ? [] : settings.grants.filter((grant) => !grants.includes(grant));
  if (unsupported.length > 0) throw configurationError(provider, `the server does not support the ${unsupported.join(', ')} grant.`);
  // RFC 8414 §2: absent means client_secret_basic only.
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const revocationEndpoint = settings.revocationEndpoint ?? metadata.revocation_endpoint;
  return {
    ...provider,
    oauth2: {
      ...settings,
      tokenEndpoint,
      ...(authorizationEndpoint === undefined ? {} : { authorizationEndpoint }),
      ...(revocationEndpoint === undefined ? {} : { revocationEndpoint }),
      clientAuthentication: clientAuthentication(provider, methods),
      authorizationResponseIssParameterSupported:
        settings.authorizationResponseIssParameterSupported ?? metadata.authorization_response_iss_parameter_supported === true,
    },
  };
}

/**
 * The provider with every endpoint known, if that is already the case now (configured, or
 * discovered earlier); undefined when the metadata has still to be read. For hot paths that
 * must not wait a turn of the event loop.
 */
export function resolvedOAuth2Now(definition: ProviderDefinition): ResolvedOAuth2Provider | undefined {
  const settings = definition.oauth2;
  if (settings === undefined) return undefined;
  if (settings.discovery === undefined) return settings.tokenEndpoint === undefined ? undefined : (definition as ResolvedOAuth2Provider);
  return ready.get(definition);
}

/**
 * The provider with every endpoint known. Configured providers come back as they are; one
 * configured with an `issuer` and no endpoints reads its metadata (RFC 8414 / OpenID
 * discovery, through oauth4webapi, issuer checked) on first use, caches it, and reads it again
 * after a failure.
 */
export function resolveOAuth2(definition: ProviderDefinition, deps: TokenClientDeps): Promise<ResolvedOAuth2Provider> {
  const provider = requireOAuth2(definition);
  const settings = provider.oauth2;
  if (settings.discovery === undefined) {
    if (settings.tokenEndpoint === undefined) throw configurationError(provider, 'it has no tokenEndpoint and no issuer to discover one from.');
    return Promise.resolve(provider as ResolvedOAuth2Provider);
  }
  let entry = resolved.get(definition);
  if (entry === undefined) {
    const issuer = settings.issuer;
    if (issuer === undefined) return Promise.reject(configurationError(provider, 'discovery needs the "issuer" option.'));
    entry = discover(provider, issuer, deps).then((metadata) => {
      const merged = merge(provider, metadata);
      ready.set(definition, merged);
      return merged;
    });
    entry.catch(() => resolved.delete(definition));
    resolved.set(definition, entry);
  }
  return entry;
}
