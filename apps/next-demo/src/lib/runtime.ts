import { createAuthKit } from '@authkit/core';
import type { AuthKit } from '@authkit/core';
import { authkitProviders, createAuthKitNext, withAuthKit } from '@authkit/next-auth';
import type { AuthKitNext } from '@authkit/next-auth';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { DEMO_MAINTENANCE, DemoCredentialBank, EventLog, createDemoStore, demoProviders, maintenanceIntervalMs, registerCallbacks, validUserName } from '@authkit/demo-kit';
import { startOrConnectSandbox } from '@authkit/sandbox';
import type { SandboxConnection } from '@authkit/sandbox';
import { readEnv } from './env';
import type { DemoEnv } from './env';

/** Everything the demo's routes, actions and pages share. */
export interface DemoRuntime {
  env: DemoEnv;
  sandbox: SandboxConnection;
  authkit: AuthKit;
  authOptions: AuthOptions;
  /** The adapter: connect-surface route handlers, the signed-in owner, signed clients. */
  next: AuthKitNext;
  bank: DemoCredentialBank;
  events: EventLog;
}

export const AUTH_BASE = '/api/auth';
export const CONNECT_BASE = '/api/authkit';
/** The next-auth sign-in providers (the OAuth systems whose sandbox has a user to sign in as). */
const SIGN_IN_PROVIDERS = ['plannr', 'planday', 'iguide', 'oauth2'] as const;

async function createRuntime(): Promise<DemoRuntime> {
  const env = readEnv();
  // next-auth reads these at request time; the defaults are documented in the README.
  process.env.NEXTAUTH_URL ??= env.appUrl;
  process.env.NEXTAUTH_SECRET ??= env.nextAuthSecret;

  // SANDBOX_URL: a sandbox run elsewhere, driven over its admin API; else one in this process.
  const sandbox = await startOrConnectSandbox({ url: env.sandboxUrl });
  try {
    return await assemble(env, sandbox);
  } catch (error) {
    // The first page retries: leave no sandbox of this attempt listening.
    await sandbox.close().catch(() => undefined);
    throw error;
  }
}

async function assemble(env: DemoEnv, sandbox: SandboxConnection): Promise<DemoRuntime> {
  const { store, description } = createDemoStore({ dataDir: env.dataDir, encryptionKey: env.encryptionKey });
  console.log(`[next-demo] connections kept in ${description}`);
  const authkit = createAuthKit({ store, providers: demoProviders(sandbox), maintenance: DEMO_MAINTENANCE });
  const events = new EventLog();
  events.attach(authkit);
  // Each OAuth client serves two flows here: next-auth sign-in and the connect surface.
  await registerCallbacks(sandbox, (id) => `${env.appUrl}${AUTH_BASE}/callback/${id}`);
  await registerCallbacks(sandbox, (id) => `${env.appUrl}${CONNECT_BASE}/${id}/callback`);

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
          credentials: { username: { label: 'User name', type: 'text' } },
          authorize(credentials) {
            // The same rule as the sign-in form's pattern, and as the other demos.
            const name = validUserName(credentials?.username);
            return name === undefined ? null : { id: `demo:${name}`, name };
          },
        }),
      ],
    },
    authkit,
  );

  const next = createAuthKitNext(authkit, { authOptions, appUrl: env.appUrl, basePath: CONNECT_BASE });
  // Last, once nothing can fail: one timer per server process (the runtime is one per process)
  // keeps connections alive between visits; instrumentation.ts creates the runtime at start-up.
  authkit.startMaintenance({
    intervalMs: maintenanceIntervalMs(),
    onError: (error) => console.warn(`[next-demo] a maintenance sweep failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  return { env, sandbox, authkit, authOptions, next, bank: new DemoCredentialBank(sandbox), events };
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

/**
 * Creates the runtime when the server starts (from `instrumentation.ts`), so maintenance runs
 * before anyone visits. A failure (an unreachable SANDBOX_URL) is only logged: the first page
 * tries again and says what is wrong.
 */
export async function startRuntime(): Promise<void> {
  try {
    await getRuntime();
  } catch (error) {
    console.warn(`[next-demo] not ready yet: ${error instanceof Error ? error.message : String(error)}`);
  }
}
