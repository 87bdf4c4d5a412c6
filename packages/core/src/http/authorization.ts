import type { IfConnectionExists } from '../authkit-types';
import type { ConnectionView } from '../connection';
import { AuthKitError } from '../errors';
import { assertSingleParameters } from '../flows/complete-authorization';
import { requireOAuth2 } from '../oauth/token-client';
import type { ProviderDefinition } from '../providers/types';
import { redirectResponse } from './responses';
import { safeReturnTo } from './return-to';
import { readCookie, serializeCookie, stateCookieName } from './state-cookie';
import type { Call, Surface } from './surface';
import { requireOwner, supportsBrowserFlow } from './surface';

/** What starting an authorization needs beyond the request. */
export interface StartInput {
  provider: ProviderDefinition;
  label?: string;
  scopes?: readonly string[];
  returnTo?: string;
  ifExists: IfConnectionExists;
  /** Overrides the callback URL (a framework that routes the callback itself). */
  redirectUri?: string;
}

/** The provider's own redirect URI, else this surface's callback route on the app's origin. */
export function callbackUrl(surface: Surface, call: Call, provider: ProviderDefinition, override?: string): string {
  return override ?? provider.oauth2?.redirectUri ?? `${call.origin}${surface.basePath}/${encodeURIComponent(provider.id)}/callback`;
}

function browserFlowProvider(provider: ProviderDefinition): ProviderDefinition {
  if (!supportsBrowserFlow(provider)) {
    throw new AuthKitError('invalid_request', `${provider.name} has no browser authorization configured.`, {
      providerId: provider.id,
      detail: `${provider.name} cannot be authorized in the browser here; enter a credential instead`,
    });
  }
  return provider;
}

function cookieFor(surface: Surface, call: Call, provider: ProviderDefinition, redirectUri: string) {
  const callback = new URL(redirectUri, call.origin);
  return {
    name: stateCookieName(surface.cookiePrefix, provider.id),
    // Scoped to the callback path, so the state only travels where it is checked.
    path: callback.pathname,
    secure: callback.protocol === 'https:' || call.origin.startsWith('https:'),
  };
}

/**
 * Starts an authorization: a pending authorization in the store (state, PKCE verifier,
 * redirect URI, owner), the state bound to this browser by a signed cookie, and a 302 to the
 * provider.
 */
export async function startAuthorization(surface: Surface, call: Call, input: StartInput): Promise<Response> {
  const provider = browserFlowProvider(input.provider);
  const ownerId = requireOwner(call, provider.id);
  const redirectUri = callbackUrl(surface, call, provider, input.redirectUri);
  const started = await surface.authkit.startAuthorization({
    providerId: provider.id,
    ownerId,
    redirectUri,
    ifExists: input.ifExists,
    ...(input.scopes === undefined ? {} : { scopes: input.scopes }),
    ...(input.returnTo === undefined ? {} : { returnTo: input.returnTo }),
    ...(input.label === undefined ? {} : { label: input.label }),
  });
  const cookie = cookieFor(surface, call, provider, redirectUri);
  const maxAge = Math.max(1, Math.min(surface.cookieMaxAgeSeconds, Math.floor((started.expiresAt - Date.now()) / 1000)));
  const value = await surface.signer.sign(provider.id, started.state, Date.now() + maxAge * 1000);
  const headers = new Headers(call.headers);
  headers.append('set-cookie', serializeCookie(cookie.name, value, { path: cookie.path, secure: cookie.secure, maxAge }));
  return redirectResponse(302, started.url.href, headers);
}

/** The outcome of a completed callback. */
export interface CompletedAuthorization {
  connection: ConnectionView;
  /** The vetted path to return to (the flow's `returnTo`, else the default). */
  returnTo: string;
}

/**
 * Completes an authorization from its callback: repeated OAuth parameters are refused; the
 * `state` must equal the one this browser's signed cookie holds (else nothing is consumed and
 * the cookie is kept, so a forged callback cannot break the user's real flow); then the
 * pending authorization is taken exactly once and core exchanges the code. The spent cookie
 * is cleared through `call.headers` whatever happens next.
 */
export async function completeAuthorization(
  surface: Surface,
  call: Call,
  provider: ProviderDefinition,
  redirectUriOverride?: string,
): Promise<CompletedAuthorization> {
  browserFlowProvider(provider);
  const oauthProvider = requireOAuth2(provider);
  call.returnTo ??= surface.defaultReturnTo;
  const ownerId = requireOwner(call, provider.id);
  const params = call.url.searchParams;
  assertSingleParameters(oauthProvider, params);
  const cookie = cookieFor(surface, call, provider, callbackUrl(surface, call, provider, redirectUriOverride));
  const bound = await surface.signer.verify(provider.id, readCookie(call.request.headers.get('cookie'), cookie.name), Date.now());
  const state = params.get('state');
  if (bound === undefined || state === null || state !== bound) {
    throw new AuthKitError('invalid_state', 'The callback state is not the one this browser started.', { providerId: provider.id });
  }
  // From here the state is spent, whatever core answers.
  call.headers.append('set-cookie', serializeCookie(cookie.name, '', { path: cookie.path, secure: cookie.secure, maxAge: 0 }));
  const pending = await surface.authkit.consumePendingAuthorization(provider.id, state);
  call.returnTo = safeReturnTo(pending.returnTo) ?? surface.defaultReturnTo;
  const { connection } = await surface.authkit.completeAuthorization({ providerId: provider.id, ownerId, callback: params, pending });
  return { connection, returnTo: call.returnTo };
}
