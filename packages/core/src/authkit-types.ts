import type { ConnectionRecord, ConnectionView } from './connection';
import type { StaticCredentialInput } from './credentials';
import type { AuthKitEventListener, AuthKitEventType } from './events';
import type { ProviderDefinition, VerifyResult } from './providers/types';
import type { AccountProfile } from './fetch/profile';
import type { HealthOptions, MaintenanceOptions } from './maintenance/settings';
import type { MaintenanceReport } from './maintenance/report';
import type { MaintenanceHandle } from './maintenance/schedule';
import type { ConnectionStore } from './store/types';

/** Options of {@link createAuthKit}. */
export interface AuthKitOptions {
  providers: readonly ProviderDefinition[];
  /**
   * Where connections and pending authorizations live. Default: the process's in-memory store
   * (`defaultMemoryStore()`, shared by every AuthKit of the process; forgets on restart).
   */
  store?: ConnectionStore;
  /** Refresh this long before the access token expires. Default 60 s. */
  refreshSkewMs?: number;
  /** Announce a known refresh-token expiry this long ahead. Default 14 days. */
  refreshTokenExpiryWarningMs?: number;
  /** How long a started authorization may take. Default 10 minutes. */
  authorizationTtlMs?: number;
  /** Token endpoint retries for transient failures. Default 3 attempts, 200 ms base backoff. */
  retry?: { attempts?: number; baseDelayMs?: number; timeoutMs?: number };
  /** Pace requests under each provider's `rateLimits`. Default false. */
  pacing?: boolean;
  /** The fetch used for every outgoing request. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Clock in epoch ms, injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** What maintenance does between requests (`startMaintenance`, `runMaintenance`). */
  maintenance?: MaintenanceOptions;
  /** How transient failures are recorded, cooled down and escalated to `failing`. */
  health?: HealthOptions;
  /**
   * OpenTelemetry spans and metrics through `@opentelemetry/api` (an optional peer dependency,
   * loaded lazily when installed; without it nothing happens). Default true; false turns it off.
   */
  telemetry?: boolean;
}

/** Input of {@link AuthKit.startAuthorization}. */
export interface StartAuthorizationInput {
  providerId: string;
  ownerId: string;
  /** Overrides the provider's redirect URI; the code exchange reuses it verbatim. */
  redirectUri?: string;
  scopes?: readonly string[];
  /** Where the app wants to go afterwards (adapters restrict it to same-origin paths). */
  returnTo?: string;
  label?: string;
  /**
   * When the owner already has this connection: `replace` it in place when the callback
   * completes (a reconnect), or `fail` with `connection_exists`. Default `replace`.
   */
  ifExists?: IfConnectionExists;
}

/** What a connect does when the connection (provider, owner, label) already exists. */
export type IfConnectionExists = 'replace' | 'fail';

/** Result of {@link AuthKit.startAuthorization}. */
export interface StartedAuthorization {
  /** Send the user's browser here. */
  url: URL;
  /** The one-time `state` (adapters may bind it to the browser with a cookie). */
  state: string;
  expiresAt: number;
}

/** A pending authorization as kept server-side between start and callback. */
export interface PendingAuthorization {
  providerId: string;
  ownerId: string;
  state: string;
  codeVerifier?: string;
  redirectUri: string;
  scopes: readonly string[];
  returnTo?: string;
  label?: string;
  ifExists?: IfConnectionExists;
  expiresAt: number;
}

/** Input of {@link AuthKit.completeAuthorization}. */
export interface CompleteAuthorizationInput {
  providerId: string;
  /** The owner the app sees now; must equal the one that started the flow. */
  ownerId: string;
  /** The full callback URL or just its query parameters. */
  callback: URL | URLSearchParams | string;
  /**
   * The pending authorization, when the caller already took it with
   * {@link AuthKit.consumePendingAuthorization} (to know its `returnTo` whatever happens).
   */
  pending?: PendingAuthorization;
}

/** A token endpoint response obtained outside AuthKit (next-auth, passport-oauth2). */
export interface TokenResponseInput {
  access_token: string;
  token_type?: string;
  /** Seconds from now. */
  expires_in?: number;
  /** Epoch seconds (next-auth's `account.expires_at`). */
  expires_at?: number;
  refresh_token?: string;
  scope?: string;
}

/** A client bound to one connection. */
export interface AuthKitClient {
  readonly providerId: string;
  readonly connectionId: string;
  /**
   * Same signature as the global `fetch`. Relative URLs resolve against the provider's base
   * URL; the request is signed the provider's way; a host the provider does not own is
   * refused before anything is sent; 401/403/429 become typed errors.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Forces a refresh now (normally automatic). */
  refresh(): Promise<ConnectionView>;
  /** Runs the provider's verify call, if it has one. */
  verify(): Promise<{ subject?: string }>;
  /**
   * Who the connection belongs to at the provider: its user endpoint (Plannr's logins, a
   * generic `userInfoEndpoint`), else its verify call's subject. `configuration_error` for a
   * provider with neither.
   */
  profile(): Promise<AccountProfile>;
}

/** Input of {@link AuthKit.connectStatic}. */
export interface ConnectStaticInput {
  providerId: string;
  ownerId: string;
  credential: StaticCredentialInput;
  label?: string;
  metadata?: Record<string, string>;
  ifExists?: IfConnectionExists;
}

/** See {@link AuthKit.transientClient}. */
export interface TransientClient {
  /** Signs each request with the credential; relative URLs resolve against the provider's base URL. */
  fetch: typeof fetch;
  /** Runs the provider's verify call (iGUIDE's `appId`), if it has one. */
  verify(): Promise<VerifyResult>;
  /** Who the credential belongs to at the provider (see {@link AuthKitClient.profile}); sign-in adapters call it. */
  profile(): Promise<AccountProfile>;
}

/** Which of an owner's connections: by id, or by provider and optional label. */
export interface ConnectionSelector {
  providerId: string;
  /** The request's signed-in owner, as the app's session gives it; none (or '') → `owner_required`. */
  ownerId: string | null | undefined;
  /** Selects one of several connections to one provider (e.g. a Planday portal). */
  label?: string | undefined;
  /** An exact connection id; must still belong to `ownerId` and `providerId`. */
  connectionId?: string | undefined;
}

/** Options of {@link AuthKit.disconnect}. */
export interface DisconnectOptions {
  /** Revoke at the provider first, where it can. Default true. */
  revoke?: boolean;
  /** Remove the connection even if the revocation fails (the failure is reported). Default false. */
  ignoreRevocationFailure?: boolean;
}

/** Result of {@link AuthKit.disconnect}. */
export interface DisconnectResult {
  /** False when there was nothing to remove. */
  removed: boolean;
  /** True when the grant was revoked at the provider. */
  revoked: boolean;
}

/** The AuthKit entry point, from {@link createAuthKit}. */
export interface AuthKit {
  readonly providers: ReadonlyMap<string, ProviderDefinition>;
  /** The provider by id; throws `configuration_error` if unknown. */
  provider(providerId: string): ProviderDefinition;
  /** Deterministic id: one connection per provider, owner and optional label. */
  connectionIdFor(providerId: string, ownerId: string, label?: string): string;

  startAuthorization(input: StartAuthorizationInput): Promise<StartedAuthorization>;
  completeAuthorization(input: CompleteAuthorizationInput): Promise<{ connection: ConnectionView; returnTo?: string }>;
  /** Creates a pending authorization without building a URL (for passport-oauth2 state stores). */
  createPendingAuthorization(input: StartAuthorizationInput & { codeVerifier?: string }): Promise<PendingAuthorization>;
  /** Takes a pending authorization exactly once; throws `invalid_state` if unknown, used or expired. */
  consumePendingAuthorization(providerId: string, state: string): Promise<PendingAuthorization>;
  /**
   * Exchanges an authorization code at the provider's token endpoint — client authentication,
   * PKCE verifier and response validation exactly as the provider definition says — and
   * returns the token response without storing anything. For frameworks that run the
   * redirect leg themselves (passport-oauth2) after checking `state` with
   * {@link AuthKit.consumePendingAuthorization}; store the result with `saveTokenResponse`.
   */
  exchangeAuthorizationCode(input: {
    providerId: string;
    code: string;
    /** Must be the identical redirect URI the authorization request used. */
    redirectUri: string;
    codeVerifier?: string;
  }): Promise<TokenResponseInput>;
  /** Saves tokens that a framework exchanged itself (next-auth, passport-oauth2). */
  saveTokenResponse(input: {
    providerId: string;
    ownerId: string;
    tokens: TokenResponseInput;
    label?: string;
    requestedScopes?: readonly string[];
  }): Promise<ConnectionView>;
  /** Connects a static credential (API token pair, PAT, API key), verified where possible. */
  connectStatic(input: ConnectStaticInput): Promise<ConnectionView>;
  /** Planday-style bootstrap: exchanges a pasted refresh token at once (a bad one fails here). */
  connectRefreshToken(input: {
    providerId: string;
    ownerId: string;
    refreshToken: string;
    label?: string;
    ifExists?: IfConnectionExists;
  }): Promise<ConnectionView>;
  /** Server-to-server: client credentials grant, token cached until near expiry. */
  connectClientCredentials(input: {
    providerId: string;
    ownerId: string;
    scopes?: readonly string[];
    label?: string;
    ifExists?: IfConnectionExists;
  }): Promise<ConnectionView>;
  /** Removes the connection, revoking at the provider first where it can. */
  disconnect(connectionId: string, options?: DisconnectOptions): Promise<DisconnectResult>;
  /**
   * The owner's connection, or exactly one answer for "no connection": `connection_not_found`
   * (also for another owner's or another provider's connection, which must look the same).
   * A connection that can no longer be used throws `reauthorization_required`.
   */
  requireConnection(selector: ConnectionSelector): Promise<ConnectionView>;
  /**
   * A client for a credential that is not (yet) a connection: nothing is stored and nothing
   * refreshed. For sign-in adapters that must call the provider with tokens they have just
   * obtained (next-auth's profile call). Same host checks and signing as {@link client}.
   */
  transientClient(providerId: string, credential: StaticCredentialInput | { kind: 'oauth2'; accessToken: string }): TransientClient;
  getConnection(connectionId: string): Promise<ConnectionView | undefined>;
  listConnections(filter?: { providerId?: string; ownerId?: string }): Promise<ConnectionView[]>;
  /** A signed client for a connection. */
  client(providerId: string, connectionId: string): AuthKitClient;
  /**
   * Starts maintenance: one timer for this instance that sweeps due connections every
   * `intervalMs` (default 1 minute) — refresh-token keep-alive, warm access tokens, periodic
   * verify, retries after a cool-down. Safe with many instances on one store: each due
   * connection is handled by one of them. Calling it again returns the running handle.
   */
  startMaintenance(options?: { intervalMs?: number; onError?: (error: unknown) => void }): MaintenanceHandle;
  /** One sweep now, for apps that schedule their own (cron, a queue). */
  runMaintenance(): Promise<MaintenanceReport>;
  /** Subscribes to an event type; returns the unsubscribe function. */
  on<T extends AuthKitEventType>(type: T, listener: AuthKitEventListener<T>): () => void;
  /** The store in use. */
  readonly store: ConnectionStore;
  /** Internal record access for stores and adapters that must read raw records. */
  readConnectionRecord(connectionId: string): Promise<ConnectionRecord | undefined>;
}
