import { AuthKitError, type CredentialKind, type ProviderDefinition } from '@authkit/core';

/**
 * A provider's `verify` as one read-only request, chosen by the credential's kind (the server
 * API answers `v1/users` to client-credentials tokens and `v1/data` to API keys, so one path
 * cannot check both). A 4xx means the credential is wrong; anything else that the provider
 * could not answer, which must not be blamed on the credential.
 */
export function verifyByKind(provider: ProviderDefinition, paths: Partial<Record<CredentialKind, string>>): ProviderDefinition['verify'] {
  return async ({ fetch, connection }) => {
    const path = paths[connection.credential.kind];
    if (path === undefined) return {};
    const response = await fetch(`${provider.baseUrl.replace(/\/+$/, '')}/${path}`, { headers: { accept: 'application/json' } });
    if (response.ok) return {};
    const wrong = response.status >= 400 && response.status < 500;
    throw new AuthKitError(wrong ? 'invalid_credential' : 'provider_unavailable', `${provider.name} answered HTTP ${response.status} to the credential check.`, {
      providerId: provider.id,
      status: response.status,
    });
  };
}

/** The provider with a verify request added (Planday's built-in has none: its read endpoints need scopes a connection may lack). */
export function withVerify(provider: ProviderDefinition, paths: Partial<Record<CredentialKind, string>>): ProviderDefinition {
  return { ...provider, verify: verifyByKind(provider, paths) };
}
