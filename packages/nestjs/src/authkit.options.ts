import type { AuthKit, AuthKitOptions } from '@authkit/core';
import type { Request } from 'express';

/** Who the current request acts for: the app's signed-in user (or tenant). */
export type GetOwner = (request: Request) => string | undefined | Promise<string | undefined>;

/** Options of `AuthKitModule.forRoot` / the value `forRootAsync` resolves to. */
export type AuthKitModuleOptions = (
  | { /** An AuthKit instance built elsewhere (shared with jobs, other modules…). */ authkit: AuthKit }
  | (AuthKitOptions & { authkit?: undefined })
) & {
  /** Returns the owner id of the request, or undefined when nobody is signed in (→ 401). */
  getOwner: GetOwner;
  /**
   * Public origin of the app (`https://app.example.com`). Callback URLs are
   * `<appUrl>/<basePath>/<providerId>/callback` unless the provider has its own `redirectUri`;
   * without it they are resolved against the incoming request.
   */
  appUrl?: string;
};

/** Options that shape the module itself; given beside the options in both forms. */
export interface AuthKitModuleExtras {
  /** Register the module globally. Default false. */
  isGlobal?: boolean;
  /** Mount the ready `AuthKitController`. Default false. */
  controller?: boolean;
  /** Route prefix of the connect flows and the controller. Default `authkit`. */
  basePath?: string;
}
