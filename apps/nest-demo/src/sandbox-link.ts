import type { ProviderId as SandboxProvider, SandboxEndpoints } from '@authkit/sandbox';

/** Credentials the sandbox minted, shown on the page so a person can paste them. */
export interface DemoCredentials {
  iguideApiToken?: { id: string; token: string };
  plannrPat?: string;
  plandayRefreshToken?: string;
  apiKey?: string;
}

/** What the demo needs from a sandbox, whether in-process or reached over its admin HTTP API. */
export interface SandboxLink {
  readonly url: string;
  /** Each emulated provider's URLs, spread into core's provider factories. */
  readonly endpoints: SandboxEndpoints;
  readonly clients: {
    iguide: { clientId: string; clientSecret: string };
    plannr: { clientId: string; clientSecret: string };
    planday: { clientId: string };
    oauth2: { clientId: string; clientSecret: string };
    clientCredentials: { clientId: string; clientSecret: string };
  };
  /** Registers a callback URL (the sandbox matches redirect URIs exactly). */
  addRedirectUri(provider: SandboxProvider, clientId: string, uri: string): Promise<void>;
  /** Mints fresh demo credentials to show on the page. */
  mintCredentials(): Promise<DemoCredentials>;
  close(): Promise<void>;
}

/** Starts a sandbox in this process on a random port of 127.0.0.1. */
export async function startInProcessSandbox(): Promise<SandboxLink> {
  const { startSandbox, DEMO_CLIENTS } = await import('@authkit/sandbox');
  const sandbox = await startSandbox({ port: 0 });
  return {
    url: sandbox.url,
    endpoints: sandbox.endpoints,
    clients: DEMO_CLIENTS as SandboxLink['clients'],
    addRedirectUri: async (provider, clientId, uri) => {
      sandbox.addRedirectUri(provider, clientId, uri);
    },
    mintCredentials: async () => {
      const token = sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.ro'] });
      const pat = sandbox.plannr.createPersonalAccessToken();
      const portal = sandbox.planday.createPortal({ name: 'Demo portal' });
      const refresh = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
      const key = sandbox.clientCredentials.createApiKey();
      return { iguideApiToken: { id: token.id, token: token.token }, plannrPat: pat.token, plandayRefreshToken: refresh.refreshToken, apiKey: key.key };
    },
    close: () => sandbox.close(),
  };
}

async function admin<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Uses a sandbox that is already running (SANDBOX_URL) through its admin HTTP API. */
export async function connectToSandbox(url: string): Promise<SandboxLink> {
  const info = await admin<{ endpoints: SandboxEndpoints; demoClients: SandboxLink['clients'] }>(url, 'GET', '');
  return {
    url,
    endpoints: info.endpoints,
    clients: info.demoClients,
    addRedirectUri: async (provider, clientId, uri) => {
      await admin(url, 'POST', `/clients/${provider}/${encodeURIComponent(clientId)}/redirect-uris`, { uri });
    },
    mintCredentials: async () => {
      const token = await admin<{ id: string; token: string }>(url, 'POST', '/iguide/api-tokens', { scopes: ['iguide.list', 'iguide.ro'] });
      const pat = await admin<{ token: string }>(url, 'POST', '/plannr/personal-access-tokens', {});
      const portal = await admin<{ portalId: string }>(url, 'POST', '/planday/portals', { name: 'Demo portal' });
      const refresh = await admin<{ refreshToken: string }>(url, 'POST', '/planday/refresh-tokens', {
        portalId: portal.portalId,
        clientId: info.demoClients.planday.clientId,
      });
      const key = await admin<{ key: string }>(url, 'POST', '/client-credentials/api-keys', {});
      return { iguideApiToken: { id: token.id, token: token.token }, plannrPat: pat.token, plandayRefreshToken: refresh.refreshToken, apiKey: key.key };
    },
    close: async () => {},
  };
}
