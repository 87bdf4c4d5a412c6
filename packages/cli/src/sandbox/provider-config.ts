import type { DEMO_CLIENTS, SandboxEndpoints } from '@authkit/sandbox';

/** A value in a provider's options: a URL, an id, a list of scopes, an API-key placement. */
export type OptionValue = string | readonly string[] | Readonly<Record<string, string>>;

/** How to point one of core's provider factories at a running sandbox. */
export interface SandboxProviderConfig {
  /** The factory in `providers` of `@authkit/core`. */
  factory: 'iguide' | 'plannr' | 'planday' | 'oauth2';
  /** The provider id the options give (the factory's default id for the named providers). */
  id: string;
  /** The options to pass, without the client secret. */
  options: Readonly<Record<string, OptionValue>>;
  /** The demo client's fixed secret, where the client has one (kept apart: printed only on request). */
  clientSecret?: { demoClient: keyof typeof DEMO_CLIENTS; value: string };
  /** What a user is likely to get wrong. */
  note: string;
}

/**
 * The provider options that reach a sandbox's emulated APIs with its pre-registered demo
 * clients: the same shape `tools/demo-kit` builds the demos' providers from. The URLs are not
 * always the ones a user guesses: Plannr's base URL is the host root (`…/plannr`), because the
 * API's paths start with `/api/v1` and the OAuth endpoints live under `…/plannr/oauth`.
 */
export function sandboxProviderConfigs(endpoints: SandboxEndpoints, clients: typeof DEMO_CLIENTS): SandboxProviderConfig[] {
  return [
    {
      factory: 'iguide',
      id: 'iguide',
      options: {
        baseUrl: endpoints.iguide.baseUrl,
        authorizationEndpoint: endpoints.iguide.authorizationEndpoint,
        tokenEndpoint: endpoints.iguide.tokenEndpoint,
        clientId: clients.iguide.clientId,
        scopes: ['iguide.list', 'iguide.ro'],
      },
      clientSecret: { demoClient: 'iguide', value: clients.iguide.clientSecret },
      note: 'iGUIDE Portal: baseUrl ends in /api/v1. API tokens need no client; the OAuth app needs both endpoints (iGUIDE publishes none).',
    },
    {
      factory: 'plannr',
      id: 'plannr',
      options: { baseUrl: endpoints.plannr.baseUrl, clientId: clients.plannr.clientId },
      clientSecret: { demoClient: 'plannr', value: clients.plannr.clientSecret },
      note: 'Plannr: baseUrl is …/plannr, not …/plannr/api/v1: request paths such as /api/v1/contacts are relative to it, and /oauth/authorize and /oauth/token default under it.',
    },
    {
      factory: 'planday',
      id: 'planday',
      options: {
        clientId: clients.planday.clientId,
        baseUrl: endpoints.planday.baseUrl,
        identityUrl: endpoints.planday.issuer,
        scopes: ['department:read', 'employee:read'],
      },
      note: 'Planday: a public client (no secret). identityUrl is the identity server: the token, authorize, revocation and JWKS URLs default under it.',
    },
    {
      factory: 'oauth2',
      id: 'oauth2',
      options: {
        id: 'oauth2',
        name: 'Generic OAuth2 API',
        baseUrl: endpoints.oauth2.baseUrl,
        authorizationEndpoint: endpoints.oauth2.authorizationEndpoint,
        tokenEndpoint: endpoints.oauth2.tokenEndpoint,
        revocationEndpoint: endpoints.oauth2.revocationEndpoint,
        issuer: endpoints.oauth2.issuer,
        clientId: clients.oauth2.clientId,
      },
      clientSecret: { demoClient: 'oauth2', value: clients.oauth2.clientSecret },
      note: 'A generic OAuth2 API (authorization code, personal access tokens); its resource paths start with /v1.',
    },
    {
      factory: 'oauth2',
      id: 'server-api',
      options: {
        id: 'server-api',
        name: 'Server API (client credentials)',
        baseUrl: endpoints.clientCredentials.baseUrl,
        tokenEndpoint: endpoints.clientCredentials.tokenEndpoint,
        clientId: clients.clientCredentials.clientId,
        grants: ['client_credentials'],
        scopes: ['users:read', 'data:read'],
        apiKey: { header: 'X-API-Key' },
      },
      clientSecret: { demoClient: 'clientCredentials', value: clients.clientCredentials.clientSecret },
      note: 'A client-credentials API (server to server): the client credentials grant, or an API key in X-API-Key.',
    },
  ];
}
