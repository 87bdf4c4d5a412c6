import { AuthKitError } from '@authkit/core';
import type { ProviderDefinition } from '@authkit/core';
import { signedFetchFor } from './signed-request';

/** The profile every AuthKit next-auth provider hands to next-auth: the provider's user id and name. */
export interface AuthKitProfile {
  /** The user's id at the provider (not yet namespaced). */
  id: string;
  name?: string;
  email?: string;
}

/** Where a provider's sign-in identity comes from (documented per provider in the README). */
export type ProfileSource =
  /** `GET` a user endpoint with the provider's signing (Plannr `/api/v1/logins`, generic `userInfoEndpoint`). */
  | { kind: 'userinfo'; url: string }
  /** The `sub` claim of the `id_token` the token endpoint returned (Planday, `openid` scope). */
  | { kind: 'id_token' }
  /** The provider's verify call (iGUIDE `POST /api/v1/integrations/test` → `appId`). */
  | { kind: 'verify' };

/** Plannr's user endpoint, used when the core provider does not name a `userInfoEndpoint`. */
const PLANNR_LOGINS_PATH = '/api/v1/logins';

/** Decides how a provider's sign-in profile is obtained. */
export function profileSourceFor(provider: ProviderDefinition): ProfileSource | undefined {
  const endpoint = provider.oauth2?.userInfoEndpoint;
  if (endpoint) return { kind: 'userinfo', url: new URL(endpoint, provider.baseUrl).toString() };
  if (provider.id === 'plannr') return { kind: 'userinfo', url: new URL(PLANNR_LOGINS_PATH, provider.baseUrl).toString() };
  if (provider.oauth2?.requiredScopes?.includes('openid')) return { kind: 'id_token' };
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
export function profileFromUserBody(providerId: string, body: unknown): AuthKitProfile {
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

/** Reads the claims of a JWT without checking its signature (see {@link idTokenProfile} for why). */
function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    return record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/**
 * The profile from an `id_token` received directly from the token endpoint over TLS. OpenID
 * Connect Core §3.1.3.7 lets TLS server authentication stand in for the signature check in
 * that case; issuer, audience and expiry are still checked.
 */
export function idTokenProfile(provider: ProviderDefinition, idToken: string | undefined, nowMs = Date.now()): AuthKitProfile {
  const claims = idToken ? jwtClaims(idToken) : undefined;
  const sub = str(claims?.sub);
  if (!claims || !sub) {
    throw new AuthKitError('invalid_callback', `${provider.name} returned no usable id_token (is "openid" in the scope?)`, {
      providerId: provider.id,
    });
  }
  const issuer = provider.oauth2?.issuer;
  if (issuer && claims.iss !== issuer) {
    throw new AuthKitError('invalid_callback', `${provider.name} id_token has an unexpected issuer`, { providerId: provider.id });
  }
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (provider.oauth2 && !audiences.includes(provider.oauth2.clientId)) {
    throw new AuthKitError('invalid_callback', `${provider.name} id_token was issued to another client`, { providerId: provider.id });
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp !== undefined && exp * 1000 < nowMs - 60_000) {
    throw new AuthKitError('invalid_callback', `${provider.name} id_token has expired`, { providerId: provider.id });
  }
  const name = str(claims.name) ?? str(claims.preferred_username);
  const email = str(claims.email);
  return { id: sub, ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Fetches the sign-in profile for a freshly obtained token set. */
export async function fetchProfile(
  provider: ProviderDefinition,
  source: ProfileSource,
  tokens: { access_token?: string; id_token?: string },
  baseFetch: typeof fetch = fetch,
): Promise<AuthKitProfile> {
  if (source.kind === 'id_token') return idTokenProfile(provider, tokens.id_token);
  if (!tokens.access_token) {
    throw new AuthKitError('invalid_callback', `${provider.name} returned no access_token`, { providerId: provider.id });
  }
  const { fetch: signed, connection } = signedFetchFor(provider, tokens.access_token, baseFetch);
  if (source.kind === 'verify') {
    if (!provider.verify) throw new AuthKitError('configuration_error', `${provider.name} has no verify call`, { providerId: provider.id });
    const result = await provider.verify({ fetch: signed, connection });
    if (!result.subject) {
      throw new AuthKitError('invalid_callback', `${provider.name} verify call named no subject`, { providerId: provider.id });
    }
    const name = result.metadata?.name;
    return { id: result.subject, ...(name ? { name } : {}) };
  }
  const response = await signed(source.url);
  if (!response.ok) {
    throw new AuthKitError('invalid_callback', `${provider.name} user endpoint answered HTTP ${response.status}`, {
      providerId: provider.id,
      status: response.status,
    });
  }
  return profileFromUserBody(provider.id, await response.json());
}
