import { isAuthKitError, type AuthKitError } from '@authkit/core';
import type { ErrorRequestHandler, Request } from 'express';
import { AuthKitExpressError } from './adapter-error';

/** JSON body of every error answered by `@authkit/express`. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    providerId?: string;
    /** Where the user can (re)connect, for 401s and missing connections. */
    reauthorizeUrl?: string;
  };
}

/** An HTTP answer for an error: status, extra headers, JSON body. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

/** Builds the URL that starts a new authorization for a provider, or none. */
export type ReauthorizationUrl = string | ((providerId: string, req: Request) => string | undefined);

/** Options of {@link authkitErrorHandler} and {@link toErrorResponse}. */
export interface ErrorHandlerOptions {
  /**
   * Where a user re-connects a provider: a template with `:provider` (e.g.
   * `/connections/:provider/connect`) or a function. Added to 401 and 404-connection answers.
   * Default: the connect route of the router created last.
   */
  reauthorizationUrl?: ReauthorizationUrl;
}

// Core errors whose status is fixed by their code. 5xx codes get a generic message: they
// describe the server's own trouble, which an API client cannot act on.
const STATUS_BY_CODE: Record<string, number> = {
  unauthenticated: 401,
  reauthorization_required: 401,
  permission_denied: 403,
  rate_limited: 429,
  provider_unavailable: 502,
  invalid_state: 400,
  invalid_callback: 400,
  authorization_denied: 400,
  invalid_credential: 400,
  connection_not_found: 404,
  version_conflict: 409,
  lock_timeout: 503,
  store_unavailable: 503,
  host_not_allowed: 500,
  configuration_error: 500,
  decryption_failed: 500,
};

const WANTS_REAUTHORIZATION = new Set(['unauthenticated', 'reauthorization_required', 'connection_not_found']);

function statusOf(error: AuthKitError): number {
  if (error.code === 'token_endpoint_error') {
    // A rejected code (invalid_grant at the callback) is bad callback input; anything else
    // from the token endpoint is the upstream failing us.
    const oauthError = (error as AuthKitError & { error?: unknown }).error;
    const transient = (error as AuthKitError & { transient?: unknown }).transient === true;
    return !transient && oauthError === 'invalid_grant' ? 400 : 502;
  }
  return STATUS_BY_CODE[error.code] ?? 500;
}

function reauthorizeUrlFor(
  option: ReauthorizationUrl | undefined,
  providerId: string | undefined,
  req: Request,
): string | undefined {
  if (providerId === undefined) return undefined;
  if (option === undefined) return undefined;
  if (typeof option === 'function') return option(providerId, req);
  return option.replace(':provider', encodeURIComponent(providerId));
}

/**
 * Maps an error to its HTTP answer — the one place where AuthKit errors become statuses.
 * Returns undefined for errors that are not AuthKit's (the application handles those).
 */
export function toErrorResponse(err: unknown, req: Request, options: ErrorHandlerOptions = {}): ErrorResponse | undefined {
  let status: number;
  let code: string;
  let message: string;
  let providerId: string | undefined;
  const headers: Record<string, string> = {};

  if (err instanceof AuthKitExpressError) {
    ({ status, code, message, providerId } = err);
  } else if (isAuthKitError(err)) {
    status = statusOf(err);
    code = err.code;
    message = status >= 500 && status !== 502 && status !== 503 ? 'Internal error' : err.message;
    providerId = err.providerId;
    if (err.code === 'rate_limited') {
      const retryAfter = (err as AuthKitError & { retryAfter?: unknown }).retryAfter;
      // HTTP's Retry-After is whole seconds; round fractional values (iGUIDE) up.
      if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) {
        headers['Retry-After'] = String(Math.max(0, Math.ceil(retryAfter)));
      }
    }
  } else {
    return undefined;
  }

  const body: ErrorBody = { error: { code, message } };
  if (providerId !== undefined) body.error.providerId = providerId;
  if (WANTS_REAUTHORIZATION.has(code)) {
    const url = reauthorizeUrlFor(options.reauthorizationUrl, providerId, req);
    if (url !== undefined) body.error.reauthorizeUrl = url;
  }
  return { status, headers, body };
}

/**
 * Express error handler answering AuthKit errors as JSON `{ error: { code, message,
 * providerId, reauthorizeUrl? } }` with the matching status (401, 403, 429 + `Retry-After`,
 * 502, 400, 404). Other errors pass on to the next handler.
 */
export function authkitErrorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err, req, res, next) => {
    const answer = toErrorResponse(err, req, options);
    if (answer === undefined || res.headersSent) {
      next(err);
      return;
    }
    res.status(answer.status).set(answer.headers).set('Cache-Control', 'no-store').json(answer.body);
  };
}
