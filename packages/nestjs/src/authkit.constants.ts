/** Injection token of the {@link AuthKit} instance the module uses. */
export const AUTHKIT = Symbol.for('@authkit/nestjs:AuthKit');

/** Injection token of the module's connect handler (core's HTTP surface). */
export const AUTHKIT_HANDLER = Symbol.for('@authkit/nestjs:handler');

/** Injection token of the resolved {@link AuthKitModuleOptions}. */
export const AUTHKIT_MODULE_OPTIONS = Symbol.for('@authkit/nestjs:options');

/** Injection token of the module's extras (`basePath`, `strategyPrefix`…). */
export const AUTHKIT_EXTRAS = Symbol.for('@authkit/nestjs:extras');

/** Request keys AuthKit writes to. Symbols, so they never collide with the app's own. */
export const REQUEST_OWNER = Symbol.for('@authkit/nestjs:owner');
export const REQUEST_CLIENTS = Symbol.for('@authkit/nestjs:clients');
