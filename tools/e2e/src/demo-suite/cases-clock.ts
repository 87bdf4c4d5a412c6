import { expect } from 'vitest';
import type { SuiteContext } from './context';

const DAY = 24 * 60 * 60 * 1000;

/** Last: it moves the sandbox's clock for good, and every token issued before expires with it. */
export function clockCases(ctx: SuiteContext): void {
  ctx.case('after 181 days (Plannr refresh tokens last 6 months) asks to authorize again, and reconnecting repairs the same connection', async ({ visit, world }) => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.consent(page.getByTestId('connect-plannr'), 'Authorize');
    const card = visitor.card('connection-plannr');
    const id = await card.getAttribute('id');

    await world.sandbox.clock.advance(181 * DAY);
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-result'))).toBe('Plannr needs you to authorize the connection again. Reconnect Plannr.');
    expect(await visitor.text(card.getByTestId('status'))).toBe('reauthorization required');

    await visitor.consent(card.getByTestId('reconnect'), 'Authorize');
    expect(await visitor.notice()).toBe('Plannr reconnected.');
    expect(await page.getByTestId('system-plannr').locator('article.card').count()).toBe(1);
    expect(await card.getAttribute('id')).toBe(id);
    expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    await visitor.onCard(card, 'Call API');
    expect(await visitor.text(card.getByTestId('api-status'))).toBe('HTTP 200');
  }, { alone: true });
}
