import { describe, expect, it } from 'vitest';
import { at, browser, expectError, type SuiteContext } from './context';

const FORBIDDEN = { code: 'forbidden_origin', message: 'This request came from another site, so it was refused. Go back to the app and try again there.' };

/** Every state-changing request is checked for CSRF, failing closed. */
export function csrfCases(ctx: SuiteContext): void {
  describe('CSRF', () => {
    const form = (origin?: string, extra: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin === undefined ? {} : { origin }), ...extra },
      body: 'revoke=false',
    });

    it('a cross-site form cannot disconnect a connection', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      await user.postJson(at(ctx, '/plannr/credentials'), { token });
      expectError(await user.send(at(ctx, '/plannr/disconnect'), form('https://evil.example')), 403, FORBIDDEN);
      expectError(await user.send(at(ctx, '/plannr/disconnect'), form('null')), 403, FORBIDDEN);
      expectError(await user.send(at(ctx, '/plannr/disconnect'), form(undefined)), 403, FORBIDDEN);
      expectError(await user.send(at(ctx, '/plannr/disconnect'), form(ctx.server.url, { 'sec-fetch-site': 'cross-site' })), 403, FORBIDDEN);
      expectError(await user.send(at(ctx, '/plannr/disconnect'), form(ctx.server.url.replace('127.0.0.1', 'localhost'))), 403, FORBIDDEN);
      expect((await user.get(at(ctx, '/'))).json<{ connections: unknown[] }>().connections).toHaveLength(1);
      const same = await user.send(at(ctx, '/plannr/disconnect'), form(ctx.server.url, { 'sec-fetch-site': 'same-origin' }));
      expect(same.status).toBe(200);
    });

    it('a JSON body without Origin passes (a cross-site page cannot send one without a preflight)', async () => {
      const user = browser(ctx);
      const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
      const answer = await user.send(at(ctx, '/plannr/credentials'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      expect(answer.status).toBe(201);
    });
  });
}
