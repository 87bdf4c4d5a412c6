/** Demo configuration from the environment, with safe local defaults (see README). */
export interface DemoEnv {
  port: number;
  appUrl: string;
  sandboxUrl?: string;
  /** Where the file store keeps connections. Default `.data` in the app's directory. */
  dataDir: string;
  encryptionKey?: string;
  nextAuthSecret: string;
}

/** A fixed secret so the demo runs without set-up; production sets NEXTAUTH_SECRET. */
const DEMO_NEXTAUTH_SECRET = 'authkit-next-demo-local-only-secret-do-not-use-in-production';

export function readEnv(): DemoEnv {
  const port = Number(process.env.PORT ?? 3003);
  const appUrl = (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    appUrl,
    ...(process.env.SANDBOX_URL ? { sandboxUrl: process.env.SANDBOX_URL.replace(/\/$/, '') } : {}),
    dataDir: process.env.AUTHKIT_DATA_DIR ?? '.data',
    ...(process.env.AUTHKIT_ENCRYPTION_KEY ? { encryptionKey: process.env.AUTHKIT_ENCRYPTION_KEY } : {}),
    nextAuthSecret: process.env.NEXTAUTH_SECRET ?? DEMO_NEXTAUTH_SECRET,
  };
}
