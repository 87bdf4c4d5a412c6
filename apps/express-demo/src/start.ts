import { createAuthKit } from '@authkit/core';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoStore, DEMO_MAINTENANCE, DemoCredentialBank, demoProviders, EventLog, maintenanceIntervalMs, registerCallbacks } from '@authkit/demo-kit';
import { startOrConnectSandbox } from '@authkit/sandbox';
import { createDemoApp } from './app';
import type { DemoConfig } from './config';
import { BASE_PATH } from './constants';

export interface RunningDemo {
  appUrl: string;
  sandboxUrl: string;
  close(): Promise<void>;
}

/** Starts the sandbox (unless SANDBOX_URL is given), AuthKit and the demo server. */
export async function startDemo(config: DemoConfig): Promise<RunningDemo> {
  const ready: { handler?: RequestListener } = {};
  // Listen first: with PORT=0 (tests) the app's URL, and so its callback URLs, come from the port.
  const server = createServer((req, res) => {
    if (ready.handler) ready.handler(req, res);
    else res.writeHead(503).end('starting');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const appUrl = config.port === 0 ? `http://localhost:${port}` : config.appUrl;

  // SANDBOX_URL: a sandbox run elsewhere, driven over its admin API; else one in this process.
  const sandbox = await startOrConnectSandbox({ url: config.sandboxUrl });
  // The surface's callback route on this app's origin: the sandbox matches redirect URIs exactly.
  await registerCallbacks(sandbox, (providerId) => `${appUrl}${BASE_PATH}/${providerId}/callback`);
  const { store, description } = createDemoStore(config);
  const authkit = createAuthKit({ providers: demoProviders(sandbox), store, maintenance: DEMO_MAINTENANCE });
  const events = new EventLog();
  const detach = events.attach(authkit);
  // One timer for the app: keeps connections alive between visits (an Express app has no
  // lifecycle hooks, so the app starts and stops it, as any timer of its own).
  const maintenance = authkit.startMaintenance({
    intervalMs: maintenanceIntervalMs(),
    onError: (error) => console.warn(`express-demo: a maintenance sweep failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  console.log(`express-demo: connections kept in ${description}`);

  ready.handler = createDemoApp({
    authkit,
    appUrl,
    secret: config.secret,
    sandboxUrl: sandbox.url,
    bank: new DemoCredentialBank(sandbox),
    events,
  });

  return {
    appUrl,
    sandboxUrl: sandbox.url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await maintenance.stop();
      detach();
      await authkit.store.close?.();
      await sandbox.close();
    },
  };
}
