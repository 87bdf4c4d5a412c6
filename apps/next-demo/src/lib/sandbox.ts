import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { ProviderId, SandboxEndpoints } from '@authkit/sandbox';

/** The sandbox provider families the demo uses. */
export type SandboxProvider = ProviderId;

/** Credentials the sandbox mints so a person (or the browser test) can paste them into the forms. */
export interface DemoCredentials {
  iguideTokenId: string;
  iguideTokenValue: string;
  plannrPat: string;
  plandayRefreshToken: string;
  apiKey: string;
}

/** What the demo needs from a sandbox, in-process or remote. */
export interface DemoSandbox {
  url: string;
  endpoints: SandboxEndpoints;
  addRedirectUri(provider: SandboxProvider, clientId: string, uri: string): Promise<void>;
  mintDemoCredentials(): Promise<DemoCredentials>;
}

export { DEMO_CLIENTS };

/** Starts a sandbox inside this server process on a random port (127.0.0.1). */
export async function startLocalSandbox(): Promise<DemoSandbox> {
  const sandbox = await startSandbox({ port: 0 });
  return {
    url: sandbox.url,
    endpoints: sandbox.endpoints,
    async addRedirectUri(provider, clientId, uri) {
      sandbox.addRedirectUri(provider, clientId, uri);
    },
    async mintDemoCredentials() {
      const iguide = sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.ro'] });
      const portal = sandbox.planday.createPortal({ name: 'Next demo portal' });
      const planday = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
      const pat = sandbox.plannr.createPersonalAccessToken();
      const key = sandbox.clientCredentials.createApiKey();
      return {
        iguideTokenId: iguide.id,
        iguideTokenValue: iguide.token,
        plannrPat: pat.token,
        plandayRefreshToken: planday.refreshToken,
        apiKey: key.key,
      };
    },
  };
}

/** Uses a sandbox started elsewhere, through its admin HTTP API (see packages/sandbox/README.md). */
export async function connectRemoteSandbox(url: string): Promise<DemoSandbox> {
  const admin = async (path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Sandbox admin ${path} answered HTTP ${response.status}`);
    return response.json();
  };
  const { endpoints } = (await admin('')) as { endpoints: SandboxEndpoints };
  return {
    url,
    endpoints,
    async addRedirectUri(provider, clientId, uri) {
      await admin(`/clients/${provider}/${encodeURIComponent(clientId)}/redirect-uris`, { uri });
    },
    async mintDemoCredentials() {
      const iguide = (await admin('/iguide/api-tokens', { scopes: ['iguide.list', 'iguide.ro'] })) as { id: string; token: string };
      const portal = (await admin('/planday/portals', { name: 'Next demo portal' })) as { portalId: string };
      const planday = (await admin('/planday/refresh-tokens', { portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId })) as {
        refreshToken: string;
      };
      const pat = (await admin('/plannr/personal-access-tokens', {})) as { token: string };
      const key = (await admin('/client-credentials/api-keys', {})) as { key: string };
      return {
        iguideTokenId: iguide.id,
        iguideTokenValue: iguide.token,
        plannrPat: pat.token,
        plandayRefreshToken: planday.refreshToken,
        apiKey: key.key,
      };
    },
  };
}
