import { describe, expect, it } from 'vitest';
import { at, browser, connectOAuth, expectError, type SuiteContext } from './context';

/** The adapter's own idiom for "this route needs a connection" answers through core's lookup. */
export function guardedCases(ctx: SuiteContext): void {
  describe('guarded routes (requireConnection / ConnectionGuard / getAuthKitClient)', () => {
    it('no owner → 401, no connection → 404 with where to connect', async () => {
      expectError(await browser(ctx, null).get('/guarded/plannr'), 401, {
        code: 'owner_required',
        message: 'Sign in first: connections belong to a signed-in user.',
        providerId: 'plannr',
      });
      expectError(await browser(ctx).get('/guarded/plannr'), 404, {
        code: 'connection_not_found',
        message: 'There is no Plannr connection here. Connect Plannr first.',
        providerId: 'plannr',
        reauthorizeUrl: `${ctx.server.basePath}/plannr/connect`,
      });
      expectError(await browser(ctx).get('/guarded/server-api'), 404, {
        code: 'connection_not_found',
        message: 'There is no Server API connection here. Connect Server API first.',
        providerId: 'server-api',
      });
    });

    it('a connected owner gets the provider\'s answer through the signed client', async () => {
      const user = browser(ctx);
      await connectOAuth(ctx, user, 'plannr');
      const answer = await user.get('/guarded/plannr');
      expect(answer.status).toBe(200);
      expect(answer.json()).toHaveProperty('data');
    });

    it('a credential without the scope → 403 permission_denied naming it; the token never in the body', async () => {
      const user = browser(ctx);
      const { id, token } = ctx.world.sandbox.iguide.createApiToken({ scopes: ['banner.list'] });
      expect((await user.postJson(at(ctx, '/iguide/credentials'), { tokenId: id, tokenValue: token })).status).toBe(201);
      const denied = await user.get('/guarded/iguide');
      expectError(denied, 403, {
        code: 'permission_denied',
        message: 'iGUIDE Portal refused this request: the connection lacks a permission (iguide.list). Reconnect iGUIDE Portal and grant it.',
        providerId: 'iguide',
        requiredScope: 'iguide.list',
      });
      expect(denied.text).not.toContain(token);
    });

    it('a provider throttling (iGUIDE sends fractional seconds) → 429 with a whole-second Retry-After', async () => {
      const user = browser(ctx);
      const { id, token } = ctx.world.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
      await user.postJson(at(ctx, '/iguide/credentials'), { tokenId: id, tokenValue: token });
      const limits = ctx.world.sandbox.settings.rateLimits;
      const previous = limits.iguidePerSecond;
      limits.iguidePerSecond = 1;
      // A fresh one-second window, frozen so a slow machine cannot reach the next one.
      ctx.world.sandbox.clock.freeze();
      ctx.world.sandbox.clock.advance(1000);
      try {
        expect((await user.get('/guarded/iguide')).status).toBe(200);
        const limited = await user.get('/guarded/iguide');
        const body = limited.json<{ retryAfter: number }>();
        expectError(limited, 429, {
          code: 'rate_limited',
          message: `iGUIDE Portal is receiving too many requests. Try again in ${Math.max(1, Math.ceil(body.retryAfter))} s.`,
          providerId: 'iguide',
          retryAfter: body.retryAfter,
        });
        expect(body.retryAfter).toBeGreaterThan(0);
        expect(limited.headers.get('retry-after')).toBe(String(Math.ceil(body.retryAfter)));
      } finally {
        limits.iguidePerSecond = previous;
        ctx.world.sandbox.clock.unfreeze();
      }
    });

    it('a connection the provider revoked → 401 reauthorization_required pointing at its reconnect route', async () => {
      const user = browser(ctx);
      await connectOAuth(ctx, user, 'planday');
      const [connection] = (await user.get(at(ctx, '/'))).json<{ connections: { id: string }[] }>().connections;
      expect((await user.get('/guarded/planday')).status).toBe(200);
      ctx.world.sandbox.revokeGrants('planday');
      const expected = {
        code: 'reauthorization_required',
        message: 'Planday needs you to authorize the connection again. Reconnect Planday.',
        providerId: 'planday',
        reauthorizeUrl: `${ctx.server.basePath}/planday/reconnect?connection=${encodeURIComponent(connection!.id)}`,
      };
      expectError(await user.get('/guarded/planday'), 401, expected);
      // Now marked: the lookup answers the same without calling the provider.
      expectError(await user.get('/guarded/planday'), 401, expected);
    });
  });
}
