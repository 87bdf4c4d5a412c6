import { providers, type ProviderDefinition } from '@authkit/core';
import type { SandboxLink } from './sandbox-link';

/** The callback URL AuthKit's router serves for a provider. */
export function callbackFor(appUrl: string, basePath: string, providerId: string): string {
  return `${appUrl}${basePath}/${providerId}/callback`;
}

/** Which sandbox demo client backs each OAuth provider of the demo. */
export const OAUTH_CLIENTS = [
  { providerId: 'iguide', sandboxProvider: 'iguide' },
  { providerId: 'plannr', sandboxProvider: 'plannr' },
  { providerId: 'planday', sandboxProvider: 'planday' },
  { providerId: 'oauth2', sandboxProvider: 'oauth2' },
] as const;

/** The five seed systems, pointed at the sandbox. Real apps pass real endpoints (or none). */
export function demoProviders(link: SandboxLink, appUrl: string, basePath: string): ProviderDefinition[] {
  const { endpoints, clients } = link;
  const redirectUri = (id: string): string => callbackFor(appUrl, basePath, id);
  return [
    providers.iguide({
      ...endpoints.iguide,
      clientId: clients.iguide.clientId,
      clientSecret: clients.iguide.clientSecret,
      redirectUri: redirectUri('iguide'),
      scopes: ['iguide.list', 'iguide.ro'],
    }),
    providers.plannr({
      ...endpoints.plannr,
      clientId: clients.plannr.clientId,
      clientSecret: clients.plannr.clientSecret,
      redirectUri: redirectUri('plannr'),
    }),
    providers.planday({
      ...endpoints.planday,
      clientId: clients.planday.clientId,
      redirectUri: redirectUri('planday'),
      scopes: ['department:read', 'employee:read'],
    }),
    providers.oauth2({
      ...endpoints.oauth2,
      id: 'oauth2',
      name: 'Generic OAuth2 API',
      clientId: clients.oauth2.clientId,
      clientSecret: clients.oauth2.clientSecret,
      redirectUri: redirectUri('oauth2'),
      verify: { method: 'GET', path: 'v1/me' },
    }),
    providers.oauth2({
      ...endpoints.clientCredentials,
      id: 'server-api',
      name: 'Server API (client credentials)',
      clientId: clients.clientCredentials.clientId,
      clientSecret: clients.clientCredentials.clientSecret,
      grants: ['client_credentials'],
      scopes: ['users:read', 'data:read'],
      apiKey: { header: 'X-API-Key' },
    }),
  ];
}
