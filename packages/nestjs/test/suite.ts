import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamicModule } from '@nestjs/common';
import { startSandbox } from '@authkit/sandbox';
import { authorize, bootApp, get, post, type Sandbox, type TestApp } from './harness';

/**
 * The end-to-end suite every module form must pass: real Nest app, real HTTP, real sandbox.
 * `makeModule` builds `AuthKitModule.forRoot(...)` or `forRootAsync(...)` for the sandbox.
 */
export function connectFlowSuite(name: string, makeModule: (sandbox: Sandbox) => DynamicModule): void {
  describe(name, () => {
    let sandbox: Sandbox;
    let t: TestApp;

    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, autoApprove: true });
      t = await bootApp(makeModule(sandbox), sandbox);
    });
    afterAll(async () => {
      await t?.close();
      await sandbox?.close();
    });

    const connections = (ownerId: string) => t.authkit.listConnections({ ownerId });

    it('starts Plannr with state and PKCE S256, saves the token response and calls the API through guard and client', async () => {
      const start = await get(`${t.url}/authkit/plannr/connect`, 'alice');
      expect(start.status).toBe(302);
      const authorizeUrl = new URL(start.headers.get('location')!);
      expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(sandbox.endpoints.plannr.authorizationEndpoint);
      expect(authorizeUrl.searchParams.get('state')).toMatch(/.{16,}/);
      expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${t.url}/authkit/plannr/callback`);
      expect(authorizeUrl.searchParams.get('response_type')).toBe('code');

      const callback = await authorize(t, 'plannr', 'alice');
      const done = await get(`${t.url}${callback.pathname}${callback.search}`, 'alice');
      expect(done.status).toBe(200);
      const { connection } = (await done.json()) as { connection: { id: string; providerId: string; ownerId: string; status: string; expiresAt?: number } };
      expect(connection).toMatchObject({ providerId: 'plannr', ownerId: 'alice', status: 'active' });
      expect(connection.expiresAt).toBeGreaterThan(Date.now());

      const record = await t.authkit.readConnectionRecord(connection.id);
      expect(record?.credential.kind).toBe('oauth2');
      if (record?.credential.kind !== 'oauth2') throw new Error('not oauth2');
      expect(record.credential.refreshToken?.reveal()).toBeTruthy();
      expect(record.credential.scopes.length).toBeGreaterThan(0);

      const api = await get(`${t.url}/api/plannr/contacts`, 'alice');
      expect(api.status).toBe(200);
      expect(((await api.json()) as { status: number }).status).toBe(200);

      // Plannr rotates refresh tokens: two refreshes in a row must both succeed.
      const client = t.authkit.client('plannr', connection.id);
      await client.refresh();
      await client.refresh();
      expect((await get(`${t.url}/api/plannr/contacts`, 'alice')).status).toBe(200);
    });

    it('connects Planday (public client, no secret) and calls the API', async () => {
      const callback = await authorize(t, 'planday', 'carol');
      const done = await get(`${t.url}${callback.pathname}${callback.search}`, 'carol');
      expect(done.status).toBe(200);
      const api = await get(`${t.url}/api/planday/departments`, 'carol');
      expect(api.status).toBe(200);
    });

    it('redirects to a same-origin returnTo and ignores an off-site one', async () => {
      const ok = await authorize(t, 'acme', 'dave', '?returnTo=%2Fdone%3Fx%3D1');
      const res = await get(`${t.url}${ok.pathname}${ok.search}`, 'dave');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/done?x=1');

      const evil = await authorize(t, 'acme', 'dave', '?returnTo=%2F%2Fevil.example%2F');
      const res2 = await get(`${t.url}${evil.pathname}${evil.search}`, 'dave');
      expect(res2.status).toBe(200);
      expect((await get(`${t.url}/api/acme/me`, 'dave')).status).toBe(200);
    });

    describe('bad callback input stores nothing', () => {
      it('refuses a tampered state', async () => {
        const callback = await authorize(t, 'plannr', 'erin');
        callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
        const res = await get(`${t.url}${callback.pathname}${callback.search}`, 'erin');
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 'invalid_state', providerId: 'plannr' });
        expect(await connections('erin')).toEqual([]);
      });

      it('refuses a replayed callback', async () => {
        const callback = await authorize(t, 'acme', 'frank');
        expect((await get(`${t.url}${callback.pathname}${callback.search}`, 'frank')).status).toBe(200);
        const before = await connections('frank');
        const replay = await get(`${t.url}${callback.pathname}${callback.search}`, 'frank');
        expect(replay.status).toBe(400);
        expect(await replay.json()).toMatchObject({ code: 'invalid_state' });
        expect(await connections('frank')).toEqual(before);
      });

      it('turns denied consent into 400 authorization_denied and burns the state', async () => {
        const callback = await authorize(t, 'plannr', 'gina');
        const state = callback.searchParams.get('state')!;
        const denied = await get(`${t.url}/authkit/plannr/callback?error=access_denied&state=${encodeURIComponent(state)}`, 'gina');
        expect(denied.status).toBe(400);
        expect(await denied.json()).toMatchObject({ code: 'authorization_denied' });
        const late = await get(`${t.url}${callback.pathname}${callback.search}`, 'gina');
        expect(late.status).toBe(400);
        expect(await connections('gina')).toEqual([]);
      });

      it('refuses a callback without code, or without state', async () => {
        const callback = await authorize(t, 'plannr', 'hank');
        const noCode = await get(`${t.url}/authkit/plannr/callback?state=${callback.searchParams.get('state')}`, 'hank');
        expect(noCode.status).toBe(400);
        expect(await noCode.json()).toMatchObject({ code: 'invalid_callback' });
        const noState = await get(`${t.url}/authkit/plannr/callback?code=${callback.searchParams.get('code')}`, 'hank');
        expect(noState.status).toBe(400);
        expect(await noState.json()).toMatchObject({ code: 'invalid_state' });
        const bare = await get(`${t.url}/authkit/plannr/callback`, 'hank');
        expect(bare.status).toBe(400);
        expect(await connections('hank')).toEqual([]);
      });

      it('answers 400 for a tampered code and 502 when the token endpoint fails', async () => {
        const tampered = await authorize(t, 'plannr', 'mona');
        tampered.searchParams.set('code', `${tampered.searchParams.get('code')}x`);
        const bad = await get(`${t.url}${tampered.pathname}${tampered.search}`, 'mona');
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ code: 'token_endpoint_error', providerId: 'plannr' });

        const callback = await authorize(t, 'plannr', 'mona');
        sandbox.faults.inject('plannr.token', { kind: '5xx', times: 1 });
        const down = await get(`${t.url}${callback.pathname}${callback.search}`, 'mona');
        expect(down.status).toBe(502);
        const text = await down.text();
        expect(text).not.toContain(callback.searchParams.get('code')!);
        expect(await connections('mona')).toEqual([]);
      });

      it('needs a signed-in user, the same one that started', async () => {
        expect((await get(`${t.url}/authkit/plannr/connect`)).status).toBe(401);
        const callback = await authorize(t, 'plannr', 'ivan');
        expect((await get(`${t.url}${callback.pathname}${callback.search}`)).status).toBe(401);
        const other = await get(`${t.url}${callback.pathname}${callback.search}`, 'judy');
        expect(other.status).toBe(400);
        expect(await connections('ivan')).toEqual([]);
        expect(await connections('judy')).toEqual([]);
      });

      it('answers 404 for unknown providers and providers without a browser flow', async () => {
        expect((await get(`${t.url}/authkit/nope/connect`, 'alice')).status).toBe(404);
        expect((await get(`${t.url}/authkit/server-api/connect`, 'alice')).status).toBe(404);
        expect((await post(`${t.url}/authkit/nope/static`, { kind: 'api_key', key: 'k' }, 'alice')).status).toBe(404);
      });
    });

    it('connects static credentials, client credentials and refresh tokens through the controller', async () => {
      const { key } = await sandbox.clientCredentials.createApiKey();
      const bad = await post(`${t.url}/authkit/server-api/static`, { kind: 'password', key }, 'kim');
      expect(bad.status).toBe(400);
      expect((await post(`${t.url}/authkit/server-api/static`, { kind: 'api_key' }, 'kim')).status).toBe(400);
      expect((await post(`${t.url}/authkit/server-api/static`, { kind: 'api_key', key })).status).toBe(401);
      expect(await connections('kim')).toEqual([]);

      const ok = await post(`${t.url}/authkit/server-api/static`, { kind: 'api_key', key, label: 'key' }, 'kim');
      expect(ok.status).toBe(201);
      const okText = await ok.text();
      expect(okText).not.toContain(key);
      expect((await get(`${t.url}/api/server-api/data`, 'kim')).status).toBe(200);

      const cc = await post(`${t.url}/authkit/server-api/client-credentials`, { returnTo: '/home' }, 'kim');
      expect(cc.status).toBe(303);
      expect(cc.headers.get('location')).toBe('/home');

      const portal = sandbox.planday.createPortal({ name: 'Kim portal' });
      const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: 'planday-demo-client' });
      const rt = await post(`${t.url}/authkit/planday/refresh-token`, { refreshToken, label: portal.portalId }, 'kim');
      expect(rt.status).toBe(201);
      expect(await rt.text()).not.toContain(refreshToken);
      expect((await post(`${t.url}/authkit/planday/refresh-token`, { label: 'x' }, 'kim')).status).toBe(400);
      expect((await post(`${t.url}/authkit/planday/refresh-token`, { refreshToken })).status).toBe(401);
      expect((await post(`${t.url}/authkit/server-api/client-credentials`, {})).status).toBe(401);
      expect((await post(`${t.url}/authkit/plannr/disconnect`, {})).status).toBe(401);
      const badRt = await post(`${t.url}/authkit/planday/refresh-token`, { refreshToken: 'not-a-token', label: 'x' }, 'kim');
      expect(badRt.status).toBe(400);

      const status = await get(`${t.url}/authkit`, 'kim');
      const body = (await status.json()) as { connections: { providerId: string; label?: string }[] };
      expect(body.connections.map((c) => `${c.providerId}:${c.label ?? ''}`).sort()).toEqual(
        ['planday:' + portal.portalId, 'server-api:', 'server-api:key'].sort(),
      );
    });

    it('disconnects, then the guard asks for authorization again', async () => {
      const callback = await authorize(t, 'plannr', 'liz');
      expect((await get(`${t.url}${callback.pathname}${callback.search}`, 'liz')).status).toBe(200);
      expect((await post(`${t.url}/authkit/plannr/disconnect`, {}, 'liz')).status).toBe(200);
      expect((await post(`${t.url}/authkit/plannr/disconnect`, {}, 'liz')).status).toBe(404);
      expect(await connections('liz')).toEqual([]);
      const api = await get(`${t.url}/api/plannr/contacts`, 'liz');
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ code: 'reauthorization_required', reauthorizeUrl: '/authkit/plannr/connect' });
      expect((await get(`${t.url}/api/plannr/contacts`)).status).toBe(401);
    });

    it('lists the owner\'s connections without secrets, and only for a signed-in user', async () => {
      expect((await get(`${t.url}/authkit`)).status).toBe(401);
      const res = await get(`${t.url}/authkit`, 'alice');
      expect(res.status).toBe(200);
      const text = await res.text();
      const { connections } = JSON.parse(text) as { connections: { id: string; providerId: string }[] };
      expect(connections.map((c) => c.providerId)).toContain('plannr');
      for (const c of connections) {
        const record = await t.authkit.readConnectionRecord(c.id);
        if (record?.credential.kind === 'oauth2') {
          expect(text).not.toContain(record.credential.accessToken.reveal());
          if (record.credential.refreshToken) expect(text).not.toContain(record.credential.refreshToken.reveal());
        }
      }
    });

    it('maps the provider\'s real 403 and 401 through the filter', async () => {
      const pair = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
      const ok = await post(`${t.url}/authkit/iguide/static`, { kind: 'api_token', tokenId: pair.id, tokenValue: pair.token, label: 'token' }, 'nina');
      expect(ok.status).toBe(201);
      const forbidden = await get(`${t.url}/api/iguide/iguides/any`, 'nina');
      expect(forbidden.status).toBe(403);
      const body = await forbidden.text();
      expect(JSON.parse(body)).toMatchObject({ code: 'permission_denied', providerId: 'iguide' });
      expect(body).not.toContain(pair.token);
      sandbox.iguide.revokeApiToken(pair.id);
      const revoked = await get(`${t.url}/api/iguide/iguides/any`, 'nina');
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toMatchObject({ providerId: 'iguide', reauthorizeUrl: '/authkit/iguide/connect' });
    });

    it('maps core errors to HTTP in the exception filter', async () => {
      const reauth = await get(`${t.url}/api/errors/reauth`, 'alice');
      expect(reauth.status).toBe(401);
      expect(await reauth.json()).toMatchObject({ code: 'reauthorization_required', reauthorizeUrl: '/authkit/plannr/connect' });
      const forbidden = await get(`${t.url}/api/errors/forbidden`, 'alice');
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'permission_denied', requiredScope: 'iguide.rw' });
      const limited = await get(`${t.url}/api/errors/limited`, 'alice');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(await limited.json()).toMatchObject({ code: 'rate_limited', retryAfter: 0.52 });
      const upstream = await get(`${t.url}/api/errors/upstream`, 'alice');
      expect(upstream.status).toBe(502);
      const config = await get(`${t.url}/api/errors/config`, 'alice');
      expect(config.status).toBe(500);
      expect(await config.text()).not.toContain('clientSecret');
    });
  });
}
