import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The shared e2e helper (Debian Chromium, offline flags). Imported by path: it is a private
// workspace tool, and this avoids a lockfile change for one test file.
import { launchChromium } from '../../../tools/e2e/src/index';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { json, postForm } from './helpers';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

let sandbox: Sandbox;
let browser: Browser;
let app: Server;
let callback: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // A stand-in for the client application's callback route.
  app = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`callback ${req.url ?? ''}`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  callback = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
  sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, callback);
  sandbox.addRedirectUri('planday', DEMO_CLIENTS.planday.clientId, callback);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  await sandbox?.close();
});

function authorizeUrl(endpoint: string, params: Record<string, string>): string {
  return `${endpoint}?${new URLSearchParams({ response_type: 'code', redirect_uri: callback, ...params })}`;
}

describe('consent page in headless Chromium', () => {
  it('Authorize returns to the app with a code that exchanges for tokens', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl(sandbox.endpoints.plannr.authorizationEndpoint, { client_id: DEMO_CLIENTS.plannr.clientId, scope: '*', state: 'browser-state' }));
    expect(await page.textContent('#app-name')).toBe('plannr demo app');
    // An icon of its own, so a real browser asks for no /favicon.ico (a 404 in the console).
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('data:,');
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.click('button[value="approve"]')]);
    const params = new URL(page.url()).searchParams;
    expect(params.get('state')).toBe('browser-state');
    const res = await postForm(sandbox.endpoints.plannr.tokenEndpoint, {
      grant_type: 'authorization_code',
      client_id: DEMO_CLIENTS.plannr.clientId,
      client_secret: DEMO_CLIENTS.plannr.clientSecret,
      redirect_uri: callback,
      code: params.get('code') ?? '',
    });
    expect(res.status).toBe(200);
    await page.close();
  });

  it('Deny returns error=access_denied with the state', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl(sandbox.endpoints.plannr.authorizationEndpoint, { client_id: DEMO_CLIENTS.plannr.clientId, scope: '*', state: 'deny-state' }));
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.click('button[value="deny"]')]);
    const params = new URL(page.url()).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('deny-state');
    expect(params.get('code')).toBeNull();
    await page.close();
  });

  it('Planday: the portal picked on the consent page is the one the tokens are bound to', async () => {
    const portal = sandbox.planday.createPortal({ name: 'Browser Portal' });
    const page = await browser.newPage();
    await page.goto(authorizeUrl(sandbox.endpoints.planday.authorizationEndpoint, { client_id: DEMO_CLIENTS.planday.clientId, scope: 'openid offline_access department:read', state: 'pd' }));
    await page.selectOption('select[name="portal_id"]', portal.portalId);
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.click('button[value="approve"]')]);
    const params = new URL(page.url()).searchParams;
    expect(params.get('iss')).toBe(sandbox.endpoints.planday.issuer);
    const tokens = await json(
      await postForm(sandbox.endpoints.planday.tokenEndpoint, { grant_type: 'authorization_code', client_id: DEMO_CLIENTS.planday.clientId, redirect_uri: callback, code: params.get('code') ?? '' }),
    );
    const claims = JSON.parse(Buffer.from(String(tokens.id_token).split('.')[1] ?? '', 'base64url').toString()) as { portal_id: string };
    expect(claims.portal_id).toBe(portal.portalId);
    await page.close();
  });
});
