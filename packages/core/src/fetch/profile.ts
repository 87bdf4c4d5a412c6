import { AuthKitError } from '../errors';
import { joinUrl } from '../providers/shared';
import type { ProviderDefinition, VerifyResult } from '../providers/types';

/** Who a credential belongs to at the provider, as its user endpoint or verify call says. */
export interface AccountProfile {
  /** The user's id at the provider (not namespaced). */
  id: string;
  name?: string;
  email?: string;
}

/** Where a provider says who a credential belongs to. */
export type ProfileSource =
  /** `GET` a user endpoint, signed the provider's way (Plannr `/api/v1/logins`, a generic `userInfoEndpoint`). */
  | { kind: 'userinfo'; url: string }
  /**
   * The `id_token` (Planday, `openid` scope). Only the party that received it can validate it
   * (signature against `jwksEndpoint`, `iss`, `aud`, `exp`), so no call is made for it.
   */
  | { kind: 'id_token'; jwksEndpoint: string }
  /** The provider's verify call; iGUIDE's answers the OAuth client's `appId`, which names the app, not a person. */
  | { kind: 'verify' };

/**
 * Where `provider` tells who a credential belongs to, in order of preference: a user endpoint,
 * an OpenID id_token, the verify call; undefined when it offers none. Sign-in adapters use it
 * to pick their profile step.
 */
export function profileSourceFor(provider: ProviderDefinition): ProfileSource | undefined {
  const endpoint = provider.oauth2?.userInfoEndpoint;
  // A relative endpoint joins the base URL, as API calls do.
  if (endpoint !== undefined) return { kind: 'userinfo', url: /^https?:\/\//i.test(endpoint) ? endpoint : joinUrl(provider.baseUrl, endpoint) };
  const jwksUri = provider.oauth2?.jwksUri;
  if (jwksUri !== undefined && provider.oauth2?.requiredScopes?.includes('openid') === true) return { kind: 'id_token', jwksEndpoint: jwksUri };
  if (provider.verify !== undefined) return { kind: 'verify' };
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads a user from the shapes user endpoints answer: `{ data: {...} }` (Laravel resources),
 * `{ user: {...} }` (Plannr's logins), or the object itself (OIDC userinfo).
 */
export function profileFromUserBody(provider: Pick<ProviderDefinition, 'id' | 'name'>, body: unknown): AccountProfile {
  const outer = objectOf(body);
  const user = objectOf(outer?.data) ?? objectOf(outer?.user) ?? outer;
  const id = text(user?.uuid) ?? text(user?.sub) ?? text(user?.id);
  if (user === undefined || id === undefined) {
    throw new AuthKitError('invalid_callback', `The ${provider.name} user endpoint named no user id.`, { providerId: provider.id });
  }
  const fullName = [text(user.first_name), text(user.last_name)].filter(Boolean).join(' ');
  const name = text(user.name) ?? (fullName === '' ? undefined : fullName) ?? text(user.preferred_username);
  const email = text(user.email);
  return { id, ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }) };
}

/**
 * Asks the provider who the credential behind `signedFetch` belongs to: its user endpoint, else
 * its verify call. `configuration_error` when it has neither (or only an id_token, which the
 * receiver of the token validates); `invalid_callback` when the answer names nobody.
 */
export async function fetchProfile(provider: ProviderDefinition, signedFetch: typeof fetch, verify: () => Promise<VerifyResult>): Promise<AccountProfile> {
  const source = profileSourceFor(provider);
  if (source === undefined || source.kind === 'id_token') {
    const reason = source === undefined ? 'offers no user endpoint or verify call' : 'names its user in the id_token, not with a call';
    throw new AuthKitError('configuration_error', `${provider.name} ${reason}.`, { providerId: provider.id });
  }
  if (source.kind === 'verify') {
    const result = await verify();
    if (result.subject === undefined) {
      throw new AuthKitError('invalid_callback', `The ${provider.name} verify call named no subject.`, { providerId: provider.id });
    }
    const name = result.metadata?.name;
    return { id: result.subject, ...(name === undefined ? {} : { name }) };
  }
  const response = await signedFetch(source.url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new AuthKitError('invalid_callback', `The ${provider.name} user endpoint answered HTTP ${response.status}.`, {
      providerId: provider.id,
      status: response.status,
    });
  }
  return profileFromUserBody(provider, await response.json());
}
