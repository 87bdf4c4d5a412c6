// Boots the built Nest demo (which starts its own sandbox) and clicks through it in headless
// Debian Chromium: sign in, every OAuth connect flow through the sandbox's consent page (one
// denied first), every pasted-credential form, client credentials, a call to each API, disconnect.
import { bootNodeDemo, launchChromium, type BootedDemo } from '@authkit/e2e';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let app: BootedDemo;
let appUrl = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await bootNodeDemo({ name: 'nest-demo', appDir });
  appUrl = app.url;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Clicks the connection's "Call API" button and returns the API's answer shown on the page. */
async function callApi(testId: string): Promise<string> {
  await page.getByTestId(testId).getByRole('button', { name: 'Call API' }).click();
  const result = page.getByTestId(testId).getByTestId('api-result');
  await result.waitFor();
  expect(await page.getByTestId(testId).getByTestId('api-status').textContent()).toBe('200');
  return (await result.textContent()) ?? '';
}

/** Clicks a Connect button, approves on the sandbox's consent page, and lands back on the dashboard. */
async function connectOAuth(providerId: string): Promise<void> {
  await page.getByTestId(`connect-${providerId}`).click();
  await page.waitForURL(/127\.0\.0\.1/);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('authkit') === 'connected');
  expect(await page.getByTestId(`connection-${providerId}`).getByTestId('status').textContent()).toBe('active');
}

async function submitForm(testId: string, fields: Record<string, string>): Promise<void> {
  const form = page.getByTestId(testId);
  for (const [name, value] of Object.entries(fields)) await form.locator(`input[name="${name}"]`).fill(value);
  // The surface answers 303 to `/?authkit=connected&authkit_provider=…`; wait for that load.
  await Promise.all([page.waitForNavigation(), form.getByRole('button').click()]);
  expect(new URL(page.url()).searchParams.get('authkit')).toBe('connected');
}

describe('nest-demo in Chromium', () => {
  it('signs in', async () => {
    await page.goto(appUrl);
    await page.locator('input[name="user"]').fill('alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('user').textContent()).toBe('alice');
    expect(await page.getByTestId('system-plannr').textContent()).toContain('Not connected');
  });

  it('denied consent saves nothing', async () => {
    await page.getByTestId('connect-plannr').click();
    await page.waitForURL(/127\.0\.0\.1/);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('authkit_error') === 'authorization_denied');
    expect(await page.getByTestId('error').textContent()).toContain('authorization_denied');
    expect(await page.getByTestId('system-plannr').textContent()).toContain('Not connected');
    await page.goto(appUrl);
  });

  it('connects every OAuth provider through the consent page and calls each API', async () => {
    for (const providerId of ['plannr', 'planday', 'iguide', 'oauth2']) await connectOAuth(providerId);
    expect(await callApi('connection-plannr')).toContain('data');
    expect(await callApi('connection-planday')).toContain('data');
    await callApi('connection-iguide');
    await callApi('connection-oauth2');
    expect(await page.getByTestId('connection-plannr').getByTestId('expires-at').textContent()).not.toBe('never');
  });

  it('connects pasted credentials and client credentials, and calls each API', async () => {
    const tokenId = (await page.getByTestId('demo-iguide-token-id').textContent())!;
    const token = (await page.getByTestId('demo-iguide-token').textContent())!;
    await submitForm('form-iguide-api-token', { tokenId, tokenValue: token });
    await callApi('connection-iguide-api-token');

    await submitForm('form-plannr-pat', { token: (await page.getByTestId('demo-plannr-pat').textContent())! });
    await callApi('connection-plannr-pat');

    await submitForm('form-planday-refresh-token', { label: 'portal-1', refreshToken: (await page.getByTestId('demo-planday-refresh-token').textContent())! });
    await callApi('connection-planday-portal-1');

    await submitForm('form-server-api-api-key', { key: (await page.getByTestId('demo-api-key').textContent())! });
    await callApi('connection-server-api-api-key');

    await page.getByTestId('form-server-api-client-credentials').getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('authkit_provider') === 'server-api');
    await callApi('connection-server-api');
  });

  it('disconnects, and shows a bad pasted credential as an error', async () => {
    // Connecting over an existing connection is refused (connection_exists): free the label first.
    await Promise.all([page.waitForNavigation(), page.getByTestId('connection-plannr-pat').getByRole('button', { name: 'Disconnect' }).click()]);
    expect(await page.getByTestId('connection-plannr-pat').count()).toBe(0);
    const form = page.getByTestId('form-plannr-pat');
    await form.locator('input[name="token"]').fill('not-a-real-token');
    await form.getByRole('button').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').textContent()).toMatch(/unauthenticated|invalid_credential/);
    expect(await page.textContent('body')).not.toContain('not-a-real-token');
    await page.goto(appUrl);
    await page.getByTestId('connection-oauth2').getByRole('button', { name: 'Disconnect' }).click();
    await page.waitForURL((url) => url.searchParams.get('authkit') === 'disconnected');
    expect(await page.getByTestId('connection-oauth2').count()).toBe(0);
  });
});
