import { expect } from 'vitest';
import type { SuiteContext } from './context';

/** Credentials that stop working at the provider, and reconnecting them in place. */
export function repairCases(ctx: SuiteContext): void {
  ctx.case('repairs a pasted Planday portal revoked at the sandbox in place, and never replaces a portal silently', async ({ visit, world }) => {
    const visitor = await visit();
    const { page } = visitor;
    const form = page.getByTestId('form-planday-refresh-token');
    const refreshToken = await visitor.demoCredential('demo-planday-refresh-token');
    await visitor.submit(form, { refreshToken });
    expect(await visitor.notice()).toBe('Planday connected.');
    const card = visitor.card('connection-planday-portal-1');
    expect(await visitor.text(card.getByTestId('method'))).toBe('pasted portal refresh token');
    const id = await card.getAttribute('id');

    // The portal admin revokes the app (RFC 7009 at the sandbox's revocation endpoint).
    const { endpoints, demoClients } = world.sandbox;
    const revoked = await fetch(endpoints.planday.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: demoClients.planday.clientId, token: refreshToken, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    await visitor.onCard(card, 'Refresh now');
    expect(await visitor.notice()).toBe('Planday needs you to authorize the connection again. Reconnect Planday.');
    expect(await visitor.text(card.getByTestId('status'))).toBe('reauthorization required');

    // A new refresh token for the same portal, pasted into the card's own reconnect form.
    await visitor.navigate(() => page.getByTestId('mint-planday').getByRole('button').click());
    const fresh = await visitor.demoCredential('demo-planday-refresh-token');
    await visitor.submit(card.getByTestId('reconnect-form'), { refreshToken: fresh });
    expect(await visitor.notice()).toBe('Planday reconnected.');
    const cards = page.getByTestId('system-planday').locator('article.card');
    expect(await cards.count()).toBe(1);
    expect(await card.getAttribute('id')).toBe(id);
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-result'))).toContain('Front of House');

    // Another paste gets the next free label; naming a taken one is refused, not a replacement.
    await visitor.navigate(() => page.getByTestId('mint-planday').getByRole('button').click());
    const second = await visitor.demoCredential('demo-planday-refresh-token');
    await visitor.submit(form, { label: 'portal-1', refreshToken: second });
    expect(await visitor.notice()).toBe('Planday is already connected. Reconnect that connection, or connect with another label.');
    await visitor.submit(form, { label: '', refreshToken: second });
    expect(await visitor.notice()).toBe('Planday connected.');
    expect(await cards.count()).toBe(2);
    expect(await visitor.card('connection-planday-portal-2').count()).toBe(1);
  });

  ctx.case('refuses a wrong API key, marks a key revoked later as refused, and reconnects it in place', async ({ visit, world }) => {
    const visitor = await visit();
    const { page } = visitor;
    const form = page.getByTestId('form-server-api-api-key');
    await visitor.submit(form, { key: 'ak_this-key-does-not-exist' });
    expect(await visitor.notice()).toBe('Server API did not accept the credential: it was refused (HTTP 401). Check it and enter it again.');
    expect(await page.getByTestId('connection-server-api-api-key').count()).toBe(0);

    const key = await visitor.demoCredential('demo-api-key');
    await visitor.submit(form, { key });
    const card = visitor.card('connection-server-api-api-key');
    expect(await visitor.text(card.getByTestId('method'))).toBe('API key');
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');

    await world.sandbox.clientCredentials.revokeApiKey(key);
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-result'))).toBe("Server API rejected the connection's credentials. Reconnect Server API.");
    expect(await visitor.text(card.getByTestId('status'))).toBe('credential refused');

    await visitor.navigate(() => page.getByTestId('mint-server-api').getByRole('button').click());
    await visitor.submit(card.getByTestId('reconnect-form'), { key: await visitor.demoCredential('demo-api-key') });
    expect(await visitor.notice()).toBe('Server API reconnected.');
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    expect(await page.getByTestId('system-server-api').locator('article.card').count()).toBe(1);
  });
}
