import type { AuthKit, AuthKitClient, ConnectHandlerOptions, ConnectionView } from '@authkit/core';
import type { Request } from 'express';

/**
 * Returns the id of the application's user that owns connections (e.g. the session user),
 * or `undefined`/`null` when nobody is signed in (the surface answers 401 `owner_required`).
 */
export type GetOwner = (req: Request) => string | undefined | null | Promise<string | undefined | null>;

/** Options of {@link createAuthKitExpress}: core's connect-handler options plus the owner. */
export interface AuthKitExpressOptions extends ConnectHandlerOptions {
  authkit: AuthKit;
  getOwner: GetOwner;
}

/** Options of {@link AuthKitExpress.requireConnection}. */
export interface RequireConnectionOptions {
  /** Selects one of several connections of the owner to this provider (e.g. a Planday portal). */
  label?: string;
}

/** What `requireConnection` puts on `req.authkit`. */
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
