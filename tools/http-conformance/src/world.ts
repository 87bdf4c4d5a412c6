import { createAuthKit, MemoryStore, providers, type AuthKit } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '@authkit/sandbox';
import type { ConformanceServer, ConformanceSetup, GuardedProvider } from './types';

/** The cookie secret every adapter is given: the suite checks it never shows up anywhere. */
export const COOKIE_SECRET = 'conformance-cookie-secret-0123456789-abcdefghij';

/** The sandbox, the AuthKit every adapter serves, and what 5xx errors reached `onError`. */
export interface World {
  sandbox: Sandbox;
  authkit: AuthKit;
  setup: ConformanceSetup;
  errors: unknown[];
  /** Registers the app's callback URLs with the sandbox's OAuth clients (exact match). */
  register(server: ConformanceServer): void;
  close(): Promise<void>;
}

const GUARDED_CALLS: Record<GuardedProvider, string> = {
  plannr: 'api/v1/contacts',
  planday: 'hr/v1/Departments',
  iguide: 'iguides',
  'server-api': 'v1/users',
};

/** Starts the sandbox and an AuthKit on the sandbox's clock with the five seed systems. */
export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  const e = sandbox.endpoints;
  const authkit = createAuthKit({
    // Its own store: several suites may run in one process, and must not see each other's connections.
    store: new MemoryStore({ now: () => sandbox.now() }),
    providers: [
      providers.plannr({ ...e.plannr, ...DEMO_CLIENTS.plannr }),
      providers.planday({ ...e.planday, clientId: DEMO_CLIENTS.planday.clientId, scopes: ['department:read'] }),
      providers.iguide({ baseUrl: e.iguide.baseUrl }),
      providers.oauth2({ ...e.clientCredentials, id: 'server-api', name: 'Server API', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'], apiKey: { header: 'X-API-Key' } }),
    ],
    now: () => sandbox.now(),
    retry: { attempts: 2, baseDelayMs: 5, timeoutMs: 5_000 },
  });
  const errors: unknown[] = [];
  return {
    sandbox,
    authkit,
    errors,
    setup: { authkit, handlerOptions: { cookieSecret: COOKIE_SECRET, onError: (error) => errors.push(error) }, guardedCalls: GUARDED_CALLS },
    register(server) {
      for (const id of ['plannr', 'planday'] as const) {
        sandbox.addRedirectUri(id, DEMO_CLIENTS[id].clientId, `${server.url}${server.basePath}/${id}/callback`);
      }
    },
    close: () => sandbox.close(),
  };
}
