import type { Credential, CredentialKind } from './credentials';

/**
 * Lifecycle state of a connection (the state machine is drawn in core's README):
 *
 * - `active`: usable, and known to work.
 * - `unverified`: usable, but never proven: a static credential whose provider has no verify
 *   call, until its first successful request.
 * - `failing`: usable, but its provider has failed for longer than the health threshold
 *   (transient errors only; see {@link ConnectionHealth}).
 * - `reauthorization_required`: the provider refused the grant; the user must authorize again.
 * - `invalid_credential`: the provider rejected a static credential (401); paste a new one.
 * - `revoked`: revoked at the provider.
 */
export type ConnectionStatus = 'active' | 'unverified' | 'failing' | 'reauthorization_required' | 'invalid_credential' | 'revoked';

/** How the connection's credential was obtained (decides how it is renewed). */
export type ConnectionGrant =
  | 'authorization_code'
  | 'refresh_token_bootstrap'
  | 'client_credentials'
  | 'static';

/**
 * Transient failures recorded on a connection (token endpoint down, timeouts). Cleared by the
 * next success. Never holds a secret: codes only.
 */
export interface ConnectionHealth {
  /** Failures in a row since the last success. */
  readonly failureCount: number;
  /** When the first failure of this run happened (epoch ms). */
  readonly firstFailureAt: number;
  readonly lastFailureAt: number;
  /** The last error's code (`token_endpoint_error`, `provider_unavailable`, an OAuth `error`…). */
  readonly lastErrorCode: string;
  /** No new attempt before this time (epoch ms): the cool-down that spares a failing endpoint. */
  readonly retryAfter?: number;
}

/**
 * One set of credentials for one provider and one owner (end user, tenant, Planday portal).
 * This is what a {@link ConnectionStore} persists. `version` increases on every write.
 */
export interface ConnectionRecord {
  readonly id: string;
  readonly providerId: string;
  readonly ownerId: string;
  /** Distinguishes several connections of one owner to one provider (e.g. Planday portals). */
  readonly label?: string;
  readonly status: ConnectionStatus;
  readonly version: number;
  readonly grant: ConnectionGrant;
  readonly credential: Credential;
  /** Provider-specific facts about the connection, e.g. Plannr's `accountUuid`. Never secrets. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /**
   * When maintenance should next look at this connection (epoch ms): a refresh token to keep
   * alive, an access token to warm, a static credential to verify. Set by AuthKit on every
   * write; stores index it (`listDue`). Undefined: nothing to do.
   */
  readonly dueAt?: number;
  /** Transient failures since the last success; absent when healthy. */
  readonly health?: ConnectionHealth;
  /** When the provider's verify call last accepted this static credential (epoch ms). */
  readonly verifiedAt?: number;
}

/** A connection as shown to applications and UIs: everything but the secrets. */
export interface ConnectionView {
  readonly id: string;
  readonly providerId: string;
  readonly ownerId: string;
  readonly label?: string;
  readonly status: ConnectionStatus;
  readonly version: number;
  readonly grant: ConnectionGrant;
  readonly credentialKind: CredentialKind;
  readonly scopes: readonly string[];
  readonly expiresAt?: number;
  readonly refreshTokenExpiresAt?: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When maintenance will next look at the connection, if ever. */
  readonly dueAt?: number;
  readonly health?: ConnectionHealth;
  readonly verifiedAt?: number;
}
