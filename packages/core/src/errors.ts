/**
 * Stable machine-readable error codes. Codes are part of the public API: adapters map them
 * to HTTP statuses, applications switch on them.
 */
export type AuthKitErrorCode =
  | 'unauthenticated'
  | 'permission_denied'
  | 'reauthorization_required'
  | 'invalid_state'
  | 'authorization_denied'
  | 'invalid_callback'
  | 'token_endpoint_error'
  | 'provider_unavailable'
  | 'rate_limited'
  | 'configuration_error'
  | 'invalid_credential'
  | 'host_not_allowed'
  | 'connection_not_found'
  | 'version_conflict'
  | 'lock_timeout'
  | 'store_unavailable'
  | 'decryption_failed'
  // Raised by the HTTP surface (createConnectHandler) about the request itself.
  | 'owner_required'
  | 'unknown_provider'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_request'
  | 'invalid_return_to'
  | 'forbidden_origin'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'connection_exists'
  | 'internal_error';

/** Options shared by every AuthKit error. */
export interface AuthKitErrorOptions {
  providerId?: string;
  connectionId?: string;
  /** HTTP status of the provider response that caused the error, where there is one. */
  status?: number;
  /**
   * A short, safe explanation for the end user (names fields, never values), e.g. "the token
   * has leading or trailing whitespace". The HTTP surface puts it into its one wording.
   */
  detail?: string;
  cause?: unknown;
}

/**
 * Base class of every error AuthKit throws. Messages never contain secrets: they name
 * fields and providers, never values.
 */
export class AuthKitError extends Error {
  override readonly name: string = 'AuthKitError';
  readonly code: AuthKitErrorCode;
  readonly providerId?: string;
  readonly connectionId?: string;
  readonly status?: number;
  /** A short, safe explanation for end users (see {@link AuthKitErrorOptions.detail}). */
  readonly detail?: string;

  constructor(code: AuthKitErrorCode, message: string, options: AuthKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.providerId !== undefined) this.providerId = options.providerId;
    if (options.connectionId !== undefined) this.connectionId = options.connectionId;
    if (options.status !== undefined) this.status = options.status;
    if (options.detail !== undefined) this.detail = options.detail;
  }

  /** A JSON shape safe to send to API clients (no cause chain, no secrets). */
  toJSON(): { code: AuthKitErrorCode; message: string; providerId?: string; status?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.providerId === undefined ? {} : { providerId: this.providerId }),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/** The provider rejected the credential (HTTP 401 after one refresh-and-retry). */
export class UnauthenticatedError extends AuthKitError {
  override readonly name = 'UnauthenticatedError';
  constructor(message: string, options: AuthKitErrorOptions = {}) {
    super('unauthenticated', message, options);
  }
}

/** The credential is valid but lacks permission (HTTP 403). */
export class PermissionDeniedError extends AuthKitError {
  override readonly name = 'PermissionDeniedError';
  /** The scope the provider said is missing, where it says so. */
  readonly requiredScope?: string;
  constructor(message: string, options: AuthKitErrorOptions & { requiredScope?: string } = {}) {
    super('permission_denied', message, options);
    if (options.requiredScope !== undefined) this.requiredScope = options.requiredScope;
  }
}

/** The connection can no longer be renewed; the user must authorize again. */
export class ReauthorizationRequiredError extends AuthKitError {
  override readonly name = 'ReauthorizationRequiredError';
  constructor(message: string, options: AuthKitErrorOptions = {}) {
    super('reauthorization_required', message, options);
  }
}

/** HTTP 429 from the provider. */
export class RateLimitedError extends AuthKitError {
  override readonly name = 'RateLimitedError';
  /** Seconds to wait, parsed from `Retry-After` (fractional for iGUIDE); undefined if absent. */
  readonly retryAfter?: number;
  constructor(message: string, options: AuthKitErrorOptions & { retryAfter?: number } = {}) {
    super('rate_limited', message, options);
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** An OAuth2 error response (RFC 6749 §5.2) or an unusable token endpoint response. */
export class TokenEndpointError extends AuthKitError {
  override readonly name = 'TokenEndpointError';
  /** The `error` field of the response, e.g. `invalid_grant`, `invalid_client`. */
  readonly error?: string;
  readonly errorDescription?: string;
  /** True for failures worth retrying: 5xx, timeouts, resets, malformed bodies. */
  readonly transient: boolean;
  constructor(
    message: string,
    options: AuthKitErrorOptions & { error?: string; errorDescription?: string; transient?: boolean } = {},
  ) {
    super('token_endpoint_error', message, options);
    if (options.error !== undefined) this.error = options.error;
    if (options.errorDescription !== undefined) this.errorDescription = options.errorDescription;
    this.transient = options.transient ?? false;
  }
}

/** Optimistic concurrency failure from a store's versioned write. */
export class VersionConflictError extends AuthKitError {
  override readonly name = 'VersionConflictError';
  constructor(message: string, options: AuthKitErrorOptions = {}) {
    super('version_conflict', message, options);
  }
}

const BRAND = Symbol.for('@authkit/core/error');
Object.defineProperty(AuthKitError.prototype, BRAND, { value: true });

/**
 * True for any AuthKit error, also across duplicated copies of this package (ESM and CJS
 * builds loaded side by side), where `instanceof` alone would fail.
 */
export function isAuthKitError(value: unknown): value is AuthKitError {
  return value instanceof AuthKitError || (typeof value === 'object' && value !== null && BRAND in value);
}
