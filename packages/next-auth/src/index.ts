// Public API of @authkit/next-auth: next-auth v4 providers, callbacks and server helpers built on @authkit/core.
export { authkitProviders, authkitProvider, namespacedUserId } from './providers';
export type { AuthKitProviderEntry, AuthKitProvidersOptions } from './providers';
export type { AuthKitProfile, ProfileSource } from './profiles';
export { authkitCallbacks, withAuthKit } from './callbacks';
export type { AuthKitCallbacks } from './callbacks';
export { createAuthKitHelpers } from './server';
export { ownerIdFromCookies } from './session-token';
export type { CookieSource } from './session-token';
export type { AuthKitHelpers, AuthKitHelpersOptions } from './server';
export { createConnectRouteHandlers } from './route-handlers';
export type { ConnectRouteHandlers, ConnectRouteHandlersOptions } from './route-handlers';
export type { AuthKitConnectionRef, AuthKitSessionData, AuthKitSessionError } from './types';
// Re-exported so one install is enough for the common cases.
export { AuthKitError, isAuthKitError, ReauthorizationRequiredError } from '@authkit/core';
export type { AuthKit, AuthKitClient, ConnectionView } from '@authkit/core';
