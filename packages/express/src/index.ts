// Public API of @authkit/express: Express 5 glue around @authkit/core. Keep this a short barrel.
export { createAuthKitRouter } from './router';
export { requireConnection } from './require-connection';
export { createAuthKitExpress, type AuthKitExpress } from './create';
export {
  authkitErrorHandler,
  toErrorResponse,
  type ErrorBody,
  type ErrorHandlerOptions,
  type ErrorResponse,
  type ReauthorizationUrl,
} from './error-response';
export { AuthKitExpressError, type AdapterErrorCode } from './adapter-error';
export { safeReturnTo } from './return-to';
export { sendWebResponse } from './web';
export type {
  AuthKitExpressOptions,
  AuthKitRequestContext,
  AuthKitRouterOptions,
  GetOwner,
  RequireConnectionOptions,
  StateCookieOptions,
} from './types';
// Re-exported so one install is enough for typical apps.
export { AuthKitError, isAuthKitError } from '@authkit/core';
export type { AuthKit, AuthKitClient, ConnectionView } from '@authkit/core';
