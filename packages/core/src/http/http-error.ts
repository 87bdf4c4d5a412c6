import type { AuthKitError, AuthKitErrorCode } from '../errors';
import { isAuthKitError } from '../errors';
import type { ProviderDefinition } from '../providers/types';
import { describeError, type WordingContext } from './messages';

/** The JSON body of every error the HTTP surface (and each adapter's error handler) answers. */
export interface HttpErrorBody {
  code: AuthKitErrorCode;
  /** The one wording of this code: provider, what happened, what to do next. */
  message: string;
  providerId?: string;
  /** Where the user can connect or reconnect, for errors the user can fix that way. */
  reauthorizeUrl?: string;
  /** Seconds to wait, as the provider said (may be fractional); `Retry-After` is rounded up. */
  retryAfter?: number;
  /** The scope a 403 said is missing, where the provider says so. */
  requiredScope?: string;
}

/** An error as HTTP: status, headers and body. */
export interface HttpError {
  status: number;
  headers: Record<string, string>;
  body: HttpErrorBody;
}

/** Options of {@link toHttpError}. */
export interface ToHttpErrorOptions {
  /** Providers by id, for display names in messages. */
  providers?: ReadonlyMap<string, ProviderDefinition>;
  /** Builds `reauthorizeUrl` (the connect handler's own routes); undefined leaves it out. */
  reauthorizeUrl?: (providerId: string, connectionId: string | undefined) => string | undefined;
}

const STATUS: Record<AuthKitErrorCode, number> = {
  owner_required: 401,
  unknown_provider: 404,
  not_found: 404,
  method_not_allowed: 405,
  invalid_request: 400,
  invalid_return_to: 400,
  forbidden_origin: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  connection_exists: 409,
  connection_not_found: 404,
  unauthenticated: 401,
  reauthorization_required: 401,
  invalid_credential: 400,
  permission_denied: 403,
  rate_limited: 429,
  invalid_state: 400,
  invalid_callback: 400,
  authorization_denied: 400,
  // Refined below: a rejected grant is bad input (400), anything else the upstream failing (502).
  token_endpoint_error: 502,
  provider_unavailable: 502,
  version_conflict: 409,
  lock_timeout: 503,
  store_unavailable: 503,
  host_not_allowed: 500,
  configuration_error: 500,
  decryption_failed: 500,
  internal_error: 500,
};

/** Codes the user can fix by connecting or reconnecting. */
const REAUTHORIZABLE = new Set<AuthKitErrorCode>(['unauthenticated', 'reauthorization_required', 'connection_not_found']);

// Fields read by shape, not `instanceof`: the ESM and CJS builds of core may both be loaded.
type ErrorFields = AuthKitError & { error?: unknown; transient?: unknown; retryAfter?: unknown; requiredScope?: unknown };

function rejectedGrant(error: ErrorFields): boolean {
  return error.code === 'token_endpoint_error' && error.transient !== true && error.error === 'invalid_grant';
}

/**
 * The one table that turns an AuthKit error into HTTP: status, `Retry-After`, and a stable
 * JSON body `{ code, message, providerId, reauthorizeUrl?, retryAfter?, requiredScope? }`
 * whose message is the code's one wording. Undefined for errors that are not AuthKit's (the
 * framework's own handling applies). Every adapter answers errors through this.
 */
export function toHttpError(error: unknown, options: ToHttpErrorOptions = {}): HttpError | undefined {
  if (!isAuthKitError(error)) return undefined;
  const fields = error as ErrorFields;
  const status = rejectedGrant(fields) ? 400 : (STATUS[error.code] ?? 500);
  const providerId = error.providerId;
  const provider = providerId === undefined ? undefined : options.providers?.get(providerId);
  const retryAfter = error.code === 'rate_limited' && typeof fields.retryAfter === 'number' && Number.isFinite(fields.retryAfter) ? fields.retryAfter : undefined;
  const requiredScope = error.code === 'permission_denied' && typeof fields.requiredScope === 'string' ? fields.requiredScope : undefined;
  const context: WordingContext = {
    provider: provider?.name ?? providerId ?? 'the provider',
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(requiredScope === undefined ? {} : { requiredScope }),
    ...(rejectedGrant(fields) ? { rejectedGrant: true } : {}),
  };
  const body: HttpErrorBody = { code: error.code, message: describeError(error.code, context) };
  if (providerId !== undefined) body.providerId = providerId;
  if (providerId !== undefined && REAUTHORIZABLE.has(error.code)) {
    const url = options.reauthorizeUrl?.(providerId, error.connectionId);
    if (url !== undefined) body.reauthorizeUrl = url;
  }
  if (retryAfter !== undefined) body.retryAfter = retryAfter;
  if (requiredScope !== undefined) body.requiredScope = requiredScope;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  // HTTP's Retry-After is whole seconds; fractional values (iGUIDE) are rounded up.
  if (retryAfter !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(retryAfter)));
  return { status, headers, body };
}

/** An {@link HttpError} as a Web `Response`. */
export function httpErrorResponse(httpError: HttpError): Response {
  return new Response(JSON.stringify(httpError.body), { status: httpError.status, headers: httpError.headers });
}
