// Boots the built demo (which starts its own sandbox) and clicks through it in headless
// Debian Chromium: sign in, connect Plannr via the consent page, Planday with a portal
// refresh token, iGUIDE with an API token pair, and read API data through AuthKit for each.
import { launchChromium } from '@authkit/e2e';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDemo, type BootedDemo } from './boot';

let demo: BootedDemo;
let appUrl = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await bootDemo();
  appUrl = demo.url;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function callApi(testId: string): Promise<string> {
  const card = page.getByTestId(testId);
  await card.getByRole('button', { name: 'Call API' }).click();
  const result = page.getByTestId(testId).getByTestId('api-result');
  await result.waitFor();
  expect(await page.getByTestId(testId).getByTestId('api-status').textContent()).toBe('200');
  return (await result.textContent()) ?? '';
}

describe('express-demo in a browser', () => {
  it('signs in', async () => {
    await page.goto(appUrl);
    await page.getByLabel('User name').fill('alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('user').textContent()).toBe('alice');
  });

  // Before Plannr is connected: connecting over an existing connection answers connection_exists.
  it('shows a clear error for a denied consent and stores nothing', async () => {
    await page.goto(appUrl);
    const before = await page.locator('[data-testid^="connection-"]').count();
    await page.getByTestId('connect-plannr').click();
    await page.waitForURL((url) => url.hostname === '127.0.0.1');
    await page.locator('button[name="decision"][value="deny"]').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').textContent()).toContain('authorization_denied');
    await page.goto(appUrl);
    expect(await page.locator('[data-testid^="connection-"]').count()).toBe(before);
  });

  it('connects Plannr through the consent page and reads contacts', async () => {
    await page.getByTestId('connect-plannr').click();
    await page.waitForURL((url) => url.hostname === '127.0.0.1');
    await page.locator('button[name="decision"][value="approve"]').click();
    await page.waitForURL((url) => url.origin === new URL(appUrl).origin && url.pathname === '/');
    const card = page.getByTestId('connection-plannr');
    expect(await card.getByTestId('status').textContent()).toBe('active');
    expect(await card.getByTestId('expires-at').textContent()).not.toBe('never');
    // Contacts are per Plannr account: the signer sent Bearer plus X-PLANNR-ACCOUNT-UUID.
    expect(await callApi('connection-plannr')).toContain('casey@client.test');
  });

  it('connects a Planday portal with a pasted refresh token and reads departments', async () => {
    const refreshToken = (await page.getByTestId('demo-planday-refresh-token').textContent())!.trim();
    const form = page.getByTestId('form-planday-refresh-token');
    await form.locator('input[name="refreshToken"]').fill(refreshToken);
    await form.getByRole('button', { name: 'Connect' }).click();
    const card = page.getByTestId('connection-planday-portal-1');
    await card.waitFor();
    expect(await card.getByTestId('status').textContent()).toBe('active');
    expect(await callApi('connection-planday-portal-1')).toContain('Front of House');
  });

  it('connects iGUIDE with an API token pair and reads iGUIDEs', async () => {
    const tokenId = (await page.getByTestId('demo-iguide-token-id').textContent())!.trim();
    const token = (await page.getByTestId('demo-iguide-token').textContent())!.trim();
    const form = page.getByTestId('form-iguide-api-token');
    await form.locator('input[name="tokenId"]').fill(tokenId);
    await form.locator('input[name="tokenValue"]').fill(token);
    await form.getByRole('button', { name: 'Connect' }).click();
    const card = page.getByTestId('connection-iguide-api-token');
    await card.waitFor();
    expect(await card.getByTestId('status').textContent()).toBe('active');
    expect(await callApi('connection-iguide-api-token')).toContain('maple-house');
    // The page never shows a connected credential's secret, only freshly minted demo ones.
    expect(await card.textContent()).not.toContain(token);
  });
});

describe('express-demo: the other connect methods', () => {
  it.each(['iguide', 'planday', 'oauth2'])('connects %s through its OAuth consent page and calls its API', async (provider) => {
    await page.goto(appUrl);
    await page.getByTestId(`connect-${provider}`).click();
    await page.waitForURL((url) => url.hostname === '127.0.0.1');
    await page.locator('button[name="decision"][value="approve"]').click();
    await page.waitForURL((url) => url.origin === new URL(appUrl).origin && url.pathname === '/');
    expect(await page.getByTestId(`connection-${provider}`).getByTestId('status').textContent()).toBe('active');
    await callApi(`connection-${provider}`);
  });

  it('connects a Plannr PAT, an API key and client credentials, and calls each API', async () => {
    const pat = (await page.getByTestId('demo-plannr-pat').textContent())!.trim();
    await page.getByTestId('form-plannr-pat').locator('input[name="token"]').fill(pat);
    await page.getByTestId('form-plannr-pat').getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('connection-plannr-pat').waitFor();
    await callApi('connection-plannr-pat');

    const key = (await page.getByTestId('demo-api-key').textContent())!.trim();
    await page.getByTestId('form-server-api-api-key').locator('input[name="key"]').fill(key);
    await page.getByTestId('form-server-api-api-key').getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('connection-server-api-api-key').waitFor();
    await callApi('connection-server-api-api-key');

    await page.getByTestId('form-server-api-client-credentials').getByRole('button').click();
    await page.getByTestId('connection-server-api').waitFor();
    await callApi('connection-server-api');
  });
});
