/** Injection token of the {@link AuthKit} instance the module uses. */
export const AUTHKIT = Symbol.for('@authkit/nestjs:AuthKit');

/** Injection token of the route prefix of the connect flows (an `extras` value). */
export const AUTHKIT_BASE_PATH = Symbol.for('@authkit/nestjs:basePath');

/** Passport strategy name for a provider: `authkit-<providerId>`. */
export function strategyName(providerId: string): string {
  return `authkit-${providerId}`;
}

/** Request keys AuthKit writes to. Symbols, so they never collide with the app's own. */
export const REQUEST_OWNER = Symbol.for('@authkit/nestjs:owner');
export const REQUEST_PENDING = Symbol.for('@authkit/nestjs:pending');
export const REQUEST_CLIENTS = Symbol.for('@authkit/nestjs:clients');

/** Property the connect-flow guard puts the saved connection on (never `req.user`). */
export const CONNECTION_PROPERTY = 'authkitConnection';

/** Injection token of the resolved {@link AuthKitModuleOptions}. */
export const AUTHKIT_MODULE_OPTIONS = Symbol.for('@authkit/nestjs:options');
