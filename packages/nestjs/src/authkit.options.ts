import type { AuthKit, AuthKitOptions, ConnectHandlerOptions } from '@authkit/core';
import type { Request } from 'express';

/** Who the current request acts for: the app's signed-in user (or tenant). */
export type GetOwner = (request: Request) => string | undefined | null | Promise<string | undefined | null>;

/** Options of `AuthKitModule.forRoot` / the value `forRootAsync` resolves to. */
export type AuthKitModuleOptions = (
  | { /** An AuthKit instance built elsewhere (shared with jobs, other modules…). */ authkit: AuthKit }
  | (AuthKitOptions & { authkit?: undefined })
) &
  Omit<ConnectHandlerOptions, 'basePath'> & {
    /** Returns the owner id of the request, or undefined when nobody is signed in (→ 401). */
    getOwner: GetOwner;
    /**
     * Runs core's maintenance (refresh-token keep-alive, warm tokens, periodic verify) while the
     * app runs: started once the app has bootstrapped, stopped on shutdown (`app.close()`, or a
     * signal with `enableShutdownHooks()`). `true` sweeps every minute. Default off: an app that
     * schedules `authkit.runMaintenance()` itself (a cron job, a queue) leaves it out.
     */
    startMaintenance?: true | { intervalMs?: number };
  };

/** Options that shape the module itself; given beside the options in both forms. */
export interface AuthKitModuleExtras {
  /** Register the module globally. Default false. */
  isGlobal?: boolean;
  /** Mount the ready controller serving core's connect surface. Default true. */
  controller?: boolean;
  /** Route prefix of the connect surface. Default `authkit` (routes under `/authkit/…`). */
  basePath?: string;
  /**
   * Prefix of the passport strategy names (`<prefix>-<providerId>`). Default `authkit`. Give
   * each AuthKitModule of one process its own: passport keeps strategies in one global registry.
   */
  strategyPrefix?: string;
}

/** Extras with their defaults applied. */
export type ResolvedExtras = Required<AuthKitModuleExtras>;
