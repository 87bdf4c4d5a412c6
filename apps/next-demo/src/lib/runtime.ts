import { createAuthKit, providers } from '@authkit/core';
import type { AuthKit, ConnectionStore } from '@authkit/core';
import { authkitProviders, createAuthKitNext, withAuthKit } from '@authkit/next-auth';
import type { AuthKitNext } from '@authkit/next-auth';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { readEnv } from './env';
import type { DemoEnv } from './env';
import { createDemoStore, mintDemoCredentials, registerCallbacks } from '@authkit/demo-kit';
import type { DemoCredentials } from '@authkit/demo-kit';
import { startOrConnectSandbox } from '@authkit/sandbox';
import type { SandboxConnection } from '@authkit/sandbox';
import { SIGN_IN_PROVIDERS } from './systems';

/** Everything the demo's routes, actions and pages share. */
export interface DemoRuntime {
  env: DemoEnv;
  sandbox: SandboxConnection;
  authkit: AuthKit;
  authOptions: AuthOptions;
  /** The adapter: connect surface route handlers, the signed-in owner, signed clients. */
  next: AuthKitNext;
  /** Credentials minted by the sandbox for the dashboard's forms (renewed after one is used). */
  demoCredentials(): Promise<DemoCredentials>;
  renewDemoCredentials(): void;
}

const AUTH_BASE = '/api/auth';
const CONNECT_BASE = '/api/authkit';

/**
 * The durable file store (demo-kit's `createDemoStore`): encrypted with `AUTHKIT_ENCRYPTION_KEY`
 * (`id:key` pairs, comma-separated, last one current; a bare key gets the id `default`) when set,
 * else with a key generated on first start in `<dataDir>/encryption.key` (0600) and reused;
 * plaintext only with AUTHKIT_PLAINTEXT=1, for local development. The log says which.
 */
function createStore(env: DemoEnv): ConnectionStore {
  const { store, description } = createDemoStore({ dataDir: env.dataDir, encryptionKey: env.encryptionKey, bareKeyId: 'default' });
  console.log(`[next-demo] connections kept in ${description}`);
  return store;
}

async function createRuntime(): Promise<DemoRuntime> {
  const env = readEnv();
  // next-auth reads these at request time; the defaults are documented in the README.
  process.env.NEXTAUTH_URL ??= env.appUrl;
  process.env.NEXTAUTH_SECRET ??= env.nextAuthSecret;

  // SANDBOX_URL: a sandbox run elsewhere, driven over its admin API; else one in this process.
  const sandbox = await startOrConnectSandbox({ url: env.sandboxUrl });
  const e = sandbox.endpoints;
  const clients = sandbox.demoClients;
  const signInCallback = (id: string) => `${env.appUrl}${AUTH_BASE}/callback/${id}`;
  const connectCallback = (id: string) => `${env.appUrl}${CONNECT_BASE}/${id}/callback`;

  const authkit = createAuthKit({
    store: createStore(env),
    providers: [
      providers.plannr({ ...clients.plannr, ...e.plannr }),
      providers.planday({ ...clients.planday, ...e.planday, scopes: ['department:read', 'employee:read'] }),
      providers.iguide({ ...clients.iguide, ...e.iguide, scopes: ['iguide.list', 'iguide.ro'] }),
      providers.oauth2({ id: 'oauth2', name: 'Generic OAuth2 API', ...clients.oauth2, ...e.oauth2, userInfoEndpoint: `${e.oauth2.baseUrl}/v1/me` }),
      providers.oauth2({
        id: 'server-api',
        name: 'Server API (client credentials)',
        ...clients.clientCredentials,
        baseUrl: e.clientCredentials.baseUrl,
        tokenEndpoint: e.clientCredentials.tokenEndpoint,
        grants: ['client_credentials'],
        scopes: ['users:read', 'data:read'],
      }),
      providers.apiKey({ id: 'apikey', name: 'Legacy API (API key)', baseUrl: e.clientCredentials.baseUrl, header: 'X-API-Key', verify: { path: 'v1/data' } }),
    ],
  });

  // Each OAuth client serves two flows here: next-auth sign-in and AuthKit's connect routes.
  await registerCallbacks(sandbox, signInCallback);
  await registerCallbacks(sandbox, connectCallback);

  const authOptions = withAuthKit(
    {
      secret: env.nextAuthSecret,
      providers: [
        ...authkitProviders(authkit, {
          providers: SIGN_IN_PROVIDERS.map((id) =>
            // iGUIDE names the app, not the person: fine for this single-user demo (see README).
            id === 'iguide' ? { id, allowAppIdentity: true } : id,
          ),
        }),
        CredentialsProvider({
          id: 'demo',
          name: 'Demo user',
          credentials: { username: { label: 'Username', type: 'text' } },
          authorize(credentials) {
            const username = credentials?.username?.trim();
            if (!username || !/^[\w.-]{1,40}$/.test(username)) return null;
            return { id: `demo:${username}`, name: username };
          },
        }),
      ],
    },
    authkit,
  );

  const next = createAuthKitNext(authkit, { authOptions, appUrl: env.appUrl, basePath: CONNECT_BASE });
  let credentials: Promise<DemoCredentials> | undefined;
  return {
    env,
    sandbox,
    authkit,
    authOptions,
    next,
    demoCredentials() {
      credentials ??= mintDemoCredentials(sandbox, 'Next demo portal').catch((error: unknown) => {
        credentials = undefined;
        throw error;
      });
      return credentials;
    },
    renewDemoCredentials() {
      credentials = undefined;
    },
  };
}

const KEY = Symbol.for('authkit.next-demo.runtime');
type Holder = { [KEY]?: Promise<DemoRuntime> };

/**
 * The demo's single runtime, created on first use (never during `next build`) and kept on
 * `globalThis` so every route bundle of this server process shares one sandbox and one store.
 */
export function getRuntime(): Promise<DemoRuntime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRuntime().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}
