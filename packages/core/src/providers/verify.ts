import { AuthKitError } from '../errors';
import { joinUrl } from './shared';
import type { ProviderDefinition, VerifyResult } from './types';

/**
 * The error for a failed credential check: a 4xx means the credential is wrong, anything else
 * means the provider could not answer — which must not be blamed on the credential.
 */
export function verificationFailure(providerId: string, status: number): AuthKitError {
  return status >= 400 && status < 500
    ? new AuthKitError('invalid_credential', `Credential check failed with HTTP ${status}.`, { providerId, status })
    : new AuthKitError('provider_unavailable', `Credential check could not be completed (HTTP ${status}).`, { providerId, status });
}

/** Builds a `verify` implementation from `{ method, path }`. */
export function verifyByRequest(
  providerId: string,
  baseUrl: string,
  spec: { method?: string; path: string },
): ProviderDefinition['verify'] {
  return async ({ fetch }): Promise<VerifyResult> => {
    const response = await fetch(joinUrl(baseUrl, spec.path), { method: spec.method ?? 'GET' });
    if (!response.ok) throw verificationFailure(providerId, response.status);
    return {};
  };
}
