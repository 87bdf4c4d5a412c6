import type { DEMO_CLIENTS } from '../data';
import type { IguideApiToken } from '../providers/iguide-tokens';
import type { SandboxEndpoints } from '../sandbox-types';
import type { ProviderId } from '../types';

/**
 * A handle on a running sandbox that works the same whether the sandbox lives in this process
 * ({@link connectionTo}) or in another one reached over its admin HTTP API ({@link connectSandbox}).
 * Every method is async so the two are interchangeable.
 */
export interface SandboxConnection {
  /** `http://host:port` of the sandbox. */
  readonly url: string;
  /** Each emulated provider's URLs, ready to spread into a provider configuration. */
  readonly endpoints: SandboxEndpoints;
  /** The pre-registered demo clients (ids and secrets). */
  readonly demoClients: typeof DEMO_CLIENTS;
  /** Adds an exact redirect URI to a registered client (the demo clients start with none). */
  addRedirectUri(provider: ProviderId, clientId: string, uri: string): Promise<void>;
  readonly iguide: {
    /** A new iGUIDE API token pair (`id` + `token`, shown once). */
    createApiToken(input: { scopes: string[]; expiresInSeconds?: number }): Promise<IguideApiToken>;
  };
  readonly plannr: {
    /** A new Plannr personal access token (1 year). */
    createPersonalAccessToken(input?: { userId?: number }): Promise<{ token: string; expiresAt: string }>;
  };
  readonly planday: {
    createPortal(input: { name: string }): Promise<{ portalId: string; name: string }>;
    /** What a portal's API Access page shows after "Authorize". */
    mintRefreshToken(input: { portalId: string; clientId: string; scopes?: string[] }): Promise<{ refreshToken: string }>;
  };
  readonly oauth2: {
    /** A new personal access token for the generic OAuth2 API (all scopes unless narrowed). */
    createPersonalAccessToken(input?: { scopes?: string[] }): Promise<{ token: string; scopes: string[] }>;
  };
  readonly clientCredentials: {
    /** A new key for the client-credentials API's `X-API-Key`. */
    createApiKey(): Promise<{ key: string }>;
    /** Revokes a key (a leaked key, a rotation): the API answers 401 to it from now on. True if it existed. */
    revokeApiKey(key: string): Promise<boolean>;
  };
  /**
   * Revokes every grant of a provider matching the filter (a user revoking the app, an admin
   * removing a portal): their access and refresh tokens stop working. Resolves to how many.
   */
  revokeGrants(provider: ProviderId, filter?: { clientId?: string; portalId?: string; subject?: string }): Promise<number>;
  /** The sandbox clock, which every expiry is measured on (the caller's own clock is not moved). */
  readonly clock: {
    /** Moves the sandbox's time forward (e.g. past Plannr's 6-month refresh-token lifetime); resolves to the new time (epoch ms). */
    advance(ms: number): Promise<number>;
  };
  /**
   * Stops a sandbox this connection started; a connection to a sandbox running elsewhere
   * only lets go of it (the sandbox keeps running for its owner).
   */
  close(): Promise<void>;
}
