/** The provider families the sandbox emulates. */
export type ProviderId = 'iguide' | 'plannr' | 'planday' | 'oauth2' | 'clientCredentials';

export const PROVIDER_IDS: readonly ProviderId[] = ['iguide', 'plannr', 'planday', 'oauth2', 'clientCredentials'];

/**
 * What the token endpoint does with the refresh token on a refresh:
 * `always` issues a new one and revokes the old, `never` hands the same one back,
 * `omit` answers without a `refresh_token` field (the old one stays valid).
 */
export type RotationMode = 'always' | 'never' | 'omit';

/** Per-provider behaviour, mutable at any time through `sandbox.settings` or the admin API. */
export interface ProviderSettings {
  accessTokenTtlSeconds: number;
  /** `null`: refresh tokens never expire. */
  refreshTokenTtlSeconds: number | null;
  rotation: RotationMode;
  /** Reusing a rotated-out refresh token revokes every token of that grant (RFC 9700 §4.14.2). */
  reuseRevokesGrant: boolean;
  /** A refresh also revokes the access token issued with the old refresh token (Laravel Passport does). */
  revokeAccessTokenOnRefresh: boolean;
  authorizationCodeTtlSeconds: number;
  /** Overrides the global `autoApprove` for this provider when set. */
  autoApprove?: boolean;
}

export interface RateLimitSettings {
  iguidePerSecond: number;
  plannrPerMinute: number;
  plandayPortalPerSecond: number;
  plandayPortalPerMinute: number;
  plandayClientPerSecond: number;
  plandayClientPerMinute: number;
}

export interface SandboxSettings {
  /** Authorize endpoints redirect straight back with a code instead of showing the consent page. */
  autoApprove: boolean;
  iguide: ProviderSettings & {
    /** Grace period during which a rotated API token still works (default 7 days). */
    apiTokenGracePeriodSeconds: number;
    /** Default lifetime of a new API token (default 2 years). */
    apiTokenTtlSeconds: number;
  };
  plannr: ProviderSettings & { personalAccessTokenTtlSeconds: number };
  planday: ProviderSettings;
  oauth2: ProviderSettings;
  clientCredentials: ProviderSettings;
  rateLimits: RateLimitSettings;
}

/** One request as the sandbox saw it. Header names are lower-case. */
export interface RequestLogEntry {
  /** Sandbox-clock time the request arrived (epoch ms). */
  at: number;
  /** e.g. `plannr.token`, `iguide.api`, `planday.revocation`, `admin`, `unknown`. */
  endpointKey: string;
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string>;
  /** Status sent; 0 when no response was sent (reset / timeout fault). */
  status: number;
  /** `grant_type` of token requests. */
  grantType?: string;
}

export type FaultKind = '5xx' | 'reset' | 'timeout' | 'malformed' | 'latency';

export interface FaultSpec {
  kind: FaultKind;
  /** How many requests the fault applies to; unlimited (until `faults.clear()`) when absent. */
  times?: number;
  /** Delay for `latency` (ms, real time). */
  latencyMs?: number;
}

export interface ClientRegistration {
  provider: ProviderId;
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Scopes the client may request; any known scope when absent. */
  scopes?: string[];
  /** Shown on the consent page. */
  name?: string;
}
