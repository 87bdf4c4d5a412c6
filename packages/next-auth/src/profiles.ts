import { AuthKitError, joinUrl } from '@authkit/core';
import type { AuthKit, ProviderDefinition } from '@authkit/core';

/**
 * The profile an AuthKit next-auth provider receives: from a user endpoint (`id`) or, for
 * OpenID providers, the id_token's claims (`sub`).
 */
export interface AuthKitProfile {
  /** The user's id at the provider (not yet namespaced), from a user endpoint or verify call. */
  id?: string;
  /** The id_token subject (OpenID providers such as Planday). */
  sub?: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

/** Where a provider's sign-in identity comes from (documented per provider in the README). */
export type ProfileSource =
  /** `GET` a user endpoint with the provider's signing (Plannr `/api/v1/logins`, generic `userInfoEndpoint`). */
  | { kind: 'userinfo'; url: string }
  /**
   * The `id_token` (Planday, `openid` scope), validated by next-auth's OpenID client: signature
   * against the issuer's JWKS, `iss`, `aud`, `exp`.
   */
  | { kind: 'id_token'; jwksEndpoint: string }
  /** The provider's verify call (iGUIDE `POST /api/v1/integrations/test` → `appId`). */
  | { kind: 'verify' };

/** Decides how a provider's sign-in profile is obtained. */
export function profileSourceFor(provider: ProviderDefinition): ProfileSource | undefined {
  const endpoint = provider.oauth2?.userInfoEndpoint;
  // Plannr's core provider names `/api/v1/logins` here; a relative endpoint joins the base URL like API calls do.
  if (endpoint) return { kind: 'userinfo', url: /^https?:\/\//i.test(endpoint) ? endpoint : joinUrl(provider.baseUrl, endpoint) };
  const jwksUri = provider.oauth2?.jwksUri;
  if (jwksUri && provider.oauth2?.requiredScopes?.includes('openid')) {
    // The core provider owns the key-set URL (Planday: IdentityServer's fixed path).
    return { kind: 'id_token', jwksEndpoint: jwksUri };
  }
  if (provider.verify) return { kind: 'verify' };
  return undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads a user object from the common shapes: `{ data: {...} }` (Laravel resources such as
 * Plannr's), `{ user: {...} }`, or the object itself (OIDC userinfo).
 */
export function profileFromUserBody(providerId: string, body: unknown): AuthKitProfile & { id: string } {
  const outer = record(body);
  const user = record(outer?.data) ?? record(outer?.user) ?? outer;
  const id = str(user?.uuid) ?? str(user?.sub) ?? str(user?.id);
  if (!user || !id) {
    throw new AuthKitError('invalid_callback', `The ${providerId} user endpoint returned no user id`, { providerId });
  }
  const joined = [str(user.first_name), str(user.last_name)].filter(Boolean).join(' ');
  const name = str(user.name) ?? (joined || undefined) ?? str(user.preferred_username);
  const email = str(user.email);
  return { id, ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/**
 * Fetches the sign-in profile for a freshly obtained token set, signed by core's own
 * `transientClient` (the provider's signing and host checks; no connection exists yet).
 */
export async function fetchProfile(
  authkit: Pick<AuthKit, 'transientClient'>,
  provider: ProviderDefinition,
  source: ProfileSource,
  tokens: { access_token?: string },
): Promise<AuthKitProfile & { id: string }> {
  if (source.kind === 'id_token') {
    throw new AuthKitError('configuration_error', `${provider.name} signs in with its id_token, not a profile call`, { providerId: provider.id });
  }
  if (!tokens.access_token) {
    throw new AuthKitError('invalid_callback', `${provider.name} returned no access_token`, { providerId: provider.id });
  }
  const client = authkit.transientClient(provider.id, { kind: 'oauth2', accessToken: tokens.access_token });
  if (source.kind === 'verify') {
    if (!provider.verify) throw new AuthKitError('configuration_error', `${provider.name} has no verify call`, { providerId: provider.id });
    const result = await client.verify();
    if (!result.subject) {
      throw new AuthKitError('invalid_callback', `${provider.name} verify call named no subject`, { providerId: provider.id });
    }
    const name = result.metadata?.name;
    return { id: result.subject, ...(name ? { name } : {}) };
  }
  const response = await client.fetch(source.url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new AuthKitError('invalid_callback', `${provider.name} user endpoint answered HTTP ${response.status}`, {
      providerId: provider.id,
      status: response.status,
    });
  }
  return profileFromUserBody(provider.id, await response.json());
}

