import { AuthKitError } from '@authkit/core';
import type { AuthKit, ProviderDefinition } from '@authkit/core';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { TokenSet } from 'next-auth';
import { fetchProfile, profileSourceFor } from './profiles';
import type { AuthKitProfile, ProfileSource } from './profiles';

/** One entry of {@link AuthKitProvidersOptions.providers}: an AuthKit provider id, or an id with overrides. */
export type AuthKitProviderEntry =
  | string
  | {
      id: string;
      /** Scopes to request instead of the provider's `defaultScopes` (required scopes are always added). */
      scopes?: readonly string[];
      /** Button label on next-auth's sign-in page. */
      name?: string;
    };

/** Options of {@link authkitProviders}. */
export interface AuthKitProvidersOptions {
  /** AuthKit provider ids (with OAuth2 settings) to offer as next-auth sign-in providers. */
  providers: readonly AuthKitProviderEntry[];
  /** The fetch used for profile calls. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/**
 * The user id next-auth sees for a provider's user: `providerId:providerUserId`, so two
 * providers' numeric ids never collide. It is also the AuthKit connection owner.
 */
export function namespacedUserId(providerId: string, providerUserId: string): string {
  return `${providerId}:${providerUserId}`;
}

function scopesFor(provider: ProviderDefinition, requested: readonly string[] | undefined): string {
  const oauth2 = provider.oauth2;
  if (!oauth2) return '';
  const all = [...(oauth2.requiredScopes ?? []), ...(requested ?? oauth2.defaultScopes)];
  return [...new Set(all)].join(oauth2.scopeSeparator);
}

type TokenRequest = NonNullable<Exclude<OAuthConfig<AuthKitProfile>['token'], string | undefined>['request']>;

/**
 * Code exchange for providers that return an `id_token` (Planday, `openid` scope). openid-client's
 * `oauthCallback` refuses any response with an `id_token`, and its `callback` needs the issuer's
 * JWKS, which Planday's public docs do not give. So this repeats `oauthCallback`'s response checks
 * (state, RFC 9207 `iss`, error, code) and exchanges the code with the same client, PKCE
 * verifier included; the `id_token` claims are then checked in `idTokenProfile`.
 */
function idTokenExchange(provider: ProviderDefinition): TokenRequest {
  return async ({ params, checks, client, provider: nextProvider }) => {
    const fail = (message: string) => new AuthKitError('invalid_callback', message, { providerId: provider.id });
    if (checks.state !== undefined && params.state !== checks.state) throw fail('state mismatch');
    const issuer = provider.oauth2?.issuer;
    if (params.iss !== undefined && params.iss !== issuer) throw fail('iss mismatch');
    if (params.error) throw fail(`authorization failed: ${params.error}`);
    if (!params.code) throw fail('code missing from the callback');
    const tokens = await client.grant({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: nextProvider.callbackUrl,
      ...(checks.code_verifier === undefined ? {} : { code_verifier: checks.code_verifier }),
    });
    return { tokens: { ...tokens } as TokenSet };
  };
}

/** Builds one next-auth OAuth provider from an AuthKit provider definition. */
export function authkitProvider(
  authkit: Pick<AuthKit, 'provider'>,
  entry: AuthKitProviderEntry,
  options: { fetch?: typeof fetch } = {},
): OAuthConfig<AuthKitProfile> {
  const id = typeof entry === 'string' ? entry : entry.id;
  const provider = authkit.provider(id);
  const oauth2 = provider.oauth2;
  if (!oauth2?.authorizationEndpoint || !oauth2.grants.includes('authorization_code')) {
    throw new AuthKitError('configuration_error', `${provider.name} has no authorization-code flow to sign in with`, {
      providerId: id,
    });
  }
  const source: ProfileSource | undefined = profileSourceFor(provider);
  if (!source) {
    throw new AuthKitError('configuration_error', `${provider.name} offers no user endpoint, id_token or verify call for a sign-in profile`, {
      providerId: id,
    });
  }
  const baseFetch = options.fetch;
  return {
    id,
    name: typeof entry === 'string' ? provider.name : (entry.name ?? provider.name),
    type: 'oauth',
    clientId: oauth2.clientId,
    ...(oauth2.clientSecret === undefined ? {} : { clientSecret: oauth2.clientSecret }),
    ...(oauth2.issuer === undefined ? {} : { issuer: oauth2.issuer }),
    client: { token_endpoint_auth_method: oauth2.clientAuthentication },
    authorization: {
      url: oauth2.authorizationEndpoint,
      params: { ...oauth2.authorizationParams, scope: scopesFor(provider, typeof entry === 'string' ? undefined : entry.scopes) },
    },
    token: source.kind === 'id_token' ? { url: oauth2.tokenEndpoint, request: idTokenExchange(provider) } : oauth2.tokenEndpoint,
    userinfo: {
      ...(source.kind === 'userinfo' ? { url: source.url } : {}),
      // The profile call is signed by the core provider, so header quirks live in one place.
      request: ({ tokens }) => fetchProfile(provider, source, tokens, baseFetch),
    },
    checks: oauth2.pkce ? ['pkce', 'state'] : ['state'],
    // next-auth would require an id_token for `openid` scopes; the id_token, where used, is read in the exchange above.
    idToken: false,
    profile: (profile) => ({
      id: namespacedUserId(id, profile.id),
      name: profile.name ?? null,
      email: profile.email ?? null,
      image: null,
    }),
  };
}

/**
 * next-auth OAuth providers built from AuthKit's provider definitions: endpoints, client
 * authentication, scopes, PKCE and the profile call all come from `authkit.provider(id)`, so
 * nothing is defined twice.
 *
 * @example
 * ```ts
 * providers: authkitProviders(authkit, { providers: ['plannr', 'planday', 'iguide'] })
 * ```
 */
export function authkitProviders(authkit: Pick<AuthKit, 'provider'>, options: AuthKitProvidersOptions): OAuthConfig<AuthKitProfile>[] {
  return options.providers.map((entry) => authkitProvider(authkit, entry, options.fetch ? { fetch: options.fetch } : {}));
}
