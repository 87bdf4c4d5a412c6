import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo's settings, from the environment (see README). */
export interface DemoConfig {
  port: number;
  /** Interface to listen on; default 127.0.0.1 (reached as `localhost`). */
  host: string;
  appUrl: string;
  /** External sandbox to use through its admin HTTP API; else one is started in-process. */
  sandboxUrl?: string;
  /** Directory of the durable file store (default `apps/express-demo/.data`). */
  dataDir: string;
  /** Key ring for encryption at rest; without it, a key generated in `<dataDir>/encryption.key` (plaintext only with AUTHKIT_PLAINTEXT=1). */
  encryptionKey?: string;
  /** Signs the login and state cookies. */
  secret: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = Number(env.PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  const appUrl = (env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    appUrl,
    ...(env.SANDBOX_URL ? { sandboxUrl: env.SANDBOX_URL.replace(/\/+$/, '') } : {}),
    // dist/main.js → the app's own folder, whatever the working directory.
    dataDir: resolve(env.AUTHKIT_DATA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.data')),
    ...(env.AUTHKIT_ENCRYPTION_KEY ? { encryptionKey: env.AUTHKIT_ENCRYPTION_KEY } : {}),
    // A fresh secret per start signs everyone out on restart, which is fine for a demo.
    secret: env.DEMO_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  };
}
