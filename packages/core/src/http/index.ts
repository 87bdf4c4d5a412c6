// The HTTP surface: one framework-free Request → Response handler and the pieces adapters share.
export { createConnectHandler } from './connect-handler';
export type { CallbackOutcome, ConnectHandler, ConnectHandlerOptions, ConnectRequestContext, FlowOptions } from './connect-handler';
export type { CompletedAuthorization } from './authorization';
export { toHttpError, httpErrorResponse } from './http-error';
export type { HttpError, HttpErrorBody, ToHttpErrorOptions } from './http-error';
export { describeError } from './messages';
export type { WordingContext } from './messages';
export { safeReturnTo } from './return-to';
export { supportsBrowserFlow } from './surface';
/** The shortest cookie secret the surface accepts (adapters that derive one check it first), and the `Cookie` header parser. */
export { MIN_COOKIE_SECRET_LENGTH, parseCookies } from './state-cookie';
export { describeOutcome } from './outcome';
export type { FlowOutcome } from './outcome';
