import { createAuthKit } from '@authkit/core';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_PATH, createDemoApp } from './app';
import type { DemoConfig } from './config';
import { OAUTH_CLIENTS, callbackFor, demoProviders } from './providers';
import { connectToSandbox, startInProcessSandbox, type SandboxLink } from './sandbox-link';
import { createDemoStore } from './store';

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

  const link: SandboxLink = config.sandboxUrl ? await connectToSandbox(config.sandboxUrl) : await startInProcessSandbox();
  for (const { providerId, sandboxProvider } of OAUTH_CLIENTS) {
    await link.addRedirectUri(sandboxProvider, link.clients[sandboxProvider].clientId, callbackFor(appUrl, BASE_PATH, providerId));
  }
  const { store, description } = createDemoStore(config);
  const authkit = createAuthKit({ providers: demoProviders(link, appUrl, BASE_PATH), store });
  console.log(`express-demo: connections kept in ${description}`);

  const app = createDemoApp({ authkit, appUrl, secret: config.secret, sandboxUrl: link.url, mintCredentials: () => link.mintCredentials() });
  ready.handler = app;

  return {
    appUrl,
    sandboxUrl: link.url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await authkit.store.close?.();
      await link.close();
    },
  };
}
