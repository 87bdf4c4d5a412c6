import { expect } from 'vitest';
import type { SuiteContext } from './context';
import type { World } from './world';

/** Changes the sandbox's settings over its admin API (as for a SANDBOX_URL run elsewhere). */
async function patchSettings(world: World, patch: unknown): Promise<void> {
  const response = await fetch(`${world.sandbox.endpoints.admin}/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`sandbox settings answered ${response.status}: ${await response.text()}`);
}

/** Alone: it shortens Plannr's access tokens for everyone while it runs. */
export function maintenanceCases(ctx: SuiteContext): void {
  ctx.case('keeps a connection alive while nobody uses it: maintenance renews a short-lived Plannr token in the background', async ({ visit, world }) => {
    await patchSettings(world, { plannr: { accessTokenTtlSeconds: 4 } });
    try {
      const visitor = await visit();
      const { page } = visitor;
      await visitor.consent(page.getByTestId('connect-plannr'), 'Authorize');
      const card = visitor.card('connection-plannr');
      const expiry = async () => Date.parse((await card.getByTestId('access-expiry').locator('time').getAttribute('datetime')) ?? '');
      const first = await expiry();
      expect(await visitor.text(card.getByTestId('events'))).not.toContain('access token refreshed');

      // Nobody presses anything: the demo's maintenance (every 250 ms in this suite) renews
      // the 4 s token at half its life. Reloading only reads the connection list.
      await expect
        .poll(
          async () => {
            await page.reload();
            return visitor.text(card.getByTestId('events'));
          },
          { timeout: 15_000, interval: 500 },
        )
        .toContain('access token refreshed (new refresh token)');
      expect(await expiry()).toBeGreaterThan(first);
      expect(await visitor.text(card.getByTestId('status'))).toBe('active');
    } finally {
      await patchSettings(world, { plannr: { accessTokenTtlSeconds: 3600 } });
    }
  }, { alone: true });
}
