import { AuthKitError, MIN_COOKIE_SECRET_LENGTH, createConnectHandler, parseCookies, type AuthKit, type AuthKitClient, type ConnectHandler, type ConnectHandlerOptions, type ConnectionView } from '@authkit/core';
import type { AuthOptions } from 'next-auth';
import { cookies } from 'next/headers';
import { nextAuthSecretOf, ownerIdFromCookies } from './session-token';

/** Options of {@link createAuthKitNext}. */
export interface AuthKitNextOptions extends Omit<ConnectHandlerOptions, 'cookieSecret'> {
  /** The next-auth options: the owner is the session's user (the JWT's `sub`). */
  authOptions: AuthOptions;
  /**
   * Signs the state cookie (at least 32 characters). Default: derived from next-auth's own
   * secret (`authOptions.secret`, else `NEXTAUTH_SECRET`), read when the first request comes.
   */
  cookieSecret?: ConnectHandlerOptions['cookieSecret'];
  /**
   * Finds the owner instead of the session cookie: given the route handler's `Request`, or
   * nothing in server components and actions (read `cookies()` / `headers()` there).
   */
  getOwnerId?: (request?: Request) => Promise<string | undefined>;
}

/** Route handlers for `app/api/authkit/[...authkit]/route.ts`. */
export interface AuthKitRouteHandlers {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
}

/** What {@link createAuthKitNext} gives an app. */
export interface AuthKitNext {
  /** `export const { GET, POST } = handlers;` in `app/api/authkit/[...authkit]/route.ts`. */
  readonly handlers: AuthKitRouteHandlers;
  /** The signed-in user's owner id, or undefined. */
  getOwnerId(request?: Request): Promise<string | undefined>;
  /** The signed-in user's connections, without secrets; empty when signed out. */
  getConnections(filter?: { providerId?: string }): Promise<ConnectionView[]>;
  /**
   * A signed client for the signed-in user's connection to `providerId` (core's one lookup):
   * `owner_required`, `connection_not_found` or `reauthorization_required` otherwise.
   */
  getAuthKitClient(providerId: string, options?: { label?: string }): Promise<AuthKitClient>;
  /** Core's HTTP answer for an error, for the app's own route handlers (`catch (e) { return errorResponse(e) }`). */
  errorResponse(error: unknown): Response;
  /** Core's connect handler behind the routes. */
  handler(): ConnectHandler;
  /**
   * The AuthKit behind it, built on first use (for `instrumentation.ts`:
   * `getAuthKit().startMaintenance()`, or a cron route's `runMaintenance()`).
   */
  getAuthKit(): AuthKit;
}

const DEFAULT_BASE_PATH = '/api/authkit';

/**
 * AuthKit for Next.js with next-auth, in the shape Auth.js users know:
 *
 * ```ts
 * // lib/authkit.ts
 * export const { handlers, getAuthKitClient, errorResponse } = createAuthKitNext(authkit, { authOptions });
 * // app/api/authkit/[...authkit]/route.ts
 * export const { GET, POST } = handlers;
 * ```
 *
 * Everything is read on the first request, not at import, so `next build` needs no
 * secrets or provider settings.
 */
export function createAuthKitNext(authkit: AuthKit | (() => AuthKit), options: AuthKitNextOptions): AuthKitNext {
  let built: { authkit: AuthKit; handler: ConnectHandler } | undefined;
  const state = () => {
    if (built !== undefined) return built;
    const kit = typeof authkit === 'function' ? authkit() : authkit;
    const { authOptions, getOwnerId: _owner, cookieSecret, ...handlerOptions } = options;
    const secret = cookieSecret ?? nextAuthSecret(authOptions);
    const appUrl = options.appUrl ?? process.env.NEXTAUTH_URL;
    const handler = createConnectHandler(kit, {
      basePath: DEFAULT_BASE_PATH,
      ...handlerOptions,
      cookieSecret: secret,
      ...(appUrl === undefined ? {} : { appUrl }),
    });
    built = { authkit: kit, handler };
    return built;
  };

  const getOwnerId = async (request?: Request): Promise<string | undefined> => {
    if (options.getOwnerId !== undefined) return options.getOwnerId(request);
    return ownerIdFromCookies(options.authOptions, request === undefined ? await cookies() : parseCookies(request.headers.get('cookie')));
  };

  const serve = async (request: Request): Promise<Response> => {
    const { handler } = state();
    try {
      return await handler(request, { ownerId: await getOwnerId(request) });
    } catch (error) {
      return handler.errorResponse(error);
    }
  };

  return {
    handlers: { GET: serve, POST: serve },
    getOwnerId,
    async getConnections(filter = {}) {
      const ownerId = await getOwnerId();
      return ownerId === undefined ? [] : state().authkit.listConnections({ ...filter, ownerId });
    },
    async getAuthKitClient(providerId, clientOptions = {}) {
      // The owner first: reading the request's cookies makes Next render the page per request
      // instead of prerendering it at `next build`, when no provider setting is there to read.
      const ownerId = await getOwnerId();
      const { authkit: kit } = state();
      const connection = await kit.requireConnection({ providerId, ownerId, label: clientOptions.label });
      return kit.client(providerId, connection.id);
    },
    errorResponse: (error) => state().handler.errorResponse(error),
    handler: () => state().handler,
    getAuthKit: () => state().authkit,
  };
}

/**
 * The state-cookie key: next-auth's own secret with a label of its own, so the two keys differ.
 * The label must not make a short secret pass core's minimum length, so the secret is checked
 * first.
 */
function nextAuthSecret(authOptions: AuthOptions): string {
  const secret = nextAuthSecretOf(authOptions);
  if (secret === undefined) {
    throw new AuthKitError('configuration_error', 'createAuthKitNext needs a cookieSecret, or next-auth\'s secret (NEXTAUTH_SECRET) to derive one from.');
  }
  if (secret.length < MIN_COOKIE_SECRET_LENGTH) {
    throw new AuthKitError(
      'configuration_error',
      `next-auth's secret is shorter than ${MIN_COOKIE_SECRET_LENGTH} characters, too short to sign AuthKit's state cookie: use a longer NEXTAUTH_SECRET or give createAuthKitNext a cookieSecret.`,
    );
  }
  return `authkit-state-cookie:${secret}`;
}
