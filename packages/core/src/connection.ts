import type { Credential, CredentialKind } from './credentials';

/** Lifecycle state of a connection. */
export type ConnectionStatus = 'active' | 'reauthorization_required' | 'revoked';

/** How the connection's credential was obtained (decides how it is renewed). */
export type ConnectionGrant =
  | 'authorization_code'
  | 'refresh_token_bootstrap'
  | 'client_credentials'
  | 'static';

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
}
