import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo's settings, read from the environment (see README) and served by `ConfigService`. */
export interface DemoConfig {
  port: number;
  /** Interface to listen on; default 127.0.0.1 (reached as `localhost`). */
  host: string;
  /** Public URL; callback URLs derive from it. Undefined with PORT=0: they follow the request's host. */
  appUrl?: string;
  /** External sandbox used through its admin HTTP API; else one is started in-process. */
  sandboxUrl?: string;
  dataDir: string;
  /** Key ring for encryption at rest; without it, a key generated in `<dataDir>/encryption.key` (plaintext only with AUTHKIT_PLAINTEXT=1). */
  encryptionKey?: string;
  /** Signs the login cookie. */
  secret: string;
}

/** `ConfigModule.forRoot({ load: [demoConfig] })` namespace key. */
export const DEMO = 'demo';

export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = Number(env.PORT ?? 3002);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  const appUrl = env.APP_URL ?? (port === 0 ? undefined : `http://localhost:${port}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    ...(appUrl ? { appUrl: appUrl.replace(/\/+$/, '') } : {}),
    ...(env.SANDBOX_URL ? { sandboxUrl: env.SANDBOX_URL.replace(/\/+$/, '') } : {}),
    // dist/main.js → the app's own folder, whatever the working directory.
    dataDir: resolve(env.AUTHKIT_DATA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.data')),
    ...(env.AUTHKIT_ENCRYPTION_KEY ? { encryptionKey: env.AUTHKIT_ENCRYPTION_KEY } : {}),
    // A fresh secret per start signs everyone out on restart, which is fine for a demo.
    secret: env.DEMO_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  };
}

/** Loader for `@nestjs/config`. */
export const demoConfig = (): Record<string, DemoConfig> => ({ [DEMO]: readConfig() });
