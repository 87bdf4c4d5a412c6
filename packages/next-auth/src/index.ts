// Public API of @authkit/next-auth: next-auth v4 providers and callbacks built on @authkit/core,
// and core's connect surface as App Router route handlers.
export { createAuthKitNext } from './create';
export type { AuthKitNext, AuthKitNextOptions, AuthKitRouteHandlers } from './create';
export { authkitProviders, authkitProvider, namespacedUserId } from './providers';
export type { AuthKitProfile, AuthKitProviderEntry, AuthKitProvidersOptions } from './providers';
export type { ProfileSource } from '@authkit/core';
export { authkitCallbacks, withAuthKit } from './callbacks';
export type { AuthKitCallbacks } from './callbacks';
export { ownerIdFromCookies } from './session-token';
export type { CookieSource } from './session-token';
export type { AuthKitConnectionRef, AuthKitSessionData, AuthKitSessionError } from './types';
// Re-exported so one install is enough for the common cases.
export { AuthKitError, isAuthKitError, ReauthorizationRequiredError } from '@authkit/core';
export type { AuthKit, AuthKitClient, ConnectionView } from '@authkit/core';
