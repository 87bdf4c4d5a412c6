import { describe, expect, it } from 'vitest';
import { Browser } from './browser';
import { at, authorize, browser, expectError, expectRedirect, newUser, type SuiteContext } from './context';

const INVALID_STATE = {
  code: 'invalid_state',
  message:
    'This Plannr authorization cannot be completed: the link was already used, has expired, or was started in another browser. Start connecting Plannr again.',
  providerId: 'plannr',
};

/** The state is one-time, short-lived and bound to the browser that started the flow. */
export function stateCases(ctx: SuiteContext): void {
  describe('state', () => {
    it('a replayed callback (browser back) → 400 invalid_state; the connection is untouched', async () => {
      const user = browser(ctx);
      const callback = await authorize(ctx, user, 'plannr');
      expect((await user.get(callback)).status).toBe(303);
      const before = (await user.get(at(ctx, '/'))).json<{ connections: { version: number }[] }>().connections;
      expectError(await user.get(callback), 400, INVALID_STATE);
      expectRedirect(await user.get(callback, { navigate: true }), 303, '/?authkit_error=invalid_state&authkit_provider=plannr');
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: before });
    });

    it('an expired authorization → 400 invalid_state', async () => {
      const user = browser(ctx);
      const callback = await authorize(ctx, user, 'plannr');
      ctx.world.sandbox.clock.advance(11 * 60_000);
      expectError(await user.get(callback), 400, INVALID_STATE);
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
    });

    it('a callback in a browser that did not start it → 400, and the real one still completes', async () => {
      const owner = newUser();
      const user = browser(ctx, owner);
      const callback = await authorize(ctx, user, 'plannr');
      const elsewhere = new Browser(ctx.server.url, owner);
      expectError(await elsewhere.get(callback), 400, INVALID_STATE);
      expect((await user.get(callback)).status).toBe(303);
    });

    it('another signed-in user cannot complete someone else\'s flow, even with the cookie', async () => {
      const user = browser(ctx);
      const callback = await authorize(ctx, user, 'plannr');
      const victim = user.owner;
      user.owner = newUser();
      expectError(await user.get(callback), 400, INVALID_STATE);
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
      user.owner = victim;
      expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
    });

    it('a forged or tampered state cookie → 400 invalid_state, nothing consumed', async () => {
      const user = browser(ctx);
      const callback = await authorize(ctx, user, 'plannr');
      const state = new URL(callback).searchParams.get('state')!;
      const genuine = user.cookie('authkit_state_plannr')!;
      user.setCookie('authkit_state_plannr', `${state}.${Date.now() + 60_000}.AAAA`, `${ctx.server.basePath}/plannr/callback`);
      expectError(await user.get(callback), 400, INVALID_STATE);
      user.setCookie('authkit_state_plannr', genuine, `${ctx.server.basePath}/plannr/callback`);
      expect((await user.get(callback)).status).toBe(303);
    });
  });
}
