import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';
import { createAuthKit, MemoryStore, providers } from '../../src/index';
import type { AuthKit, AuthKitOptions, ConnectionView, ProviderDefinition } from '../../src/index';

export const REDIRECT = (providerId: string) => `http://127.0.0.1:9/callback/${providerId}`;

/** Provider definitions pointed at a running sandbox (every endpoint overridden). */
export function sandboxProviders(sandbox: Sandbox, extra: { pacingPortalPerSecond?: number } = {}): ProviderDefinition[] {
  const e = sandbox.endpoints;
  return [
    providers.iguide({ ...e.iguide, ...DEMO_CLIENTS.iguide, redirectUri: REDIRECT('iguide'), scopes: ['iguide.list', 'iguide.rw'] }),
    providers.plannr({ ...e.plannr, ...DEMO_CLIENTS.plannr, redirectUri: REDIRECT('plannr') }),
    providers.planday({
      ...e.planday,
      ...DEMO_CLIENTS.planday,
      redirectUri: REDIRECT('planday'),
      scopes: ['department:read', 'employee:read'],
      ...(extra.pacingPortalPerSecond === undefined
        ? {}
        : { rateLimits: [{ per: 'connection' as const, limit: extra.pacingPortalPerSecond, windowMs: 1000 }] }),
    }),
    providers.oauth2({
      id: 'oauth2',
      name: 'Generic OAuth2',
      ...e.oauth2,
      ...DEMO_CLIENTS.oauth2,
      redirectUri: REDIRECT('oauth2'),
      scopes: ['profile', 'projects:read'],
      personalAccessTokens: true,
      verify: { path: '/v1/me' },
    }),
    providers.oauth2({
      id: 'cc',
      name: 'Client credentials API',
      baseUrl: e.clientCredentials.baseUrl,
      tokenEndpoint: e.clientCredentials.tokenEndpoint,
      ...DEMO_CLIENTS.clientCredentials,
      grants: ['client_credentials'],
      scopes: ['users:read', 'data:read'],
      apiKey: { header: 'X-API-Key' },
    }),
    providers.apiKey({ id: 'cc-query', name: 'API key in query', baseUrl: e.clientCredentials.baseUrl, queryParameter: 'api_key' }),
  ];
}

export interface Harness {
  sandbox: Sandbox;
  authkit: AuthKit;
  /** Another AuthKit on the same providers/sandbox with its own options (e.g. a second worker). */
  makeAuthKit(options?: Partial<AuthKitOptions>): AuthKit;
  /** Runs the authorization code flow end to end (auto-approved) and returns the callback URL. */
  authorizeCallback(providerId: string, ownerId: string, authkit?: AuthKit): Promise<string>;
  connectOAuth(providerId: string, ownerId: string, authkit?: AuthKit): Promise<ConnectionView>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<AuthKitOptions> = {}, extra: { pacingPortalPerSecond?: number } = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  for (const id of ['iguide', 'plannr', 'planday', 'oauth2'] as const) {
    sandbox.addRedirectUri(id, DEMO_CLIENTS[id].clientId, REDIRECT(id));
  }
  const list = sandboxProviders(sandbox, extra);
  const makeAuthKit = (more: Partial<AuthKitOptions> = {}) =>
    createAuthKit({
      // Each instance its own store (as before the default store became per process).
      store: new MemoryStore({ now: () => sandbox.now() }),
      providers: list,
      now: () => sandbox.now(),
      retry: { attempts: 3, baseDelayMs: 5, timeoutMs: 10_000 },
      ...options,
      ...more,
    });
  const authkit = makeAuthKit();
  const authorizeCallback = async (providerId: string, ownerId: string, kit: AuthKit = authkit) => {
    const { url } = await kit.startAuthorization({ providerId, ownerId });
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status !== 302 || location === null) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
    return location;
  };
  return {
    sandbox,
    authkit,
    makeAuthKit,
    authorizeCallback,
    async connectOAuth(providerId, ownerId, kit = authkit) {
      const callback = await authorizeCallback(providerId, ownerId, kit);
      return (await kit.completeAuthorization({ providerId, ownerId, callback })).connection;
    },
    close: () => sandbox.close(),
  };
}

/** Collects thrown values (asserting that something was thrown). */
export async function caught(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number; providerId?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}
