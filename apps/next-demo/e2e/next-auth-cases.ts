// What only the Next demo has: signing in with a provider account through next-auth (the
// sign-in becomes a connection, its tokens stay in AuthKit's store), and next-auth's own
// answer to a tampered callback. Registered into the shared suite, on the same running app.
import type { SuiteContext } from '@authkit/e2e';
import { expect } from 'vitest';

const SANDBOX_HOST = '127.0.0.1';

export function nextAuthCases(ctx: SuiteContext): void {
  ctx.case("signs in through Plannr's consent page: the sign-in is a Plannr connection, no token in any cookie; signs out", async ({ stranger, world }) => {
    const visitor = await stranger();
    const { page, context } = visitor;
    await page.goto(world.app.url);
    await page.getByRole('link', { name: 'sign in with a provider account' }).click();
    await page.getByRole('button', { name: 'Sign in with Plannr' }).click();
    await page.waitForURL((url) => url.hostname === SANDBOX_HOST);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${world.app.url}/`);
    expect(await visitor.text(page.getByTestId('user'))).toBe('Dana Demo');
    const plannr = visitor.card('connection-plannr');
    expect(await visitor.text(plannr.getByTestId('method'))).toBe('OAuth');
    expect(await visitor.text(plannr.getByTestId('status'))).toBe('active');

    const cookies = await context.cookies(world.app.url);
    expect(cookies.map((c) => c.name)).toContain('next-auth.session-token');
    const session = (await (await page.request.get(`${world.app.url}/api/auth/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ authkit: { connections: [{ providerId: 'plannr', status: 'active' }] } });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    expect((await context.cookies(world.app.url)).map((c) => c.name)).not.toContain('next-auth.session-token');
  });

  ctx.case('creates no session when the sign-in callback is tampered with', async ({ stranger, world }) => {
    const visitor = await stranger();
    const { page, context } = visitor;
    await page.goto(`${world.app.url}/api/auth/signin`);
    await page.getByRole('button', { name: 'Sign in with Plannr' }).click();
    await page.waitForURL((url) => url.hostname === SANDBOX_HOST);
    // Tamper in transit: the consent form's answer is a redirect to the app's callback; change
    // its state before the browser follows it (redirect hops themselves cannot be routed).
    let tampered = false;
    await page.route(
      (url) => url.hostname === SANDBOX_HOST && url.pathname.endsWith('/oauth/authorize'),
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const answer = await route.fetch({ maxRedirects: 0 });
        const location = new URL(answer.headers().location ?? '');
        expect(location.pathname).toBe('/api/auth/callback/plannr');
        location.searchParams.set('state', 'forged');
        tampered = true;
        await route.fulfill({ status: 302, headers: { location: location.toString() } });
      },
    );
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/api/auth/error' || url.pathname === '/api/auth/signin');
    expect(tampered).toBe(true);
    expect(new URL(page.url()).searchParams.get('error')).toBe('OAuthCallback');
    expect((await context.cookies(world.app.url)).map((c) => c.name)).not.toContain('next-auth.session-token');
    await page.goto(world.app.url);
    await page.getByLabel('User name').waitFor();
  });
}
