import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthKit } from '@authkit/core';
import type { Sandbox } from '@authkit/sandbox';
import { createConnectRouteHandlers } from '../src/index';
import type { ConnectRouteHandlers } from '../src/index';
import { registerCallbacks, startWorld } from './support/setup';

const APP = 'http://app.test';
let sandbox: Sandbox;
let authkit: AuthKit;
let closeWorld: () => Promise<void>;
let handlers: ConnectRouteHandlers;

/** Calls the route as Next.js would for `app/api/authkit/[provider]/[action]/route.ts`. */
function get(path: string, options: { owner?: string; cookie?: string } = {}): Promise<Response> {
  const url = new URL(path, APP);
  const [, , , provider = '', action = ''] = url.pathname.split('/');
  const headers = new Headers();
  if (options.owner) headers.set('x-test-owner', options.owner);
  if (options.cookie) headers.set('cookie', options.cookie);
  return handlers.GET(new Request(url, { headers }), { params: Promise.resolve({ provider, action }) });
}

/** The state cookie as a browser would send it back (name=value only). */
function stateCookie(response: Response): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith('authkit.connect.'));
  expect(line).toMatch(/HttpOnly; SameSite=Lax/);
  return line?.split(';')[0] ?? '';
}

/** Starts a connect and lets the (auto-approving) sandbox answer: the callback URL and the cookie. */
async function authorize(provider: string, owner: string, returnTo?: string): Promise<{ callback: string; cookie: string }> {
  const start = await get(`/api/authkit/${provider}/connect${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, { owner });
  expect(start.status).toBe(303);
  const authorizeUrl = start.headers.get('location') ?? '';
  expect(authorizeUrl.startsWith(sandbox.url)).toBe(true);
  const answer = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = answer.headers.get('location') ?? '';
  expect(callback.startsWith(`${APP}/api/authkit/${provider}/callback?`)).toBe(true);
  return { callback, cookie: stateCookie(start) };
}

beforeAll(async () => {
  const world = await startWorld();
  ({ sandbox, authkit } = world);
  closeWorld = world.close;
  registerCallbacks(sandbox, APP);
  handlers = createConnectRouteHandlers(authkit, {
    appUrl: APP,
    getOwnerId: async (request) => request.headers.get('x-test-owner') ?? undefined,
  });
});

afterAll(async () => {
  await closeWorld?.();
});

describe('createConnectRouteHandlers', () => {
  it('connects Planday to the signed-in owner and returns to the requested page', async () => {
    const { callback, cookie } = await authorize('planday', 'demo:ada', '/settings?tab=apis');
    const done = await get(callback, { owner: 'demo:ada', cookie });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${APP}/settings?tab=apis&authkit_connected=planday`);
    expect(done.headers.getSetCookie().some((c) => c.includes('Max-Age=0'))).toBe(true);
    const connection = await authkit.getConnection(authkit.connectionIdFor('planday', 'demo:ada'));
    expect(connection).toMatchObject({ status: 'active', ownerId: 'demo:ada', grant: 'authorization_code' });
    const departments = await authkit.client('planday', connection?.id ?? '').fetch('hr/v1/Departments');
    expect(departments.status).toBe(200);
  });

  it('refuses a callback whose state is not the one this browser started, without using up the real one', async () => {
    const { callback, cookie } = await authorize('plannr', 'demo:bo');
    const forged = await get(callback, { owner: 'demo:bo', cookie: 'authkit.connect.plannr=someone-elses-state' });
    expect(new URL(forged.headers.get('location') ?? '').searchParams.get('authkit_error')).toBe('invalid_state');
    expect(await authkit.getConnection(authkit.connectionIdFor('plannr', 'demo:bo'))).toBeUndefined();
    // The browser that started the flow can still finish it.
    const done = await get(callback, { owner: 'demo:bo', cookie });
    expect(new URL(done.headers.get('location') ?? '').searchParams.get('authkit_connected')).toBe('plannr');
  });

  it('refuses a replayed callback and a callback completed by another signed-in user', async () => {
    const { callback, cookie } = await authorize('oauth2', 'demo:cy');
    const other = await get(callback, { owner: 'demo:mallory', cookie });
    expect(new URL(other.headers.get('location') ?? '').searchParams.get('authkit_error')).toBeTruthy();
    expect(await authkit.getConnection(authkit.connectionIdFor('oauth2', 'demo:mallory'))).toBeUndefined();

    const second = await authorize('oauth2', 'demo:cy');
    expect(new URL((await get(second.callback, { owner: 'demo:cy', cookie: second.cookie })).headers.get('location') ?? '').searchParams.get('authkit_connected')).toBe('oauth2');
    const replay = await get(second.callback, { owner: 'demo:cy', cookie: second.cookie });
    expect(new URL(replay.headers.get('location') ?? '').searchParams.get('authkit_error')).toBe('invalid_state');
  });

  it("turns the provider's error redirect into authorization_denied", async () => {
    const start = await get('/api/authkit/plannr/connect', { owner: 'demo:di' });
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const denied = await get(`/api/authkit/plannr/callback?error=access_denied&state=${state}`, { owner: 'demo:di', cookie: stateCookie(start) });
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('authkit_error')).toBe('authorization_denied');
  });

  it('sends a signed-out visitor to sign in, ignores off-site returnTo and 404s unknown routes', async () => {
    const signedOut = await get('/api/authkit/plannr/connect');
    expect(signedOut.headers.get('location')).toBe(`${APP}/api/auth/signin?callbackUrl=${encodeURIComponent(`${APP}/`)}`);

    const { callback, cookie } = await authorize('plannr', 'demo:ed', '//evil.test/steal');
    const done = await get(callback, { owner: 'demo:ed', cookie });
    expect(done.headers.get('location')).toBe(`${APP}/?authkit_connected=plannr`);

    expect((await get('/api/authkit/unknown/connect', { owner: 'demo:ed' })).status).toBe(404);
    expect((await get('/api/authkit/plannr/other', { owner: 'demo:ed' })).status).toBe(404);
  });
});
