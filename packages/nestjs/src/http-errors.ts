import { HttpException, HttpStatus } from '@nestjs/common';
import type { AuthKitError, AuthKitErrorCode } from '@authkit/core';

/**
 * The one place where core error codes become HTTP statuses. Everything the body carries
 * comes from `AuthKitError.toJSON()` (no cause chain, no secret) plus hints for the client.
 */
const STATUS: Record<AuthKitErrorCode, number> = {
  unauthenticated: HttpStatus.UNAUTHORIZED,
  reauthorization_required: HttpStatus.UNAUTHORIZED,
  permission_denied: HttpStatus.FORBIDDEN,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  token_endpoint_error: HttpStatus.BAD_GATEWAY,
  provider_unavailable: HttpStatus.BAD_GATEWAY,
  invalid_state: HttpStatus.BAD_REQUEST,
  invalid_callback: HttpStatus.BAD_REQUEST,
  authorization_denied: HttpStatus.BAD_REQUEST,
  invalid_credential: HttpStatus.BAD_REQUEST,
  connection_not_found: HttpStatus.NOT_FOUND,
  version_conflict: HttpStatus.CONFLICT,
  lock_timeout: HttpStatus.SERVICE_UNAVAILABLE,
  store_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  host_not_allowed: HttpStatus.INTERNAL_SERVER_ERROR,
  configuration_error: HttpStatus.INTERNAL_SERVER_ERROR,
  decryption_failed: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** The JSON body of an AuthKit error response. */
export interface AuthKitErrorBody {
  statusCode: number;
  code: AuthKitErrorCode;
  message: string;
  providerId?: string;
  /** Where to send the user to authorize again (401 on OAuth2 providers). */
  reauthorizeUrl?: string;
  /** Seconds, as the provider said (may be fractional); the `Retry-After` header is rounded up. */
  retryAfter?: number;
  requiredScope?: string;
}

/** Token-endpoint answers that mean "the code or pasted token you gave is bad", not an outage. */
const BAD_INPUT_GRANT_ERRORS = new Set(['invalid_grant', 'invalid_request']);

/** HTTP status for a core error. */
export function httpStatusOf(error: AuthKitError): number {
  const grant = error as AuthKitError & { transient?: unknown; error?: unknown };
  if (error.code === 'token_endpoint_error' && grant.transient === false && typeof grant.error === 'string' && BAD_INPUT_GRANT_ERRORS.has(grant.error)) {
    return HttpStatus.BAD_REQUEST;
  }
  return STATUS[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Translates a core error into a Nest `HttpException`. */
export function toHttpException(error: AuthKitError, reauthorizeUrl?: string): HttpException {
  const statusCode = httpStatusOf(error);
  const json = error.toJSON();
  const body: AuthKitErrorBody = {
    statusCode,
    code: json.code,
    // Server-side faults keep their details in the logs, not in the response.
    message: statusCode >= 500 && statusCode !== 502 && statusCode !== 503 ? 'AuthKit is misconfigured' : json.message,
    ...(json.providerId ? { providerId: json.providerId } : {}),
  };
  if (statusCode === HttpStatus.UNAUTHORIZED && reauthorizeUrl) body.reauthorizeUrl = reauthorizeUrl;
  // Fields read by shape, not `instanceof`: the ESM and CJS builds of core may both be loaded.
  const extra = error as AuthKitError & { retryAfter?: unknown; requiredScope?: unknown };
  if (error.code === 'rate_limited' && typeof extra.retryAfter === 'number') body.retryAfter = extra.retryAfter;
  if (error.code === 'permission_denied' && typeof extra.requiredScope === 'string') body.requiredScope = extra.requiredScope;
  return new HttpException(body, statusCode, { cause: error });
}

/** `Retry-After` header value (whole seconds, rounded up) for a rate-limit error, if known. */
export function retryAfterHeader(error: AuthKitError): string | undefined {
  const seconds = (error as AuthKitError & { retryAfter?: unknown }).retryAfter;
  if (error.code !== 'rate_limited' || typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return String(Math.max(0, Math.ceil(seconds)));
}
