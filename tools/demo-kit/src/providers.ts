import { providers, type ProviderDefinition } from '@authkit/core';
import type { SandboxConnection } from '@authkit/sandbox';

/** Which sandbox demo client backs each OAuth provider of the demos. */
export const OAUTH_CLIENTS = [
  { providerId: 'iguide', sandboxProvider: 'iguide' },
  { providerId: 'plannr', sandboxProvider: 'plannr' },
  { providerId: 'planday', sandboxProvider: 'planday' },
  { providerId: 'oauth2', sandboxProvider: 'oauth2' },
] as const;

/** Registers a demo's callback URL(s) with each OAuth client: the sandbox matches redirect URIs exactly. */
export async function registerCallbacks(sandbox: SandboxConnection, callbackFor: (providerId: string) => string): Promise<void> {
  for (const { providerId, sandboxProvider } of OAUTH_CLIENTS) {
    await sandbox.addRedirectUri(sandboxProvider, sandbox.demoClients[sandboxProvider].clientId, callbackFor(providerId));
  }
}

/**
 * The five seed systems, pointed at the sandbox. Real apps pass real endpoints (or none).
 * `redirectUriFor` is for adapters that need the callback URL in the provider (Express);
 * without it the adapter derives it (NestJS, from `appUrl` and its base path).
 */
export function demoProviders(sandbox: SandboxConnection, redirectUriFor?: (providerId: string) => string): ProviderDefinition[] {
  const { endpoints, demoClients: clients } = sandbox;
  const redirect = (id: string): { redirectUri?: string } => (redirectUriFor ? { redirectUri: redirectUriFor(id) } : {});
  return [
    providers.iguide({ ...endpoints.iguide, ...clients.iguide, ...redirect('iguide'), scopes: ['iguide.list', 'iguide.ro'] }),
    providers.plannr({ ...endpoints.plannr, ...clients.plannr, ...redirect('plannr') }),
    providers.planday({ ...endpoints.planday, clientId: clients.planday.clientId, ...redirect('planday'), scopes: ['department:read', 'employee:read'] }),
    providers.oauth2({
      ...endpoints.oauth2,
      ...clients.oauth2,
      ...redirect('oauth2'),
      id: 'oauth2',
      name: 'Generic OAuth2 API',
      verify: { method: 'GET', path: 'v1/me' },
    }),
    providers.oauth2({
      ...endpoints.clientCredentials,
      ...clients.clientCredentials,
      id: 'server-api',
      name: 'Server API (client credentials)',
      grants: ['client_credentials'],
      scopes: ['users:read', 'data:read'],
      apiKey: { header: 'X-API-Key' },
    }),
  ];
}
