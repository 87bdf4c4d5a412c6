import { expect } from 'vitest';
import type { SuiteContext } from './context';

/** Sign in, and the demo credentials a user is given. */
export function signInCases(ctx: SuiteContext): void {
  ctx.case('signs in "Bob Smith": the name rule is valid in the browser and the same on the server', async ({ visit, stranger, world }) => {
    const bob = await visit('Bob Smith');
    expect(await bob.text(bob.page.getByTestId('user'))).toBe('Bob Smith');
    // Another visitor: a name the rule refuses is stopped by the browser, with no console error.
    const other = await stranger();
    await other.page.goto(world.app.url);
    const field = other.page.getByLabel('User name');
    await field.fill('<bob>');
    expect(await field.evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
    await field.fill('Bob Smith');
    expect(await field.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(true);
  });

  ctx.case('mints demo credentials once per user, the same on every page load, and shows no horizontal scroll at 1280 px', async ({ visit }) => {
    const visitor = await visit();
    const first = await visitor.demoCredential('demo-plannr-pat');
    const portal = await visitor.demoCredential('demo-planday-refresh-token');
    expect(first).toMatch(/\S{10,}/);
    await visitor.page.reload();
    expect(await visitor.demoCredential('demo-plannr-pat')).toBe(first);
    expect(await visitor.demoCredential('demo-planday-refresh-token')).toBe(portal);
    expect(await visitor.horizontalOverflow()).toBeLessThanOrEqual(0);
  });
}
