// The public shape of a running sandbox, apart from the code that starts one, so the admin API
// (which drives a Sandbox) and startSandbox (which mounts the admin API) do not import each other.
import type { SandboxClock } from './clock';
import type { DEMO_CLIENTS } from './data';
import type { FaultInjector } from './faults';
import type { ClientCredentialsAdmin } from './providers/client-credentials';
import type { IguideApiToken, IguideRotatedToken } from './providers/iguide-tokens';
import type { OAuth2Admin } from './providers/oauth2';
import type { PlandayAdmin } from './providers/planday';
import type { PlannrAdmin } from './providers/plannr';
import type { ClientRegistration, ProviderId, RequestLogEntry, SandboxSettings } from './types';

export interface StartSandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Skip the consent page: authorize endpoints redirect straight back with a code. Default false. */
  autoApprove?: boolean;
}

/** The URLs of each emulated provider, ready to put into a provider configuration. */
export interface SandboxEndpoints {
  iguide: { baseUrl: string; authorizationEndpoint: string; tokenEndpoint: string };
  plannr: { baseUrl: string; authorizationEndpoint: string; tokenEndpoint: string };
  planday: { baseUrl: string; authorizationEndpoint: string; tokenEndpoint: string; revocationEndpoint: string; issuer: string; jwksUri: string };
  oauth2: { baseUrl: string; authorizationEndpoint: string; tokenEndpoint: string; revocationEndpoint: string; issuer: string };
  clientCredentials: { baseUrl: string; tokenEndpoint: string };
  /** The admin HTTP API. */
  admin: string;
}

/** A running sandbox: URLs, controls, counters. */
export interface Sandbox {
  /** `http://host:port`. */
  readonly url: string;
  readonly endpoints: SandboxEndpoints;
  readonly demoClients: typeof DEMO_CLIENTS;
  /** Stops listening and destroys every socket (keep-alive and hanging `timeout` faults included). */
  close(): Promise<void>;
  /** The sandbox clock (epoch ms). */
  now(): number;
  readonly clock: SandboxClock;
  /** Live, mutable settings (token lifetimes, rotation, rate limits, auto-approve). */
  readonly settings: SandboxSettings;
  registerClient(client: ClientRegistration): ClientRegistration;
  /** Adds an exact redirect URI to a registered client (the demo clients start with none). */
  addRedirectUri(provider: ProviderId, clientId: string, uri: string): ClientRegistration;
  readonly iguide: {
    createApiToken(input: { scopes: string[]; expiresInSeconds?: number }): IguideApiToken;
    /** Same as `POST /api/v1/tokens/:id/rotate`; the old value works for the grace period. */
    rotateApiToken(id: string, gracePeriodSeconds?: number): IguideRotatedToken | undefined;
    revokeApiToken(id: string): boolean;
    /** Same as `POST /api/v1/apps/:appId/rotate`: a new client secret, the old one dead at once. */
    rotateClientSecret(clientId: string): { clientId: string; clientSecret: string } | undefined;
  };
  /**
   * Revokes every grant of a provider matching the filter, as if the user disconnected the app
   * at the provider: their access and refresh tokens stop working. Returns how many.
   */
  revokeGrants(provider: ProviderId, filter?: { clientId?: string; portalId?: string; subject?: string }): number;
  readonly plannr: PlannrAdmin;
  readonly planday: PlandayAdmin;
  readonly oauth2: OAuth2Admin;
  readonly clientCredentials: ClientCredentialsAdmin;
  readonly faults: SandboxFaults;
  readonly stats: { count(endpointKey: string, filter?: { grantType?: string }): number; reset(): void };
  /** Every request seen since the last `stats.reset()` (bounded), oldest first. */
  readonly requests: readonly RequestLogEntry[];
}

export type SandboxFaults = Pick<FaultInjector, 'inject' | 'clear' | 'list'>;
