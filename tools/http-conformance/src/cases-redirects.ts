import { describe, expect, it } from 'vitest';
import { at, browser, expectError, expectRedirect, providerRedirect, type SuiteContext } from './context';

/** `returnTo` values that would leave the site once a browser or server normalises them. */
export const OPEN_REDIRECTS = [
  '//evil.example',
  '/\\evil.example',
  '/.//evil.example',
  '/%2e//evil.example',
  '/%2E/%2E//evil.example',
  '/a/..//evil.example',
  '/\t/evil.example',
  '/\r/evil.example',
  '/\n/evil.example',
  '/%09/evil.example',
  '/%0d%0a/evil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '%2F%2Fevil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'https://evil.example/',
  'http:evil.example',
  ' /x',
  '',
];

const INVALID_RETURN_TO = { code: 'invalid_return_to', message: 'The return address must be a path on this site. Start again from the app.', providerId: 'plannr' };

/** The open-redirect list, judged on the exact value that would be redirected to. */
export function redirectCases(ctx: SuiteContext): void {
  describe('returnTo', () => {
    for (const value of OPEN_REDIRECTS) {
      it(`refuses ${JSON.stringify(value)} before anything starts or is stored`, async () => {
        const user = browser(ctx);
        const start = await user.get(at(ctx, `/plannr/connect?returnTo=${encodeURIComponent(value)}`));
        expectError(start, 400, INVALID_RETURN_TO);
        expect(start.cookies).toEqual([]);
        const token = ctx.world.sandbox.plannr.createPersonalAccessToken().token;
        expectError(await user.postJson(at(ctx, '/plannr/credentials'), { token, returnTo: value }), 400, INVALID_RETURN_TO);
        expect((await user.get(at(ctx, '/'))).json()).toEqual({ connections: [] });
        // In a browser: back to the default path, never to the value given.
        expectRedirect(await user.get(at(ctx, `/plannr/connect?returnTo=${encodeURIComponent(value)}`), { navigate: true }), 303, '/?authkit_error=invalid_return_to&authkit_provider=plannr');
      });
    }

    it('redirects to exactly the normalised same-origin path, query and fragment kept', async () => {
      const user = browser(ctx);
      const start = await user.get(at(ctx, `/plannr/connect?returnTo=${encodeURIComponent('/a/../settings?tab=crm#top')}`));
      expectRedirect(await user.get(await providerRedirect(start)), 303, '/settings?tab=crm&authkit=connected&authkit_provider=plannr#top');
    });
  });
}
