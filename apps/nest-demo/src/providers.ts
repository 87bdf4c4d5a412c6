import { providers, type ProviderDefinition } from '@authkit/core';
import type { SandboxLink } from './sandbox-link.js';

/** Which sandbox demo client backs each OAuth provider of the demo. */
export const OAUTH_CLIENTS = [
  { providerId: 'iguide', sandboxProvider: 'iguide' },
  { providerId: 'plannr', sandboxProvider: 'plannr' },
  { providerId: 'planday', sandboxProvider: 'planday' },
  { providerId: 'oauth2', sandboxProvider: 'oauth2' },
] as const;

/**
 * The five seed systems, pointed at the sandbox. Real apps pass real endpoints (or none).
 * No redirect URIs here: `@authkit/nestjs` derives them from `appUrl` and the base path.
 */
export function demoProviders(link: SandboxLink): ProviderDefinition[] {
  const { endpoints, clients } = link;
  return [
    providers.iguide({ ...endpoints.iguide, ...clients.iguide, scopes: ['iguide.list', 'iguide.ro'] }),
    providers.plannr({ ...endpoints.plannr, ...clients.plannr }),
    providers.planday({ ...endpoints.planday, clientId: clients.planday.clientId, scopes: ['department:read', 'employee:read'] }),
    providers.oauth2({
      ...endpoints.oauth2,
      ...clients.oauth2,
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
