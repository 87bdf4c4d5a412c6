import type { AuthKit, AuthKitClient, ConnectionView } from '@authkit/core';
import type { Request } from 'express';

/**
 * Returns the id of the application's user that owns connections (e.g. the session user),
 * or `undefined`/`null` when nobody is signed in (the route answers 401).
 */
export type GetOwner = (req: Request) => string | undefined | null | Promise<string | undefined | null>;

/** Options of the state-binding cookie set by `GET /:provider/connect`. */
export interface StateCookieOptions {
  /** Cookie name prefix; the provider id is appended. Default `authkit_state`. */
  name?: string;
  /** Send only over HTTPS. Default: true when `appUrl` is https, else when the request is secure. */
  secure?: boolean;
  /** Lifetime in ms; keep it short. Default 10 minutes (core's authorization TTL). */
  maxAgeMs?: number;
}

/** Options shared by the router and the middleware. */
export interface AuthKitExpressOptions {
  authkit: AuthKit;
  getOwner: GetOwner;
  /**
   * Public origin of the app, e.g. `https://app.example.com`. Callback URLs derive from it
   * (`<appUrl><mount path>/<provider>/callback`); when set, state-changing POSTs whose
   * `Origin` header names another origin are refused. Without it, the provider's configured
   * redirect URI is used.
   */
  appUrl?: string;
}

/** Options of {@link createAuthKitRouter}. */
export interface AuthKitRouterOptions extends AuthKitExpressOptions {
  /**
   * Where the router is mounted (default `/connections`), for URLs that point into it from
   * outside: {@link createAuthKitExpress} uses it for the error handler's reauthorization URL.
   * Inside the router, callback URLs come from the mount path of each request.
   */
  basePath?: string;
  /**
   * Key for signing the state cookie (at least 32 characters). Without one a random key is
   * made per process, so flows started before a restart fail with `invalid_state`.
   */
  cookieSecret?: string;
  cookie?: StateCookieOptions;
  /** Where to go after a flow when no `returnTo` was given. Default `/`. */
  defaultReturnTo?: string;
  /**
   * Answer errors raised in the router with {@link authkitErrorHandler} (JSON). Set false to
   * let them reach the application's own error handler (e.g. to render an HTML page).
   * Default true.
   */
  handleErrors?: boolean;
}

/** Options of {@link requireConnection} (`createAuthKitExpress` binds `authkit` and `getOwner`). */
export interface RequireConnectionOptions extends Pick<AuthKitExpressOptions, 'authkit' | 'getOwner'> {
  /** Selects one of several connections of the owner to this provider (e.g. a Planday portal). */
  label?: string;
}

/** What {@link requireConnection} puts on `req.authkit`. */
export interface AuthKitRequestContext {
  /** The owner returned by `getOwner`. */
  readonly ownerId: string;
  /** The connections required on this route so far, by provider id. */
  readonly connections: Readonly<Record<string, ConnectionView>>;
  /**
   * A signed client for a provider required on this route. Throws `connection_not_found`
   * for a provider no `requireConnection` on this route asked for.
   */
  client(providerId: string): AuthKitClient;
}

declare global {
  // Express's own merge point (its Request extends Express.Request), as passport uses.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /**
       * Set by `requireConnection(...)` from `@authkit/express`; present only on routes behind
       * it (declared non-optional like express-session's `req.session`, for the same reason).
       */
      authkit: AuthKitRequestContext;
    }
  }
}
