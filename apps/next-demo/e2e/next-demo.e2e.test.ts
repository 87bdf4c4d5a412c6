import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '@authkit/e2e';
import { startBuiltApp } from './app-server';
import type { RunningApp } from './app-server';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startBuiltApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** From the dashboard to next-auth's sign-in page, then the sandbox's consent page. */
async function openConsent(page: Page, providerName: string): Promise<void> {
  await page.goto(app.url);
  await page.getByTestId('sign-in').click();
  await page.getByRole('button', { name: `Sign in with ${providerName}` }).click();
  await page.waitForURL((url) => url.hostname === '127.0.0.1');
  await page.getByRole('button', { name: 'Authorize' }).waitFor();
}

describe('next-demo in Chromium (next build + next start)', () => {
  it('signs in through the consent page, shows API data, connects Planday with a refresh token, signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await openConsent(page, 'Plannr');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => page.getByTestId('user').textContent()).toBe('Dana Demo');
    const plannr = page.getByTestId('connection-plannr');
    expect(await plannr.getByTestId('status').textContent()).toBe('active');
    // The dashboard called Plannr's API through AuthKit (Bearer + account header).
    expect(await plannr.getByTestId('api-result').textContent()).toContain('Casey');

    // No provider token in any cookie the browser holds for the app.
    const cookies = await context.cookies(app.url);
    expect(cookies.map((c) => c.name)).toContain('next-auth.session-token');
    const session = (await (await page.request.get(`${app.url}/api/auth/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ authkit: { connections: [{ providerId: 'plannr', status: 'active' }] } });

    // Connect a Planday portal with the refresh token the sandbox minted (shown on the page).
    const refreshToken = (await page.getByTestId('demo-planday-refresh-token').textContent()) ?? '';
    expect(refreshToken.length).toBeGreaterThan(10);
    await page.getByLabel('Planday refresh token').fill(refreshToken);
    await page.getByRole('button', { name: 'Connect Planday portal' }).click();
    await page.getByTestId('flash-connected').waitFor();
    const planday = page.getByTestId('connection-planday-portal');
    expect(await planday.getByTestId('status').textContent()).toBe('active');
    expect(await planday.getByTestId('api-result').textContent()).toContain('Kitchen');
    // Still the same sign-in: connecting Planday did not replace the Plannr session.
    expect(await page.getByTestId('user').textContent()).toBe('Dana Demo');

    // Sign out through next-auth's page.
    await page.getByTestId('sign-out').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByTestId('sign-in').waitFor();
    expect((await context.cookies(app.url)).map((c) => c.name)).not.toContain('next-auth.session-token');
    await context.close();
  });

  it('connects another OAuth provider to the signed-in user without replacing the sign-in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openConsent(page, 'Plannr');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${app.url}/`);

    await page.getByTestId('connect-oauth2').click();
    await page.waitForURL((url) => url.hostname === '127.0.0.1');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('authkit') === 'connected' && url.searchParams.get('authkit_provider') === 'oauth2');
    expect(await page.getByTestId('user').textContent()).toBe('Dana Demo');
    const oauth2 = page.getByTestId('connection-oauth2');
    expect(await oauth2.getByTestId('status').textContent()).toBe('active');
    expect(await oauth2.getByTestId('api-result').textContent()).toContain('Olive');
    await context.close();
  });

  it('connects the static credentials the sandbox minted and the client-credentials API', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/api/auth/signin`);
    await page.getByLabel('Username').fill('frank');
    await page.getByRole('button', { name: 'Sign in with Demo user' }).click();
    await page.waitForURL(`${app.url}/`);
    const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
    const submit = async (button: string, provider: string) => {
      await page.getByRole('button', { name: button }).click();
      await page.waitForURL((url) => url.searchParams.get('authkit_connected') === provider);
    };

    await page.getByLabel('iGUIDE token id').fill(await text('demo-iguide-token-id'));
    await page.getByLabel('iGUIDE token value').fill(await text('demo-iguide-token-value'));
    await submit('Connect iGUIDE token', 'iguide');
    await page.getByLabel('Plannr personal access token').fill(await text('demo-plannr-pat'));
    await submit('Connect Plannr PAT', 'plannr');
    await page.getByLabel('API key').fill(await text('demo-api-key'));
    await submit('Connect API key', 'apikey');
    await submit('Connect with client credentials', 'server-api');

    const expectations: [string, string][] = [
      ['connection-iguide-api-token', 'maple-house'],
      ['connection-plannr-pat', 'Casey'],
      ['connection-apikey', '"data"'],
      ['connection-server-api', '"data"'],
    ];
    for (const [testId, content] of expectations) {
      const row = page.getByTestId(testId);
      expect(await row.getByTestId('status').textContent()).toBe('active');
      expect(await row.getByTestId('api-result').textContent()).toContain(content);
    }

    // A wrong credential is refused with a code, not stored.
    await page.getByLabel('Plannr personal access token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Connect Plannr PAT' }).click();
    await page.waitForURL((url) => url.searchParams.has('authkit_error'));
    expect(await text('flash-error')).toMatch(/plannr: \w+/);
    await context.close();
  });

  it('shows an error page and creates no session when the callback is tampered with', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openConsent(page, 'Plannr');
    // Tamper in transit: the consent form's answer is a redirect to the app's callback; change
    // its state before the browser follows it (redirect hops themselves cannot be routed).
    let tampered = false;
    await page.route(
      (url) => url.hostname === '127.0.0.1' && url.pathname.endsWith('/oauth/authorize'),
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
    expect((await context.cookies(app.url)).map((c) => c.name)).not.toContain('next-auth.session-token');
    await page.goto(app.url);
    await page.getByTestId('sign-in').waitFor();
    await context.close();
  });
});
