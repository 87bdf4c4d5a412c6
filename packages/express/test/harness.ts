// Test harness: a real sandbox, a real AuthKit and a real listening Express app, driven with
// plain fetch and a tiny cookie jar (as a browser would carry cookies).
import { createAuthKit, providers, type AuthKit } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authkitErrorHandler, createAuthKitRouter, requireConnection, sendWebResponse, type AuthKitRouterOptions } from '../src/index';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface Harness {
  sandbox: Sandbox;
  authkit: AuthKit;
  /** The app's origin, e.g. http://localhost:1234 (the sandbox is on 127.0.0.1). */
  appUrl: string;
  close(): Promise<void>;
}

export const OWNER_HEADER = 'x-test-user';
export const COOKIE_SECRET = 'test-cookie-secret-0123456789abcdef';

/** Starts sandbox + AuthKit + an Express app with the router at /connections and a few guarded routes. */
export async function startHarness(overrides: Partial<AuthKitRouterOptions> = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, autoApprove: true });
  // Listen first: the app's URL (and so its callback URLs) depends on the port.
  const ready: { app?: express.Express } = {};
  const server: Server = createServer((req, res) => (ready.app ? ready.app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const appUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const callback = (id: string): string => `${appUrl}/connections/${id}/callback`;

  const e = sandbox.endpoints;
  const authkit = createAuthKit({
    providers: [
      providers.plannr({ ...e.plannr, ...DEMO_CLIENTS.plannr, redirectUri: callback('plannr') }),
      providers.planday({ ...e.planday, clientId: DEMO_CLIENTS.planday.clientId, redirectUri: callback('planday'), scopes: ['department:read'] }),
      providers.iguide({ ...e.iguide, ...DEMO_CLIENTS.iguide, redirectUri: callback('iguide') }),
      providers.oauth2({
        ...e.clientCredentials,
        id: 'server-api',
        ...DEMO_CLIENTS.clientCredentials,
        grants: ['client_credentials'],
        apiKey: { header: 'X-API-Key' },
      }),
    ],
  });
  sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, callback('plannr'));
  sandbox.addRedirectUri('planday', DEMO_CLIENTS.planday.clientId, callback('planday'));
  sandbox.addRedirectUri('iguide', DEMO_CLIENTS.iguide.clientId, callback('iguide'));

  const getOwner = (req: express.Request): string | undefined => req.get(OWNER_HEADER);
  const a = express();
  a.use('/connections', createAuthKitRouter({ authkit, getOwner, appUrl, basePath: '/connections', cookieSecret: COOKIE_SECRET, ...overrides }));
  a.get('/departments', requireConnection('planday', { authkit, getOwner }), async (req, res) => {
    await sendWebResponse(res, await req.authkit.client('planday').fetch('hr/v1/Departments'));
  });
  a.get('/contacts', requireConnection('plannr', { authkit, getOwner }), async (req, res) => {
    await sendWebResponse(res, await req.authkit.client('plannr').fetch('api/v1/contacts'));
  });
  a.get('/iguides', requireConnection('iguide', { authkit, getOwner, label: 'api-token' }), async (req, res) => {
    await sendWebResponse(res, await req.authkit.client('iguide').fetch('iguides'));
  });
  a.get('/both', requireConnection('plannr', { authkit, getOwner }), requireConnection('planday', { authkit, getOwner }), (req, res) => {
    res.json({ providers: Object.keys(req.authkit.connections).sort() });
  });
  a.use(authkitErrorHandler({ reauthorizationUrl: '/connections/:provider/connect' }));
  ready.app = a;

  return {
    sandbox,
    authkit,
    appUrl,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}

/** A browser's cookies for one site, enough for these tests (name=value, Path ignored on purpose). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  readonly raw: string[] = [];

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.raw.push(line);
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** fetch without following redirects, with the owner header and the jar's cookies. */
export async function request(url: string, options: { owner?: string; jar?: CookieJar; init?: RequestInit } = {}): Promise<Response> {
  const headers = new Headers(options.init?.headers);
  if (options.owner !== undefined) headers.set(OWNER_HEADER, options.owner);
  if (options.jar && options.jar.cookies.size > 0) headers.set('cookie', options.jar.header());
  const response = await fetch(url, { ...options.init, headers, redirect: 'manual' });
  options.jar?.take(response);
  return response;
}

/** Runs `/connect` and follows the sandbox's auto-approved authorize redirect up to our callback URL. */
export async function startFlow(h: Harness, provider: string, owner: string, jar: CookieJar, query = ''): Promise<URL> {
  const start = await request(`${h.appUrl}/connections/${provider}/connect${query}`, { owner, jar });
  if (start.status !== 302) throw new Error(`connect answered ${start.status}: ${await start.text()}`);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (!location) throw new Error(`authorize answered ${authorize.status} without a redirect`);
  return new URL(location);
}
