// The demo pointed at a sandbox it did not start (SANDBOX_URL), as `pnpm start` runs it:
// callback URLs registered and demo credentials minted through the sandbox's admin HTTP API.
// Plain HTTP, no browser.
import { startSandbox } from '@authkit/sandbox';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDemo, type BootedDemo } from './boot';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let demo: BootedDemo;
const dataDir = mkdtempSync(join(tmpdir(), 'express-demo-external-'));
const ENCRYPTION_KEY = `k1:${Buffer.alloc(32, 7).toString('base64url')}`;
const cookies = new Map<string, string>();

/** The "Call API" link of a connection's card on the dashboard (a GET: `/?call=<id>#…`). */
function callLink(page: string, testId: string): string {
  const card = page.slice(page.indexOf(`data-testid="${testId}"`));
  const href = /href="(\/\?call=[^"#]+)/.exec(card)?.[1];
  if (href === undefined) throw new Error(`no Call API link on ${testId}`);
  return href;
}

async function get(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (new URL(url).origin === new URL(demo.url).origin && cookies.size > 0) {
    headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
  }
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return response;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  demo = await bootDemo({ SANDBOX_URL: sandbox.url, AUTHKIT_DATA_DIR: dataDir, AUTHKIT_ENCRYPTION_KEY: ENCRYPTION_KEY });
});

afterAll(async () => {
  await demo?.stop();
  await sandbox?.close();
});

describe('express-demo with SANDBOX_URL', () => {
  it('uses the given sandbox instead of starting one', () => {
    expect(demo.output()).toContain(`(sandbox ${sandbox.url})`);
  });

  it('signs in, connects Plannr over OAuth, and serves contacts from requireConnection', async () => {
    const login = await get(`${demo.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=carol',
    });
    expect(login.status).toBe(303);

    const start = await get(`${demo.url}/connections/plannr/connect?returnTo=/`);
    expect(start.status).toBe(302);
    const authorize = await get(start.headers.get('location')!);
    const callback = authorize.headers.get('location')!;
    expect(callback.startsWith(`${demo.url}/connections/plannr/callback?`)).toBe(true);
    const done = await get(callback);
    expect(done.status).toBe(303);

    const contacts = await get(`${demo.url}/api/plannr/contacts`, { headers: { accept: 'application/json' } });
    expect(contacts.status).toBe(200);
    expect(await contacts.text()).toContain('casey@client.test');
  });

  it('shows credentials minted by that sandbox, which connect', async () => {
    const page = await (await get(`${demo.url}/`)).text();
    const pat = /data-testid="demo-plannr-pat">([^<]+)</.exec(page)?.[1];
    expect(pat).toBeTruthy();
    const connect = await get(`${demo.url}/connections/plannr/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: demo.url },
      body: new URLSearchParams({ kind: 'personal_access_token', token: pat!, label: 'pat', returnTo: '/' }).toString(),
    });
    expect(connect.status).toBe(303);
    const dashboard = await (await get(`${demo.url}/`)).text();
    const call = await (await get(`${demo.url}${callLink(dashboard, 'connection-plannr-pat')}`)).text();
    expect(call).toContain('data-testid="api-status">HTTP 200<');
  });

  it('keeps connections in the encrypted file store across a restart', async () => {
    // Secrets are sealed at rest: the PAT is nowhere in the data directory's files.
    const page = await (await get(`${demo.url}/`)).text();
    expect(page).toContain('data-testid="connection-plannr-pat"');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    })(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/plannr_pat_/);

    await demo.stop();
    cookies.clear();
    demo = await bootDemo({ SANDBOX_URL: sandbox.url, AUTHKIT_DATA_DIR: dataDir, AUTHKIT_ENCRYPTION_KEY: ENCRYPTION_KEY });
    await get(`${demo.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=carol' });
    const dashboard = await (await get(`${demo.url}/`)).text();
    const call = await (await get(`${demo.url}${callLink(dashboard, 'connection-plannr-pat')}`)).text();
    expect(call).toContain('data-testid="api-status">HTTP 200<');
  });

  it('shows reauthorization required, with a form to repair the portal in place, once Planday revokes the app', async () => {
    const page = await (await get(`${demo.url}/`)).text();
    const refreshToken = /data-testid="demo-planday-refresh-token">([^<]+)</.exec(page)?.[1];
    const connect = await get(`${demo.url}/connections/planday/refresh-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: demo.url },
      body: new URLSearchParams({ refreshToken: refreshToken!, returnTo: '/' }).toString(),
    });
    expect(connect.status).toBe(303);
    expect(connect.headers.get('location')).toBe('/?authkit=connected&authkit_provider=planday');
    // The portal admin revokes the app, and two hours later the access token has expired too.
    await fetch(sandbox.endpoints.planday.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'planday-demo-client', token: refreshToken! }),
    });
    sandbox.clock.advance(2 * 60 * 60 * 1000);
    const dashboard = await (await get(`${demo.url}/`)).text();
    const call = await (await get(`${demo.url}${callLink(dashboard, 'connection-planday-portal-1')}`)).text();
    const card = call.slice(call.indexOf('data-testid="connection-planday-portal-1"'));
    expect(card).toContain('Planday needs you to authorize the connection again. Reconnect Planday.');
    expect(card).toMatch(/data-testid="status">reauthorization required</);
    // Reconnect repairs this very connection (same id) with a new refresh token.
    expect(card).toContain('action="/connections/planday/reconnect"');
    expect(card).toMatch(/<input type="hidden" name="connection" value="[^"]+">/);
  });
});
