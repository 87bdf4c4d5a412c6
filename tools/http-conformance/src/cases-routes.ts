import { describe, expect, it } from 'vitest';
import { at, browser, connectOAuth, expectError, expectRedirect, providerRedirect, type SuiteContext } from './context';

interface View {
  id: string;
  providerId: string;
  label?: string;
  status: string;
  grant: string;
  credentialKind: string;
  version: number;
  expiresAt?: number;
}

/** Every route, on its happy path. */
export function routeCases(ctx: SuiteContext): void {
  describe('routes', () => {
    it('GET / lists the signed-in owner\'s connections, never cached, never a secret', async () => {
      const user = browser(ctx);
      const empty = await user.get(at(ctx, '/'));
      expect({ status: empty.status, body: empty.json() }).toEqual({ status: 200, body: { connections: [] } });
      expect(empty.headers.get('cache-control')).toBe('no-store');
      expect(empty.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const pat = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      await user.postJson(at(ctx, '/plannr/credentials'), { token: pat, label: 'pat' });
      const listed = await user.get(at(ctx, '/'));
      const { connections } = listed.json<{ connections: View[] }>();
      expect(connections.map((c) => [c.providerId, c.label, c.credentialKind])).toEqual([['plannr', 'pat', 'personal_access_token']]);
      expect(listed.text).not.toContain(pat);
    });

    it('GET /:provider/connect → provider → callback: 302 with PKCE and a scoped state cookie, then 303 to returnTo', async () => {
      const user = browser(ctx);
      const start = await user.get(at(ctx, `/plannr/connect?returnTo=${encodeURIComponent('/settings?tab=crm')}`));
      expect(start.status).toBe(302);
      const authorizeUrl = new URL(start.headers.get('location')!);
      expect(authorizeUrl.origin).toBe(new URL(ctx.world.sandbox.url).origin);
      expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${ctx.server.url}${ctx.server.basePath}/plannr/callback`);
      expect(start.headers.get('cache-control')).toBe('no-store');
      expect(start.cookies).toHaveLength(1);
      expect(start.cookies[0]).toMatch(new RegExp(`^authkit_state_plannr=[^;]+; Path=${ctx.server.basePath}/plannr/callback; Max-Age=(\\d+); HttpOnly; SameSite=Lax$`));
      expect(Number(/Max-Age=(\d+)/.exec(start.cookies[0]!)![1])).toBeLessThanOrEqual(600);

      const done = await user.get(await providerRedirect(start));
      expectRedirect(done, 303, '/settings?tab=crm&authkit=connected&authkit_provider=plannr');
      expect(done.headers.get('referrer-policy')).toBe('no-referrer');
      expect(done.cookies).toEqual([`authkit_state_plannr=; Path=${ctx.server.basePath}/plannr/callback; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`]);
      const [connection] = (await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections;
      expect(connection).toMatchObject({ providerId: 'plannr', status: 'active', grant: 'authorization_code', credentialKind: 'oauth2' });
    });

    it('without returnTo the callback goes to the default path', async () => {
      const done = await connectOAuth(ctx, browser(ctx), 'planday');
      expectRedirect(done, 303, '/?authkit=connected&authkit_provider=planday');
    });

    it('POST /:provider/credentials: JSON → 201 { connection }; the same label again → 409 connection_exists', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const created = await user.postJson(at(ctx, '/plannr/credentials'), { kind: 'personal_access_token', token, label: 'pat' });
      expect(created.status).toBe(201);
      expect(created.json<{ connection: View }>().connection).toMatchObject({ providerId: 'plannr', label: 'pat', credentialKind: 'personal_access_token', version: 1 });
      const again = await user.postJson(at(ctx, '/plannr/credentials'), { token, label: 'pat' });
      expectError(again, 409, {
        code: 'connection_exists',
        message: 'Plannr is already connected (the label "pat" is taken). Reconnect that connection, or connect with another label.',
        providerId: 'plannr',
      });
    });

    it('POST /:provider/credentials: an HTML form with returnTo → 303 to it', async () => {
      const user = browser(ctx);
      const { id, token } = ctx.world.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
      const answer = await user.postForm(at(ctx, '/iguide/credentials'), { tokenId: id, tokenValue: token, returnTo: '/systems' });
      expectRedirect(answer, 303, '/systems?authkit=connected&authkit_provider=iguide');
      const [connection] = (await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections;
      expect(connection).toMatchObject({ providerId: 'iguide', credentialKind: 'api_token', status: 'active' });
    });

    it('POST /:provider/credentials: expiresAt as ISO 8601, epoch seconds or epoch milliseconds is recorded; a non-date is refused with its reason', async () => {
      const user = browser(ctx);
      const at2031 = Date.UTC(2031, 0, 2, 3, 4, 5);
      for (const [index, expiresAt] of ['2031-01-02T03:04:05Z', String(at2031 / 1000), String(at2031)].entries()) {
        const { id, token } = ctx.world.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
        const created = await user.postJson(at(ctx, '/iguide/credentials'), { tokenId: id, tokenValue: token, expiresAt, label: `expiry-${index}` });
        expect(created.status).toBe(201);
        expect(created.json<{ connection: View }>().connection.expiresAt).toBe(at2031);
      }
      const { id, token } = ctx.world.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
      const refused = await user.postForm(at(ctx, '/iguide/credentials'), { tokenId: id, tokenValue: token, expiresAt: 'next spring', returnTo: '/systems' });
      expectRedirect(refused, 303, `/systems?authkit_error=invalid_request&authkit_provider=iguide&authkit_detail=${encodeURIComponent('the field "expiresAt" must be a date').replaceAll('%20', '+')}`);
    });

    it('POST /:provider/refresh-token: each pasted portal gets the next free label; a taken label is refused', async () => {
      const user = browser(ctx);
      const paste = async (label?: string) => {
        const portal = ctx.world.sandbox.planday.createPortal({ name: 'Conformance portal' });
        const { refreshToken } = ctx.world.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: ctx.world.sandbox.demoClients.planday.clientId });
        return user.postJson(at(ctx, '/planday/refresh-token'), { refreshToken, ...(label === undefined ? {} : { label }) });
      };
      const first = await paste();
      expect(first.status).toBe(201);
      expect(first.json<{ connection: View }>().connection).toMatchObject({ label: 'portal-1', grant: 'refresh_token_bootstrap', status: 'active' });
      expect((await paste()).json<{ connection: View }>().connection.label).toBe('portal-2');
      expectError(await paste('portal-1'), 409, {
        code: 'connection_exists',
        message: 'Planday is already connected (the label "portal-1" is taken). Reconnect that connection, or connect with another label.',
        providerId: 'planday',
      });
      expect((await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections.map((c) => c.label)).toEqual(['portal-1', 'portal-2']);
    });

    it('POST /:provider/client-credentials → 201 { connection }', async () => {
      const answer = await browser(ctx).postJson(at(ctx, '/server-api/client-credentials'), { scopes: 'users:read' });
      expect(answer.status).toBe(201);
      expect(answer.json<{ connection: View }>().connection).toMatchObject({ providerId: 'server-api', grant: 'client_credentials', status: 'active' });
    });

    it('POST /:provider/reconnect repairs a static credential in place: same id and label, new version', async () => {
      const user = browser(ctx);
      const first = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const created = (await user.postJson(at(ctx, '/plannr/credentials'), { token: first, label: 'pat' })).json<{ connection: View }>().connection;
      const second = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const answer = await user.postJson(at(ctx, '/plannr/reconnect'), { connection: created.id, token: second });
      expect(answer.status).toBe(200);
      expect(answer.json<{ connection: View }>().connection).toMatchObject({ id: created.id, label: 'pat', version: created.version + 1 });
      expect((await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections).toHaveLength(1);
    });

    it('reconnects a pasted Planday portal in place through the browser after a revocation', async () => {
      const user = browser(ctx);
      const portal = ctx.world.sandbox.planday.createPortal({ name: 'Revoked portal' });
      const { refreshToken } = ctx.world.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: ctx.world.sandbox.demoClients.planday.clientId });
      const created = (await user.postJson(at(ctx, '/planday/refresh-token'), { refreshToken })).json<{ connection: View }>().connection;
      ctx.world.sandbox.revokeGrants('planday', { portalId: portal.portalId });
      // A forced refresh meets the revoked grant: the connection now needs the user.
      await ctx.world.authkit.client('planday', created.id).refresh().catch(() => undefined);
      const broken = (await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections;
      expect(broken.map((c) => c.status)).toEqual(['reauthorization_required']);

      const start = await user.get(at(ctx, `/planday/reconnect?connection=${encodeURIComponent(created.id)}&returnTo=/portals`));
      expect(start.status).toBe(302);
      const done = await user.get(await providerRedirect(start));
      expectRedirect(done, 303, '/portals?authkit=reconnected&authkit_provider=planday');
      const after = (await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections;
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ id: created.id, label: 'portal-1', status: 'active', grant: 'authorization_code' });
    });

    it('POST /:provider/reconnect runs the client credentials grant again in place', async () => {
      const user = browser(ctx);
      const created = (await user.postJson(at(ctx, '/server-api/client-credentials'), {})).json<{ connection: View }>().connection;
      const answer = await user.postJson(at(ctx, '/server-api/reconnect'), { connection: created.id });
      expect(answer.status).toBe(200);
      expect(answer.json<{ connection: View }>().connection).toMatchObject({ id: created.id, version: created.version + 1 });
    });

    it('GET /:provider/reconnect of a static credential asks for a new one', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const created = (await user.postJson(at(ctx, '/plannr/credentials'), { token })).json<{ connection: View }>().connection;
      expectError(await user.get(at(ctx, `/plannr/reconnect?connection=${encodeURIComponent(created.id)}`)), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: this Plannr connection is reconnected by submitting a new credential. Correct it and send it again.',
        providerId: 'plannr',
      });
    });

    it('POST /:provider/disconnect revokes at the provider and removes; revoke=false only removes', async () => {
      const user = browser(ctx);
      await connectOAuth(ctx, user, 'planday');
      const [connection] = (await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections;
      const revocations = ctx.world.sandbox.stats.count('planday.revocation');
      const answer = await user.postJson(at(ctx, '/planday/disconnect'), { connection: connection!.id });
      expect({ status: answer.status, body: answer.json() }).toEqual({ status: 200, body: { disconnected: connection!.id, revoked: true } });
      expect(ctx.world.sandbox.stats.count('planday.revocation')).toBe(revocations + 1);
      expect((await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections).toEqual([]);

      await connectOAuth(ctx, user, 'planday');
      const quiet = await user.postForm(at(ctx, '/planday/disconnect'), { revoke: 'false', returnTo: '/systems' });
      expectRedirect(quiet, 303, '/systems?authkit=disconnected&authkit_provider=planday');
      expect(ctx.world.sandbox.stats.count('planday.revocation')).toBe(revocations + 1);
    });

    it('a failed revocation keeps the connection (502), unless force=true removes it anyway', async () => {
      const user = browser(ctx);
      await connectOAuth(ctx, user, 'planday');
      ctx.world.sandbox.faults.inject('planday.revocation', { kind: '5xx' });
      try {
        expectError(await user.postJson(at(ctx, '/planday/disconnect'), {}), 502, {
          code: 'token_endpoint_error',
          message: 'Planday did not complete the request as expected. Try again in a moment.',
          providerId: 'planday',
        });
        expect((await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections).toHaveLength(1);
        const forced = await user.postJson(at(ctx, '/planday/disconnect'), { force: 'true' });
        expect(forced.status).toBe(200);
        expect(forced.json()).toMatchObject({ revoked: false });
        expect((await user.get(at(ctx, '/'))).json<{ connections: View[] }>().connections).toEqual([]);
      } finally {
        ctx.world.sandbox.faults.clear('planday.revocation');
      }
    });

    it('disconnecting a missing or someone else\'s connection gives the same 404', async () => {
      const owner = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const created = (await owner.postJson(at(ctx, '/plannr/credentials'), { token })).json<{ connection: View }>().connection;
      const expected = { code: 'connection_not_found', message: 'There is no Plannr connection here. Connect Plannr first.', providerId: 'plannr', reauthorizeUrl: `${ctx.server.basePath}/plannr/connect` };
      const stranger = browser(ctx);
      expectError(await stranger.postJson(at(ctx, '/plannr/disconnect'), { connection: created.id }), 404, expected);
      expectError(await stranger.postJson(at(ctx, '/plannr/disconnect'), { connection: 'plannr:nobody' }), 404, expected);
      expect((await owner.get(at(ctx, '/'))).json<{ connections: View[] }>().connections).toHaveLength(1);
    });
  });
}
