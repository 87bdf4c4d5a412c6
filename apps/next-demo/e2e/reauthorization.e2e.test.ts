import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@authkit/e2e';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';
import { startBuiltApp } from './app-server';
import type { RunningApp } from './app-server';

// This app uses a sandbox started here (SANDBOX_URL: the admin HTTP API path), so the test can
// revoke a grant and move the provider's clock.
let sandbox: Sandbox;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  [app, browser] = await Promise.all([startBuiltApp({ SANDBOX_URL: sandbox.url }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sandbox?.close();
});

describe('next-demo: a refused refresh surfaces on the session and the page', () => {
  it('shows reauthorization_required (status, session.error) and recovers with a new credential', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    // "Sign in as" a demo user (next-auth credentials provider).
    await page.goto(app.url);
    await page.getByTestId('sign-in').click();
    await page.getByLabel('Username').fill('erin');
    await page.getByRole('button', { name: 'Sign in with Demo user' }).click();
    await page.waitForURL(`${app.url}/`);
    expect(await page.getByTestId('user').textContent()).toBe('erin');

    const connect = async () => {
      const refreshToken = (await page.getByTestId('demo-planday-refresh-token').textContent()) ?? '';
      await page.getByLabel('Planday refresh token').fill(refreshToken);
      await page.getByRole('button', { name: 'Connect Planday portal' }).click();
      await page.waitForURL((url) => url.searchParams.get('authkit_connected') === 'planday');
      return refreshToken;
    };
    const planday = page.getByTestId('connection-planday-portal');
    const refreshToken = await connect();
    expect(await planday.getByTestId('status').textContent()).toBe('active');
    expect(await planday.getByTestId('api-result').textContent()).toContain('Kitchen');

    // The portal admin revokes the app; an hour later the access token has expired too.
    const revoked = await fetch(sandbox.endpoints.planday.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DEMO_CLIENTS.planday.clientId, token: refreshToken, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    sandbox.clock.advance(2 * 60 * 60 * 1000);

    await page.goto(app.url);
    expect(await planday.getByTestId('status').textContent()).toBe('reauthorization_required');
    expect(await planday.getByTestId('api-result').textContent()).toContain('reauthorization_required');
    const session = (await (await page.request.get(`${app.url}/api/auth/session`)).json()) as { error?: string };
    expect(session.error).toBe('reauthorization_required');
    await page.reload();
    await page.getByTestId('session-error').waitFor();
    expect(await planday.getByTestId('reconnect').textContent()).toContain('new credential');

    // Reconnect with a fresh refresh token: the same connection is active again.
    await connect();
    expect(await planday.getByTestId('status').textContent()).toBe('active');
    expect(await page.getByTestId('session-error').count()).toBe(0);
    await context.close();
  });
});
