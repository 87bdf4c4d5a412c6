import { expect } from 'vitest';
import type { SuiteContext } from './context';

/** Pasted credentials: wrong ones are refused in words, right ones connect, and no live secret stays on the page. */
export function pastedCases(ctx: SuiteContext): void {
  ctx.case('refuses a wrong token and a token with a trailing space, connects the right one, and never shows it again', async ({ visit }) => {
    const visitor = await visit();
    const { page } = visitor;
    const form = page.getByTestId('form-plannr-pat');
    const pat = await visitor.demoCredential('demo-plannr-pat');

    await visitor.submit(form, { token: 'not-a-real-token' });
    expect(await visitor.notice()).toBe('Plannr did not accept the credential: it was refused (HTTP 401). Check it and enter it again.');
    await visitor.submit(form, { token: `${pat} ` });
    expect(await visitor.notice()).toBe('Plannr did not accept the credential: the token has leading or trailing whitespace. Check it and enter it again.');
    expect(await visitor.text(page.getByTestId('system-plannr'))).toContain('Not connected.');

    await visitor.submit(form, { token: pat });
    expect(await visitor.notice()).toBe('Plannr connected.');
    const card = visitor.card('connection-plannr-pat');
    expect(await visitor.text(card.getByTestId('method'))).toBe('personal access token');
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    // The PAT backs a live connection now: it is nowhere in the page, not even hidden.
    expect(await visitor.html()).not.toContain(pat);
    expect(await visitor.text(page.getByTestId('system-plannr').getByTestId('demo-in-use').locator('p'))).toBe(
      'The demo personal access token backs your connection "pat", so it is not shown again.',
    );
    await visitor.navigate(() => page.getByTestId('mint-plannr').getByRole('button').click());
    expect(await visitor.notice()).toBe('A new demo credential was minted: it is shown beside its form.');
    const fresh = await visitor.demoCredential('demo-plannr-pat');
    expect(fresh).not.toBe(pat);
    expect(await visitor.html()).not.toContain(pat);
  });

  ctx.case('records the expiry and scopes iGUIDE showed for an API token, and verifies it', async ({ visit }) => {
    const visitor = await visit();
    const { page } = visitor;
    const token = await visitor.demoCredential('demo-iguide-token');
    const expiresAt = await visitor.demoCredential('demo-iguide-expires-at');
    await visitor.submit(page.getByTestId('form-iguide-api-token'), {
      tokenId: await visitor.demoCredential('demo-iguide-token-id'),
      tokenValue: token,
      expiresAt,
      scopes: await visitor.demoCredential('demo-iguide-scopes'),
    });
    expect(await visitor.notice()).toBe('iGUIDE Portal connected.');
    const card = visitor.card('connection-iguide-api-token');
    expect(await visitor.text(card.getByTestId('method'))).toBe('API token');
    expect(await visitor.text(card.getByTestId('scopes'))).toBe('iguide.list iguide.ro');
    expect(await card.getByTestId('access-expiry').locator('time').getAttribute('datetime')).toBe(new Date(expiresAt).toISOString());
    expect(await visitor.html()).not.toContain(token);

    await visitor.onCard(card, 'Verify');
    expect(await visitor.notice()).toBe("iGUIDE Portal accepted the connection's credential.");
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-result'))).toContain('maple-house');
  });

  ctx.case("connects the generic OAuth2 API with a personal access token from the sandbox", async ({ visit }) => {
    const visitor = await visit();
    const pat = await visitor.demoCredential('demo-oauth2-pat');
    await visitor.submit(visitor.page.getByTestId('form-oauth2-pat'), { token: pat });
    expect(await visitor.notice()).toBe('Generic OAuth2 API connected.');
    const card = visitor.card('connection-oauth2-pat');
    expect(await visitor.text(card.getByTestId('method'))).toBe('personal access token');
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-status'))).toBe('HTTP 200');
    expect(await visitor.html()).not.toContain(pat);
  });
}
