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
