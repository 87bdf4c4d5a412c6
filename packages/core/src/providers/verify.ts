import { AuthKitError } from '../errors';
import { joinUrl } from './shared';
import type { ProviderDefinition, VerifyResult } from './types';

/** Builds a `verify` implementation from `{ method, path }`. */
export function verifyByRequest(
  providerId: string,
  baseUrl: string,
  spec: { method?: string; path: string },
): ProviderDefinition['verify'] {
  return async ({ fetch }): Promise<VerifyResult> => {
    const response = await fetch(joinUrl(baseUrl, spec.path), { method: spec.method ?? 'GET' });
    if (!response.ok) {
      throw new AuthKitError('invalid_credential', `Credential check failed with HTTP ${response.status}.`, {
        providerId,
        status: response.status,
      });
    }
    return {};
  };
}
