import type { ConnectionStatus } from '@authkit/core';

/** What the JWT and the session keep of a connection: a reference and its status, never a token. */
export interface AuthKitConnectionRef {
  connectionId: string;
  providerId: string;
  status: ConnectionStatus;
  label?: string;
}

/** The AuthKit part of the next-auth JWT and session. */
export interface AuthKitSessionData {
  /** The AuthKit connection owner: the next-auth user id (`token.sub`). */
  ownerId: string;
  connections: AuthKitConnectionRef[];
}

/** Set on the session when a connection can no longer be renewed and the user must reconnect. */
export type AuthKitSessionError = 'reauthorization_required';

declare module 'next-auth' {
  interface Session {
    authkit?: AuthKitSessionData;
    error?: AuthKitSessionError;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    authkit?: AuthKitSessionData;
    error?: AuthKitSessionError;
  }
}
