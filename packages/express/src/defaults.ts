import type { AuthKitExpressOptions } from './types';

/** What the most recent router registered, for `requireConnection('x')` and `authkitErrorHandler()`. */
export interface RouterDefaults extends AuthKitExpressOptions {
  /** Mount path: the `basePath` option, else learnt from the first request the router sees. */
  basePath?: string;
}

// One AuthKit per app is the common case; the README's two-line setup relies on this. Apps
// with several pass `{ authkit, getOwner }` to requireConnection explicitly instead.
let current: RouterDefaults | undefined;

export function setRouterDefaults(defaults: RouterDefaults): void {
  current = defaults;
}

export function routerDefaults(): RouterDefaults | undefined {
  return current;
}
