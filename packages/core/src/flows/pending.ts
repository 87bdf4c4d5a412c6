import type { PendingAuthorization, StartAuthorizationInput } from '../authkit-types';
import { AuthKitError } from '../errors';
import * as oauth from 'oauth4webapi';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { resolveOAuth2 } from '../oauth/discovery';
import { mergeScopes } from '../util/scopes';
import { connectionIdFor } from '../util/connection-id';
import { connectionExists } from './save-connection';

/** Store key of a pending authorization: provider + state, taken exactly once. */
export function pendingKey(providerId: string, state: string): string {
  return `authz:${encodeURIComponent(providerId)}:${state}`;
}

function invalidState(providerId: string, why: string): AuthKitError {
  return new AuthKitError('invalid_state', `The authorization callback cannot be accepted: ${why}.`, { providerId });
}

/** Creates and stores a pending authorization (state, PKCE verifier, redirect URI, owner). */
export async function createPendingAuthorization(
  runtime: Runtime,
  input: StartAuthorizationInput & { codeVerifier?: string },
): Promise<PendingAuthorization> {
  const provider = await resolveOAuth2(providerOf(runtime, input.providerId), runtime.tokens);
  const settings = provider.oauth2;
  if (!settings.grants.includes('authorization_code') || settings.authorizationEndpoint === undefined) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" has no authorization code flow configured.`, {
      providerId: provider.id,
    });
  }
  const redirectUri = input.redirectUri ?? settings.redirectUri;
  if (redirectUri === undefined) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" needs a redirect URI for the authorization code flow.`, {
      providerId: provider.id,
    });
  }
  if (input.ownerId === '') throw new AuthKitError('configuration_error', 'An authorization needs an ownerId.', { providerId: provider.id });
  if (input.ifExists === 'fail') {
    // Answered before the user is sent to the provider, and checked again when saving.
    const id = connectionIdFor(provider.id, input.ownerId, input.label);
    if ((await runtime.store.get(id)) !== undefined) throw connectionExists(provider, id, input.label);
  }
  const codeVerifier = input.codeVerifier ?? (settings.pkce ? oauth.generateRandomCodeVerifier() : undefined);
  const pending: PendingAuthorization = {
    providerId: provider.id,
    ownerId: input.ownerId,
    state: oauth.generateRandomState(),
    ...(codeVerifier === undefined ? {} : { codeVerifier }),
    redirectUri,
    scopes: mergeScopes(input.scopes ?? settings.defaultScopes, settings.requiredScopes),
    ...(input.returnTo === undefined ? {} : { returnTo: input.returnTo }),
    ...(input.label === undefined ? {} : { label: input.label }),
    ...(input.ifExists === undefined ? {} : { ifExists: input.ifExists }),
    expiresAt: runtime.now() + runtime.authorizationTtlMs,
  };
  await runtime.store.putEphemeral(pendingKey(provider.id, pending.state), JSON.stringify(pending), runtime.authorizationTtlMs);
  return pending;
}

/** Takes a pending authorization exactly once; `invalid_state` if unknown, used or expired. */
export async function consumePendingAuthorization(runtime: Runtime, providerId: string, state: string): Promise<PendingAuthorization> {
  providerOf(runtime, providerId);
  if (state === '') throw invalidState(providerId, 'the state parameter is missing');
  const raw = await runtime.store.takeEphemeral(pendingKey(providerId, state));
  if (raw === undefined) throw invalidState(providerId, 'the state is unknown, already used or expired');
  let pending: PendingAuthorization;
  try {
    pending = JSON.parse(raw) as PendingAuthorization;
  } catch {
    throw invalidState(providerId, 'the stored authorization is unreadable');
  }
  // The store's TTL runs on its own clock; AuthKit's clock (injectable) decides as well.
  if (pending.expiresAt <= runtime.now()) throw invalidState(providerId, 'the authorization expired');
  if (pending.providerId !== providerId || pending.state !== state) throw invalidState(providerId, 'the state was issued for another provider');
  return pending;
}

/** The authorization URL for a pending authorization (RFC 6749 §4.1.1, RFC 7636 S256). */
export async function authorizationUrl(runtime: Runtime, pending: PendingAuthorization): Promise<URL> {
  const provider = await resolveOAuth2(providerOf(runtime, pending.providerId), runtime.tokens);
  const settings = provider.oauth2;
  const url = new URL(settings.authorizationEndpoint as string);
  for (const [name, value] of Object.entries(settings.authorizationParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  if (pending.scopes.length > 0) url.searchParams.set('scope', pending.scopes.join(settings.scopeSeparator));
  url.searchParams.set('state', pending.state);
  if (pending.codeVerifier !== undefined) {
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url;
}
