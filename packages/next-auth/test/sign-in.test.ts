import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '@authkit/sandbox';
import type { AuthKit } from '@authkit/core';
import type { Sandbox } from '@authkit/sandbox';
import { decode } from 'next-auth/jwt';
import type { AuthOptions, Session } from 'next-auth';
import { authkitProviders, ownerIdFromCookies, withAuthKit } from '../src/index';
import { CookieClient } from './support/http-client';
import { startNextAuthServer } from './support/next-auth-server';
import { registerCallbacks, startWorld } from './support/setup';

const SECRET = 'test-secret-for-next-auth-sign-in-tests';
const SESSION_COOKIE = 'next-auth.session-token';

let sandbox: Sandbox;
let authkit: AuthKit;
let app: { url: string; close(): Promise<void> };
let closeWorld: () => Promise<void>;
let options: AuthOptions;
const loggedErrors: string[] = [];
/** next-auth's debug output (`debug: true`), as printed. */
const debugLines: string[] = [];

/** Every token string the sandbox issued, read from the request log of its token endpoints. */
async function storedSecrets(connectionId: string): Promise<string[]> {
  const record = await authkit.readConnectionRecord(connectionId);
  if (record?.credential.kind !== 'oauth2') return [];
  return [record.credential.accessToken.reveal(), ...(record.credential.refreshToken ? [record.credential.refreshToken.reveal()] : [])];
}

/** Signs in through next-auth's real handler, the sandbox's authorize endpoint and back. */
async function signIn(browser: CookieClient, providerId: string): Promise<Response> {
  const csrf = (await (await browser.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await browser.request(`${app.url}/api/auth/signin/${providerId}`, {
    form: { csrfToken: csrf.csrfToken, callbackUrl: `${app.url}/dashboard` },
  });
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  expect(authorizeUrl.origin).toBe(sandbox.url);
  // Auto-approve: the sandbox redirects straight back with a code.
  const approved = await browser.request(authorizeUrl.toString());
  expect(approved.status).toBe(302);
  const callback = approved.headers.get('location') ?? '';
  expect(callback.startsWith(`${app.url}/api/auth/callback/${providerId}`)).toBe(true);
  return browser.request(callback);
}

async function session(browser: CookieClient): Promise<Session> {
  return (await (await browser.request(`${app.url}/api/auth/session`)).json()) as Session;
}

beforeAll(async () => {
  const world = await startWorld();
  sandbox = world.sandbox;
  authkit = world.authkit;
  closeWorld = world.close;
  options = withAuthKit(
    {
      secret: SECRET,
      providers: authkitProviders(authkit, { providers: ['plannr', 'planday', 'oauth2', { id: 'iguide', allowAppIdentity: true }] }),
      debug: true,
      logger: {
        error: (code) => void loggedErrors.push(code),
        warn: () => undefined,
        debug: (code, metadata) => void debugLines.push(`${code} ${inspect(metadata, { depth: 10 })}`),
      },
      callbacks: {
        // The pattern of next-auth's refresh-rotation guide: copy the tokens into the JWT.
        // withAuthKit must take them out again.
        jwt: ({ token, account }) => (account ? { ...token, accessToken: account.access_token, copied: account.refresh_token } : token),
      },
    },
    authkit,
  );
  app = await startNextAuthServer(options);
  registerCallbacks(sandbox, app.url);
});

afterAll(async () => {
  await app?.close();
  await closeWorld?.();
});

describe('sign-in through next-auth with AuthKit providers', () => {
  it('keeps Plannr tokens in the AuthKit store and only references in the JWT and session', async () => {
    const browser = new CookieClient();
    const done = await signIn(browser, 'plannr');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${app.url}/dashboard`);

    const jwt = browser.cookies(app.url).get(SESSION_COOKIE);
    expect(jwt).toBeDefined();
    const token = await decode({ token: jwt, secret: SECRET });
    expect(token?.sub).toMatch(/^plannr:/);
    const ownerId = token?.sub ?? '';

    const connectionId = authkit.connectionIdFor('plannr', ownerId);
    const connection = await authkit.getConnection(connectionId);
    expect(connection?.status).toBe('active');
    expect(connection?.metadata.accountUuid).toBeTruthy();
    expect(token?.authkit).toEqual({ ownerId, connections: [{ connectionId, providerId: 'plannr', status: 'active' }] });
    expect(token).not.toHaveProperty('accessToken');
    expect(token).not.toHaveProperty('copied');

    const secrets = await storedSecrets(connectionId);
    expect(secrets.length).toBe(2);
    const current = await session(browser);
    expect(current.authkit?.connections).toEqual([{ connectionId, providerId: 'plannr', status: 'active' }]);
    expect(current.error).toBeUndefined();
    for (const value of secrets) {
      expect(JSON.stringify(token)).not.toContain(value);
      expect(JSON.stringify(current)).not.toContain(value);
      expect(decodeURIComponent(jwt ?? '')).not.toContain(value);
    }

    // The cheap owner lookup (decrypt only) agrees with the session; a tampered cookie is nobody.
    expect(await ownerIdFromCookies(options, browser.cookies(app.url))).toBe(ownerId);
    expect(await ownerIdFromCookies(options, { [SESSION_COOKIE]: `${jwt?.slice(0, -4)}AAAA` })).toBeUndefined();
    expect(await ownerIdFromCookies(options, {})).toBeUndefined();

    // The stored tokens work: the signed client reaches Plannr's API as this user.
    const contacts = await authkit.client('plannr', connectionId).fetch('api/v1/contacts');
    expect(contacts.status).toBe(200);
  });

  it('signs in with Planday through its validated id_token (subject = portal admin)', async () => {
    const browser = new CookieClient();
    const done = await signIn(browser, 'planday');
    expect(done.headers.get('location')).toBe(`${app.url}/dashboard`);
    const current = await session(browser);
    expect(current.authkit?.ownerId).toMatch(/^planday:/);
    const departments = await authkit.client('planday', current.authkit?.connections[0]?.connectionId ?? '').fetch('hr/v1/Departments');
    expect(departments.status).toBe(200);
  });

  it("next-auth's debug output (debug: true) shows the sign-in without the client secret, tokens or PKCE verifier", async () => {
    debugLines.length = 0;
    await signIn(new CookieClient(), 'oauth2');
    expect(debugLines.some((line) => line.startsWith('GET_AUTHORIZATION_URL') && line.includes('clientSecret'))).toBe(true);
    const printed = debugLines.join('\n');
    expect(printed).not.toContain(DEMO_CLIENTS.oauth2.clientSecret);
    expect(printed).toContain('[redacted]');
  });

  it('signs in with a generic oauth2() provider through its user endpoint', async () => {
    const browser = new CookieClient();
    await signIn(browser, 'oauth2');
    const current = await session(browser);
    expect(current.authkit?.ownerId).toMatch(/^oauth2:/);
    expect(current.authkit?.connections.map((c) => c.providerId)).toEqual(['oauth2']);
  });

  it('signs in with the iGUIDE OAuth app as the app identity when opted in (verify call, custom headers)', async () => {
    const browser = new CookieClient();
    await signIn(browser, 'iguide');
    const current = await session(browser);
    expect(current.authkit?.ownerId).toBe('iguide:iguide-demo-client');
    const iguides = await authkit.client('iguide', current.authkit?.connections[0]?.connectionId ?? '').fetch('iguides');
    expect(iguides.status).toBe(200);
  });

  it('gives no session when the callback state is tampered with', async () => {
    const browser = new CookieClient();
    const csrf = (await (await browser.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const start = await browser.request(`${app.url}/api/auth/signin/plannr`, { form: { csrfToken: csrf.csrfToken } });
    const approved = await browser.request(start.headers.get('location') ?? '');
    const callback = new URL(approved.headers.get('location') ?? '');
    callback.searchParams.set('state', 'forged-state');
    const result = await browser.request(callback.toString());
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toContain('/api/auth/error');
    expect(browser.cookies(app.url).get(SESSION_COOKIE)).toBeUndefined();
    expect(await session(browser)).toEqual({});
    expect(loggedErrors).toContain('OAUTH_CALLBACK_ERROR');
  });

  it('surfaces reauthorization_required on the session when a refresh is refused', async () => {
    const browser = new CookieClient();
    await signIn(browser, 'plannr');
    const before = await session(browser);
    const connectionId = before.authkit?.connections[0]?.connectionId ?? '';
    // Plannr refresh tokens expire after 6 months: move the sandbox clock past that.
    sandbox.clock.advance(200 * 24 * 60 * 60 * 1000);
    await expect(authkit.client('plannr', connectionId).refresh()).rejects.toMatchObject({ code: 'reauthorization_required' });
    const after = await session(browser);
    expect(after.error).toBe('reauthorization_required');
    expect(after.authkit?.connections).toEqual([{ connectionId, providerId: 'plannr', status: 'reauthorization_required' }]);
  });
});
