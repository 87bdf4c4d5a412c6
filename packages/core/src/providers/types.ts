import type { ConnectionRecord } from '../connection';
import type { Credential, CredentialKind, StaticCredentialInput } from '../credentials';
import type { AuthKitErrorCode } from '../errors';
import type { Secret } from '../secret';

/** How the client authenticates at the token endpoint. */
export type ClientAuthentication = 'client_secret_post' | 'client_secret_basic' | 'none';

/** OAuth2 settings of a provider. Every endpoint is overridable by the provider factory. */
export interface OAuth2Settings {
  clientId: string;
  /**
   * Absent for public clients such as Planday's (`clientAuthentication: 'none'`). A
   * {@link Secret}, so logging or serialising a provider never prints it.
   */
  clientSecret?: Secret;
  clientAuthentication: ClientAuthentication;
  /** Required for the authorization-code flow (or discovered). */
  authorizationEndpoint?: string;
  /** Absent only when discovered from `issuer` (see `discovery`). */
  tokenEndpoint?: string;
  /** RFC 7009 revocation endpoint, where the provider has one. */
  revocationEndpoint?: string;
  /** Authorization server issuer: checked against RFC 9207 `iss` and ID tokens when present. */
  issuer?: string;
  /** Where the authorization server publishes its ID-token signing keys (OpenID providers). */
  jwksUri?: string;
  /**
   * The server always sends RFC 9207's `iss` in authorization responses (its metadata's
   * `authorization_response_iss_parameter_supported`): a callback without it is refused.
   */
  authorizationResponseIssParameterSupported?: boolean;
  /** Default redirect URI; a flow may pass its own (kept identical for the code exchange). */
  redirectUri?: string;
  /** Send a PKCE S256 challenge with every authorization request. */
  pkce: boolean;
  /** Separator used to join scopes (RFC 6749 says space; some APIs use commas). */
  scopeSeparator: string;
  /** Scopes requested when a flow names none. */
  defaultScopes: readonly string[];
  /** Scopes always added (e.g. Planday's `openid offline_access`). */
  requiredScopes?: readonly string[];
  /** Extra query parameters for the authorization URL. */
  authorizationParams?: Readonly<Record<string, string>>;
  /** Grants this client may use. */
  grants: readonly ('authorization_code' | 'refresh_token' | 'client_credentials')[];
  /** Used when a token response has no `expires_in` (seconds). */
  defaultAccessTokenLifetimeSeconds?: number;
  /** Refresh-token lifetime, where documented (Plannr: ~6 months), to warn ahead of expiry. */
  refreshTokenLifetimeSeconds?: number;
  /** The server issues a new refresh token on every refresh and revokes the old one. */
  rotatesRefreshTokens?: boolean;
  /** An endpoint returning the user's profile (used by sign-in adapters such as next-auth). */
  userInfoEndpoint?: string;
  /**
   * Present when missing endpoints and capabilities come from the `issuer`'s metadata
   * (RFC 8414 / OpenID discovery), read on first use. `chooseClientAuthentication`: no method
   * was configured, so the best one the server offers is used.
   */
  discovery?: { readonly chooseClientAuthentication: boolean };
}

/** What the provider's error body said, normalised. */
export interface ProviderErrorInfo {
  code: Extract<AuthKitErrorCode, 'unauthenticated' | 'permission_denied' | 'rate_limited' | 'invalid_credential'>;
  /** A safe, human-readable message (the provider's own wording, never a credential). */
  message: string;
  requiredScope?: string;
}

/** Context given to a provider's request signer. */
export interface SignRequestContext {
  readonly url: URL;
  readonly headers: Headers;
  readonly credential: Credential;
  readonly connection: ConnectionRecord;
}

/** Result of a provider's verify call. */
export interface VerifyResult {
  /** The identity the provider reported, e.g. iGUIDE's `appId`. */
  subject?: string;
  /** Extra metadata to store on the connection (never secrets). */
  metadata?: Record<string, string>;
}

/** Context for calls a provider makes with a connection's signed fetch (verify, metadata). */
export interface ProviderCallContext {
  readonly fetch: typeof fetch;
  readonly connection: ConnectionRecord;
}

/** A rate-limit rule for optional client-side pacing. */
export interface RateLimitRule {
  /** Counted per connection (Planday: per portal) or per client id, across connections. */
  per: 'connection' | 'client';
  limit: number;
  windowMs: number;
}

/**
 * A provider: a declarative description of one API's authentication. A new API is a short
 * object built by a factory (`providers.oauth2({...})`), not a subclass.
 */
export interface ProviderDefinition {
  readonly id: string;
  readonly name: string;
  /** Relative request URLs resolve against this. */
  readonly baseUrl: string;
  /** Hosts (`host` or `host:port`) credentials may be sent to; everything else is refused. */
  readonly allowedHosts: readonly string[];
  readonly credentialKinds: readonly CredentialKind[];
  readonly oauth2?: OAuth2Settings;
  /** Scope catalogue: each scope's description and the scopes it implies (`iguide.rw` ⇒ `iguide.ro`). */
  readonly scopes?: Readonly<Record<string, { description?: string; implies?: readonly string[] }>>;
  /** Applies the credential to an outgoing request (headers or query). */
  signRequest(context: SignRequestContext): void;
  /** Maps an error response body to an AuthKit error; undefined falls back to the status. */
  parseError?(status: number, body: unknown, headers: Headers): ProviderErrorInfo | undefined;
  /** Parses `Retry-After`-style headers into seconds (iGUIDE sends fractional seconds). */
  parseRetryAfter?(headers: Headers): number | undefined;
  /** Verifies a credential works (iGUIDE `POST /api/v1/integrations/test`). */
  verify?(context: ProviderCallContext): Promise<VerifyResult>;
  /** Resolves metadata the signer needs after connecting (Plannr's account uuid). */
  resolveMetadata?(context: ProviderCallContext): Promise<Record<string, string>>;
  /**
   * Checks a pasted static credential before anything is sent; returns a problem description
   * (naming fields, never values) or undefined when it is acceptable.
   */
  validateCredential?(input: StaticCredentialInput): string | undefined;
  /** Client-side pacing rules, applied when pacing is enabled. */
  readonly rateLimits?: readonly RateLimitRule[];
}

/** Options every generic provider factory (`oauth2`, `apiKey`, `bearerToken`) takes. */
export interface GenericProviderOptions {
  id: string;
  /** Display name; default the id. */
  name?: string;
  /** API base URL; relative request URLs resolve against it. */
  baseUrl: string;
  /** A call that proves a credential works, e.g. `{ method: 'GET', path: '/v1/me' }`. */
  verify?: { method?: string; path: string };
  rateLimits?: readonly RateLimitRule[];
  /** Custom error mapping; the default reads RFC 6749/6750 bodies and `message`. */
  parseError?: (status: number, body: unknown, headers: Headers) => ProviderErrorInfo | undefined;
  /** Extra hosts credentials may go to (the base URL's host is always allowed). */
  allowedHosts?: readonly string[];
}
