import { isAuthKitError } from '@authkit/core';
import type { AuthKit } from '@authkit/core';
import type { AuthOptions } from 'next-auth';
import { ownerIdFromCookies } from './session-token';

type AuthKitForConnect = Pick<AuthKit, 'startAuthorization' | 'completeAuthorization' | 'providers'>;

/** Options of {@link createConnectRouteHandlers}. */
export interface ConnectRouteHandlersOptions {
  /** Used to find the signed-in user (via `getServerSession`) unless `getOwnerId` is given. */
  authOptions?: AuthOptions;
  /** Finds the signed-in user's owner id for a request. Default: the session cookie's JWT `sub` (see `ownerIdFromCookies`). */
  getOwnerId?: (request: Request) => Promise<string | undefined>;
  /** Public origin of the app; callback URLs derive from it. Default `NEXTAUTH_URL`, else the request's origin. */
  appUrl?: string;
  /** Where the route lives. Default `/api/authkit` (`app/api/authkit/[provider]/[action]/route.ts`). */
  basePath?: string;
  /** Where to go after connecting when the flow named no `returnTo`. Default `/`. */
  afterConnectPath?: string;
  /** Where to send someone who is not signed in. Default `/api/auth/signin`. */
  signInPath?: string;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> | Record<string, string | string[] | undefined> };

/** Route handlers for `app/api/authkit/[provider]/[action]/route.ts`. */
export interface ConnectRouteHandlers {
  GET(request: Request, context: RouteContext): Promise<Response>;
}

const STATE_COOKIE = 'authkit.connect';

/** Only same-origin paths: `//host` and `/\host` would leave the site. */
function safePath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}

function requestCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(part.slice(0, index).trim(), decodeURIComponent(value));
    } catch {
      cookies.set(part.slice(0, index).trim(), value);
    }
  }
  return cookies;
}

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

function withQuery(origin: string, path: string, query: Record<string, string>): string {
  const url = new URL(path, origin);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Route handlers that connect an additional provider to the already signed-in user without
 * touching the next-auth sign-in: `GET {basePath}/{provider}/connect` starts AuthKit's
 * authorization (state and PKCE kept server-side, the state also bound to this browser by an
 * HttpOnly cookie), `GET {basePath}/{provider}/callback` completes it for the same user.
 * Errors redirect to the return path with `authkit_error=<code>`.
 */
export function createConnectRouteHandlers(authkit: AuthKitForConnect, options: ConnectRouteHandlersOptions = {}): ConnectRouteHandlers {
  const basePath = (options.basePath ?? '/api/authkit').replace(/\/$/, '');
  const afterConnect = options.afterConnectPath ?? '/';
  const signInPath = options.signInPath ?? '/api/auth/signin';
  const getOwnerId =
    options.getOwnerId ??
    (async (request: Request) => (options.authOptions ? ownerIdFromCookies(options.authOptions, requestCookies(request)) : undefined));

  return {
    async GET(request, context) {
      const params = await context.params;
      const providerId = typeof params.provider === 'string' ? params.provider : '';
      const action = typeof params.action === 'string' ? params.action : '';
      const url = new URL(request.url);
      const origin = (options.appUrl ?? process.env.NEXTAUTH_URL ?? url.origin).replace(/\/$/, '');
      if (!authkit.providers.has(providerId) || (action !== 'connect' && action !== 'callback')) {
        return new Response('Not found', { status: 404 });
      }
      const cookieName = `${STATE_COOKIE}.${providerId}`;
      const cookiePath = `${basePath}/${providerId}`;
      const secure = origin.startsWith('https:') ? '; Secure' : '';
      const clearCookie = `${cookieName}=; Path=${cookiePath}; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;

      const ownerId = await getOwnerId(request);
      if (!ownerId) {
        return redirect(withQuery(origin, signInPath, { callbackUrl: `${origin}${afterConnect}` }));
      }

      if (action === 'connect') {
        const returnTo = safePath(url.searchParams.get('returnTo')) ?? afterConnect;
        try {
          const started = await authkit.startAuthorization({
            providerId,
            ownerId,
            redirectUri: `${origin}${basePath}/${providerId}/callback`,
            returnTo,
          });
          const maxAge = Math.max(1, Math.floor((started.expiresAt - Date.now()) / 1000));
          return redirect(started.url.toString(), [
            `${cookieName}=${encodeURIComponent(started.state)}; Path=${cookiePath}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
          ]);
        } catch (error) {
          return redirect(withQuery(origin, returnTo, { authkit_error: isAuthKitError(error) ? error.code : 'configuration_error', provider: providerId }));
        }
      }

      // callback: the state must be the one this browser started, then AuthKit checks it again server-side.
      const state = url.searchParams.get('state');
      const bound = requestCookies(request).get(cookieName);
      if (!state || !bound || bound !== state) {
        return redirect(withQuery(origin, afterConnect, { authkit_error: 'invalid_state', provider: providerId }), [clearCookie]);
      }
      try {
        const { returnTo } = await authkit.completeAuthorization({ providerId, ownerId, callback: url.searchParams });
        return redirect(withQuery(origin, safePath(returnTo) ?? afterConnect, { authkit_connected: providerId }), [clearCookie]);
      } catch (error) {
        const code = isAuthKitError(error) ? error.code : 'invalid_callback';
        return redirect(withQuery(origin, afterConnect, { authkit_error: code, provider: providerId }), [clearCookie]);
      }
    },
  };
}
