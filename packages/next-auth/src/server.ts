import { AuthKitError, ReauthorizationRequiredError } from '@authkit/core';
import type { AuthKit, AuthKitClient, ConnectionView } from '@authkit/core';
import type { AuthOptions, Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { cookies } from 'next/headers';
import { ownerIdFromCookies } from './session-token';

type AuthKitForServer = Pick<AuthKit, 'connectionIdFor' | 'getConnection' | 'listConnections' | 'client'>;

/** Options of {@link createAuthKitHelpers}. */
export interface AuthKitHelpersOptions {
  /**
   * Reads the signed-in session. Default: next-auth's `getServerSession(authOptions)`, which
   * works in route handlers, server actions and server components of the App Router.
   */
  getSession?: () => Promise<Session | null>;
  /**
   * Finds the signed-in owner for `getOwnerId`, `getConnections` and `getAuthKitClient`.
   * Default: the session cookie's JWT `sub`, decrypted only ({@link ownerIdFromCookies});
   * with a custom `getSession` and no `getOwnerId`, the session's `authkit.ownerId`.
   */
  getOwnerId?: () => Promise<string | undefined>;
}

/** Server-side helpers bound to one AuthKit instance and one next-auth configuration. */
export interface AuthKitHelpers {
  /** The session, or null when nobody is signed in. */
  getSession(): Promise<Session | null>;
  /** The signed-in user's AuthKit owner id (the next-auth user id), or undefined. */
  getOwnerId(): Promise<string | undefined>;
  /** The signed-in user's connections, without secrets; empty when signed out. */
  getConnections(filter?: { providerId?: string }): Promise<ConnectionView[]>;
  /**
   * A signed client for the signed-in user's connection to `providerId`. Throws
   * `unauthenticated` when signed out, `connection_not_found` when not connected and
   * `reauthorization_required` when the user must reconnect.
   */
  getAuthKitClient(providerId: string, options?: { label?: string }): Promise<AuthKitClient>;
}

/**
 * Creates {@link AuthKitHelpers}: `getAuthKitClient(providerId)` and `getConnections()` for
 * route handlers, server actions and server components.
 */
export function createAuthKitHelpers(authkit: AuthKitForServer, authOptions: AuthOptions, options: AuthKitHelpersOptions = {}): AuthKitHelpers {
  const getSession = options.getSession ?? (() => getServerSession(authOptions));
  const getOwnerId =
    options.getOwnerId ??
    (options.getSession
      ? async () => (await getSession())?.authkit?.ownerId
      : async () => ownerIdFromCookies(authOptions, await cookies()));

  return {
    getSession,
    getOwnerId,
    async getConnections(filter = {}) {
      const ownerId = await getOwnerId();
      if (!ownerId) return [];
      return authkit.listConnections({ ...filter, ownerId });
    },
    async getAuthKitClient(providerId, clientOptions = {}) {
      const ownerId = await getOwnerId();
      if (!ownerId) throw new AuthKitError('unauthenticated', 'Nobody is signed in', { providerId });
      const connectionId = authkit.connectionIdFor(providerId, ownerId, clientOptions.label);
      const connection = await authkit.getConnection(connectionId);
      if (!connection) {
        throw new AuthKitError('connection_not_found', `No ${providerId} connection for the signed-in user`, { providerId, connectionId });
      }
      if (connection.status !== 'active') {
        throw new ReauthorizationRequiredError(`The ${providerId} connection must be authorized again`, { providerId, connectionId });
      }
      return authkit.client(providerId, connectionId);
    },
  };
}
