import { createAuthKit, MemoryStore, providers } from '@authkit/core';
import type { AuthKit } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';

/** A sandbox plus an AuthKit whose providers point at it (the demo clients). */
export async function startWorld(options: { autoApprove?: boolean } = {}): Promise<{ sandbox: Sandbox; authkit: AuthKit; close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, autoApprove: options.autoApprove ?? true });
  const e = sandbox.endpoints;
  const authkit = createAuthKit({
    store: new MemoryStore(),
    providers: [
      providers.plannr({ ...DEMO_CLIENTS.plannr, ...e.plannr }),
      providers.planday({ ...DEMO_CLIENTS.planday, ...e.planday, scopes: ['department:read', 'employee:read'] }),
      providers.iguide({ ...DEMO_CLIENTS.iguide, ...e.iguide, scopes: ['iguide.list', 'iguide.ro'] }),
      providers.oauth2({ id: 'oauth2', name: 'Example API', ...DEMO_CLIENTS.oauth2, ...e.oauth2, userInfoEndpoint: `${e.oauth2.baseUrl}/v1/me` }),
    ],
  });
  return { sandbox, authkit, close: () => sandbox.close() };
}

/** Registers every callback URL an app at `appUrl` uses with the sandbox's demo clients. */
export function registerCallbacks(sandbox: Sandbox, appUrl: string): void {
  for (const provider of ['plannr', 'planday', 'iguide', 'oauth2'] as const) {
    const clientId = DEMO_CLIENTS[provider].clientId;
    sandbox.addRedirectUri(provider, clientId, `${appUrl}/api/auth/callback/${provider}`);
    sandbox.addRedirectUri(provider, clientId, `${appUrl}/api/authkit/${provider}/callback`);
  }
}
