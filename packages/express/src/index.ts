// Public API of @authkit/express: Express 5 ⇄ @authkit/core's connect surface. Keep this a short barrel.
export { createAuthKitExpress, type AuthKitExpress } from './create';
export type { AuthKitExpressOptions, AuthKitRequestContext, GetOwner, RequireConnectionOptions } from './types';
export { sendWebResponse } from '@authkit/core/node';
// Re-exported so one install is enough for typical apps.
export { AuthKitError, isAuthKitError, toHttpError } from '@authkit/core';
export type { AuthKit, AuthKitClient, ConnectionView, HttpErrorBody } from '@authkit/core';
