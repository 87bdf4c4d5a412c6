import type { AuthKit, ConnectHandlerOptions } from '@authkit/core';

/** The header the suite names the signed-in user with; each adapter's `getOwner` reads it. */
export const OWNER_HEADER = 'x-test-user';

/** What the suite hands an adapter to serve. */
export interface ConformanceSetup {
  authkit: AuthKit;
  /**
   * Options every adapter passes to core's connect handler unchanged (`basePath` stays the
   * adapter's default). `onError` collects 5xx errors so the suite can scan them for secrets.
   */
  handlerOptions: Pick<ConnectHandlerOptions, 'cookieSecret' | 'onError'>;
  /**
   * The read-only API call each guarded route makes with the adapter's own idiom
   * (`requireConnection`, `ConnectionGuard` + `@ProviderClient`, `getAuthKitClient`):
   * `GET /guarded/<providerId>` answers the provider's status and JSON body.
   */
  guardedCalls: Readonly<Record<GuardedProvider, string>>;
}

/** Providers with a guarded route. */
export type GuardedProvider = 'plannr' | 'planday' | 'iguide' | 'server-api';

/** A running adapter app. */
export interface ConformanceServer {
  /** The app's origin, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Where the connect surface is mounted (the adapter's default), e.g. `/connections`. */
  basePath: string;
  close(): Promise<void>;
}

/** Boots one adapter as a real HTTP server. */
export type BootAdapter = (setup: ConformanceSetup) => Promise<ConformanceServer>;
