import { providers, type ProviderDefinition } from '@authkit/core';
import type { SandboxConnection } from '@authkit/sandbox';
import { withVerify } from './verify';

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
 * The five seed systems, pointed at the sandbox — the same list in every demo. Real apps pass
 * real endpoints (or none). No redirect URI is set: each adapter's surface derives its own
 * callback URL from the app's origin and base path (`registerCallbacks` tells the sandbox).
 *
 * Every provider can be asked whether a credential works (the "Verify" button, and a pasted
 * credential checked before it is saved, so a wrong one is refused at once instead of showing
 * as active): iGUIDE's own `POST /integrations/test`, and a read-only request for the others.
 */
export function demoProviders(sandbox: SandboxConnection): ProviderDefinition[] {
  const { endpoints, demoClients: clients } = sandbox;
  const plannr = providers.plannr({ ...endpoints.plannr, ...clients.plannr });
  const planday = providers.planday({ ...endpoints.planday, clientId: clients.planday.clientId, scopes: ['department:read', 'employee:read'] });
  const serverApi = providers.oauth2({
    ...endpoints.clientCredentials,
    ...clients.clientCredentials,
    id: 'server-api',
    name: 'Server API',
    grants: ['client_credentials'],
    scopes: ['users:read', 'data:read'],
    apiKey: { header: 'X-API-Key' },
  });
  return [
    providers.iguide({ ...endpoints.iguide, ...clients.iguide, scopes: ['iguide.list', 'iguide.ro'] }),
    plannr, // core's Plannr verifies with GET /api/v1/logins
    withVerify(planday, { oauth2: 'hr/v1/Departments' }),
    providers.oauth2({
      ...endpoints.oauth2,
      ...clients.oauth2,
      id: 'oauth2',
      name: 'Generic OAuth2 API',
      personalAccessTokens: true,
      verify: { method: 'GET', path: 'v1/me' },
      // Who signed in, for next-auth's sign-in with this provider (the Next demo).
      userInfoEndpoint: `${endpoints.oauth2.baseUrl}/v1/me`,
    }),
    withVerify(serverApi, { oauth2: 'v1/users', api_key: 'v1/data' }),
  ];
}
