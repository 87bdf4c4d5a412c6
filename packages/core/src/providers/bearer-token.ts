/**
 * Any API authenticated by a static bearer token (a personal access token):
 *
 * ```ts
 * providers.bearerToken({ id: 'acme-pat', baseUrl: 'https://api.acme.test', verify: { path: '/v1/me' } });
 * ```
 */
import { verifyByRequest } from './verify';
import { checkUrl, hostsOf, parseRetryAfterHeader, parseStandardError, problemWithStaticCredential, signBearer } from './shared';
import type { GenericProviderOptions, ProviderDefinition } from './types';

/** Options of {@link bearerToken}. */
export type BearerTokenProviderOptions = GenericProviderOptions;

/** A provider for APIs authenticated by a personal access token sent as `Authorization: Bearer`. */
export function bearerToken(options: BearerTokenProviderOptions): ProviderDefinition {
  const { id } = options;
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl);
  return {
    id,
    name: options.name ?? id,
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds: ['personal_access_token'],
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    signRequest: signBearer,
    parseError: options.parseError ?? ((status, body) => parseStandardError(status, body)),
    parseRetryAfter: (headers) => parseRetryAfterHeader(headers),
    validateCredential: (input) =>
      input.kind === 'personal_access_token' ? problemWithStaticCredential(input) : `${options.name ?? id} accepts a personal access token, not a ${input.kind}`,
    ...(options.verify === undefined ? {} : { verify: verifyByRequest(id, baseUrl, options.verify) }),
  };
}
