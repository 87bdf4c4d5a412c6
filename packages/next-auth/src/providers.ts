import { AuthKitError, profileSourceFor } from '@authkit/core';
import type { AccountProfile, AuthKit, ProviderDefinition } from '@authkit/core';
import type { OAuthConfig } from 'next-auth/providers/oauth';

/**
 * The profile an AuthKit next-auth provider receives: core's `client.profile()` (`id`) or, for
 * OpenID providers, the id_token's claims (`sub`).
 */
export interface AuthKitProfile extends Partial<AccountProfile> {
  /** The id_token subject (OpenID providers such as Planday). */
  sub?: string;
  preferred_username?: string;
}

/** One entry of {@link AuthKitProvidersOptions.providers}: an AuthKit provider id, or an id with overrides. */
export type AuthKitProviderEntry =
  | string
  | {
      id: string;
      /** Scopes to request instead of the provider's `defaultScopes` (required scopes are always added). */
      scopes?: readonly string[];
      /** Button label on next-auth's sign-in page. */
      name?: string;
      /**
       * Accept a provider whose only identity call names the *app*, not the person (iGUIDE: its
       * verify call answers the OAuth client's `appId`). Everyone signing in through it becomes
       * the same next-auth user, so this is only right for single-user or per-installation apps.
       */
      allowAppIdentity?: boolean;
      /** JWKS URL for providers that sign in with an id_token (default: the issuer's IdentityServer path). */
      jwksEndpoint?: string;
    };

/** Options of {@link authkitProviders}. */
export interface AuthKitProvidersOptions {
  /** AuthKit provider ids (with OAuth2 settings) to offer as next-auth sign-in providers. */
  providers: readonly AuthKitProviderEntry[];
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

/** Builds one next-auth OAuth provider from an AuthKit provider definition. */
export function authkitProvider(
  authkit: Pick<AuthKit, 'provider' | 'transientClient'>,
  entry: AuthKitProviderEntry,
): OAuthConfig<AuthKitProfile> {
  const id = typeof entry === 'string' ? entry : entry.id;
  const provider = authkit.provider(id);
  const oauth2 = provider.oauth2;
  // next-auth needs the endpoints up front: a provider discovered from its issuer is not offered for sign-in.
  if (!oauth2?.authorizationEndpoint || !oauth2.tokenEndpoint || !oauth2.grants.includes('authorization_code')) {
    throw new AuthKitError('configuration_error', `${provider.name} has no authorization-code flow to sign in with`, {
      providerId: id,
    });
  }
  const source = profileSourceFor(provider);
  if (source?.kind === 'verify' && (typeof entry === 'string' || entry.allowAppIdentity !== true)) {
    throw new AuthKitError(
      'configuration_error',
      `${provider.name} has no user endpoint: its verify call identifies the app, not the person. Connect it through createAuthKitNext's routes (/api/authkit/<id>/connect), or pass { id: '${id}', allowAppIdentity: true }`,
      { providerId: id },
    );
  }
  if (!source) {
    throw new AuthKitError('configuration_error', `${provider.name} offers no user endpoint, id_token or verify call for a sign-in profile`, {
      providerId: id,
    });
  }
  return {
    id,
    name: typeof entry === 'string' ? provider.name : (entry.name ?? provider.name),
    type: 'oauth',
    clientId: oauth2.clientId,
    // next-auth needs the plain value: it sends it to the provider's token endpoint, and with
    // `debug: true` prints the provider object (withAuthKit blanks it there).
    ...(oauth2.clientSecret === undefined ? {} : { clientSecret: oauth2.clientSecret.reveal() }),
    ...(oauth2.issuer === undefined ? {} : { issuer: oauth2.issuer }),
    client: { token_endpoint_auth_method: oauth2.clientAuthentication },
    authorization: {
      url: oauth2.authorizationEndpoint,
      params: { ...oauth2.authorizationParams, scope: scopesFor(provider, typeof entry === 'string' ? undefined : entry.scopes) },
    },
    token: oauth2.tokenEndpoint,
    checks: oauth2.pkce ? ['pkce', 'state'] : ['state'],
    ...(source.kind === 'id_token'
      ? {
          // OpenID Connect: next-auth's client validates the id_token and the profile is its claims.
          idToken: true,
          jwks_endpoint: typeof entry !== 'string' && entry.jwksEndpoint ? entry.jwksEndpoint : source.jwksEndpoint,
        }
      : {
          // Plain OAuth2 (even with an `openid` scope, next-auth must not expect an id_token).
          idToken: false,
          userinfo: {
            ...(source.kind === 'userinfo' ? { url: source.url } : {}),
            // Core asks the provider (signed its way, only to its hosts), so quirks live in one place.
            request: ({ tokens }) => {
              if (!tokens.access_token) throw new AuthKitError('invalid_callback', `${provider.name} returned no access_token`, { providerId: id });
              return authkit.transientClient(id, { kind: 'oauth2', accessToken: tokens.access_token }).profile();
            },
          },
        }),
    profile: (profile) => {
      const userId = source.kind === 'id_token' ? profile.sub : profile.id;
      if (!userId) throw new AuthKitError('invalid_callback', `${provider.name} profile has no user id`, { providerId: id });
      return {
        id: namespacedUserId(id, userId),
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email ?? null,
        image: null,
      };
    },
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
export function authkitProviders(authkit: Pick<AuthKit, 'provider' | 'transientClient'>, options: AuthKitProvidersOptions): OAuthConfig<AuthKitProfile>[] {
  return options.providers.map((entry) => authkitProvider(authkit, entry));
}
