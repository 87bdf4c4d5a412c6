/**
 * Any API-key API: a static key in a header (default `X-API-Key`) or a query parameter.
 *
 * ```ts
 * providers.apiKey({ id: 'acme-data', baseUrl: 'https://api.acme.test', header: 'X-API-Key' });
 * providers.apiKey({ id: 'legacy', baseUrl: 'https://legacy.test', queryParameter: 'api_key' });
 * ```
 */
import { AuthKitError } from '../errors';
import { verifyByRequest } from './verify';
import { checkUrl, hostsOf, parseRetryAfterHeader, parseStandardError, problemWithStaticCredential } from './shared';
import type { GenericProviderOptions, ProviderDefinition, SignRequestContext } from './types';

/** Where an API key goes: a header (default `X-API-Key`) or a query parameter. */
export interface ApiKeyPlacement {
  header?: string;
  /** If set, the key is sent as this query parameter instead of a header. */
  queryParameter?: string;
}

/** Options of {@link apiKey}. */
export interface ApiKeyProviderOptions extends GenericProviderOptions, ApiKeyPlacement {}

/** Puts the API key where the provider wants it. */
export function applyApiKey({ headers, url, credential, connection }: SignRequestContext, placement: ApiKeyPlacement): void {
  if (credential.kind !== 'api_key') {
    throw new AuthKitError('configuration_error', `Expected an API key credential, got ${credential.kind}.`, {
      providerId: connection.providerId,
    });
  }
  if (placement.queryParameter) url.searchParams.set(placement.queryParameter, credential.key.reveal());
  else headers.set(placement.header ?? 'X-API-Key', credential.key.reveal());
}

/** A provider for APIs authenticated by a static API key. */
export function apiKey(options: ApiKeyProviderOptions): ProviderDefinition {
  const { id } = options;
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl);
  const placement: ApiKeyPlacement = {
    ...(options.header === undefined ? {} : { header: options.header }),
    ...(options.queryParameter === undefined ? {} : { queryParameter: options.queryParameter }),
  };
  return {
    id,
    name: options.name ?? id,
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds: ['api_key'],
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    signRequest: (context) => applyApiKey(context, placement),
    parseError: options.parseError ?? ((status, body) => parseStandardError(status, body)),
    parseRetryAfter: (headers) => parseRetryAfterHeader(headers),
    validateCredential: (input) => (input.kind === 'api_key' ? problemWithStaticCredential(input) : `${options.name ?? id} accepts an API key, not a ${input.kind}`),
    ...(options.verify === undefined ? {} : { verify: verifyByRequest(id, baseUrl, options.verify) }),
  };
}
