import type { Sandbox } from '../sandbox-types';
import type { SandboxConnection } from './types';

/**
 * The {@link SandboxConnection} of a sandbox in this process, so code written against a
 * connection also runs against `startSandbox()`. `close()` stops the sandbox.
 */
export function connectionTo(sandbox: Sandbox): SandboxConnection {
  return {
    url: sandbox.url,
    endpoints: sandbox.endpoints,
    demoClients: sandbox.demoClients,
    addRedirectUri: async (provider, clientId, uri) => {
      sandbox.addRedirectUri(provider, clientId, uri);
    },
    iguide: { createApiToken: async (input) => sandbox.iguide.createApiToken(input) },
    plannr: { createPersonalAccessToken: async (input) => sandbox.plannr.createPersonalAccessToken(input) },
    planday: {
      createPortal: async (input) => sandbox.planday.createPortal(input),
      mintRefreshToken: async (input) => sandbox.planday.mintRefreshToken(input),
    },
    oauth2: { createPersonalAccessToken: async (input) => sandbox.oauth2.createPersonalAccessToken(input) },
    clientCredentials: {
      createApiKey: async () => sandbox.clientCredentials.createApiKey(),
      revokeApiKey: async (key) => sandbox.clientCredentials.revokeApiKey(key),
    },
    revokeGrants: async (provider, filter) => sandbox.revokeGrants(provider, filter),
    clock: { advance: async (ms) => sandbox.clock.advance(ms) },
    close: () => sandbox.close(),
  };
}
