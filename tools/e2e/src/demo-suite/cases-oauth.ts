import { expect } from 'vitest';
import type { SuiteContext } from './context';

const DAY = 24 * 60 * 60 * 1000;

/** Browser flows: connect, the card, refresh/verify/call, deny, a replayed callback, disconnect. */
export function oauthCases(ctx: SuiteContext): void {
  ctx.case('connects Plannr through the consent page and shows status, a timeline, events, Refresh now, Verify and Call API', async ({ visit, world }) => {
    const visitor = await visit();
    const { page } = visitor;
    // The page's links and forms lead to the adapter's connect surface, not to routes of the demo's own.
    const base = world.demo.basePath;
    expect(await page.getByTestId('connect-plannr').getAttribute('href')).toBe(`${base}/plannr/connect?returnTo=/`);
    expect(await page.getByTestId('form-plannr-pat').getAttribute('action')).toBe(`${base}/plannr/credentials`);
    await visitor.consent(page.getByTestId('connect-plannr'), 'Authorize');
    expect(await visitor.notice()).toBe('Plannr connected.');
    const card = visitor.card('connection-plannr');
    expect(await visitor.text(card.getByTestId('method'))).toBe('OAuth');
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    // The timeline: an access token for about an hour, a refresh token for six months.
    const access = Date.parse((await card.getByTestId('access-expiry').locator('time').getAttribute('datetime')) ?? '');
    const refresh = Date.parse((await card.getByTestId('refresh-expiry').locator('time').getAttribute('datetime')) ?? '');
    expect(access).toBeGreaterThan(Date.now());
    expect(refresh - Date.now()).toBeGreaterThan(170 * DAY);
    expect(refresh - Date.now()).toBeLessThan(190 * DAY);
    expect(await visitor.text(card.getByTestId('refresh-expiry'))).toMatch(/^Refresh token expires: in 1(79|80|81) days · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(await visitor.text(card.getByTestId('events'))).toContain('connected');

    await visitor.onCard(card, 'Refresh now');
    expect(await visitor.notice()).toBe('Plannr: access token refreshed.');
    expect(await visitor.text(card.getByTestId('events'))).toContain('access token refreshed (new refresh token)');

    await visitor.onCard(card, 'Verify');
    expect(await visitor.notice()).toBe("Plannr accepted the connection's credential.");

    // "Call API" is a GET: a reload repeats a read, never a form; the answer is in view.
    await visitor.onCard(card, 'Call API');
    expect(visitor.url.searchParams.get('call')).not.toBeNull();
    expect(await visitor.text(card.getByTestId('api-status'))).toBe('HTTP 200');
    expect(await visitor.text(card.getByTestId('api-result'))).toContain('casey@client.test');
    expect(await visitor.inView(card.getByTestId('api-result'))).toBe(true);
    await page.reload();
    expect(await visitor.text(card.getByTestId('api-status'))).toBe('HTTP 200');
    expect(await visitor.horizontalOverflow()).toBeLessThanOrEqual(0);

    expect(await card.getByTestId('disconnect-form').getAttribute('action')).toBe(`${base}/plannr/disconnect`);
    await visitor.navigate(() => card.getByRole('button', { name: 'Disconnect' }).click());
    expect(await visitor.notice()).toBe('Plannr disconnected.');
    expect(await card.count()).toBe(0);
  });

  ctx.case('says so when the user denies at the consent page, and connects nothing', async ({ visit }) => {
    const visitor = await visit();
    await visitor.consent(visitor.page.getByTestId('connect-plannr'), 'Deny');
    expect(await visitor.notice()).toBe('Plannr did not authorize the connection. Start connecting Plannr again if that was a mistake.');
    expect(await visitor.text(visitor.page.getByTestId('system-plannr'))).toContain('Not connected.');
  });

  ctx.case('refuses a replayed callback (browser back to the consent page) and keeps the connection it made', async ({ visit }) => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.consent(page.getByTestId('connect-oauth2'), 'Authorize');
    expect(await visitor.notice()).toBe('Generic OAuth2 API connected.');
    // Back to the consent page, and "Authorize" again: the state was spent by the first callback.
    await page.goBack();
    await page.waitForURL((url) => url.hostname === '127.0.0.1');
    await visitor.navigate(() => page.getByRole('button', { name: 'Authorize' }).click());
    expect(await visitor.notice()).toBe(
      'This Generic OAuth2 API authorization cannot be completed: the link was already used, has expired, or was started in another browser. Start connecting Generic OAuth2 API again.',
    );
    const cards = page.getByTestId('system-oauth2').locator('article.card');
    expect(await cards.count()).toBe(1);
    expect(await visitor.text(cards.getByTestId('status'))).toBe('active');
  });

  ctx.case('connects the server API with client credentials, labelled in words', async ({ visit }) => {
    const visitor = await visit();
    await visitor.navigate(() => visitor.page.getByTestId('form-server-api-client-credentials').getByRole('button').click());
    expect(await visitor.notice()).toBe('Server API connected.');
    const card = visitor.card('connection-server-api');
    expect(await visitor.text(card.getByTestId('method'))).toBe('client credentials');
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-status'))).toBe('HTTP 200');
  });
}
