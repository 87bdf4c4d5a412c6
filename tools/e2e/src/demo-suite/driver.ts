import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { World } from './world';

const SANDBOX_HOST = '127.0.0.1';

/**
 * One person in one browser: a fresh context (no cookies), watched for what the demo's pages
 * must never do — console errors (an invalid `pattern`), 404s (a missing favicon) — and
 * helpers that act and read the way a person does.
 */
export class Visitor {
  readonly problems: string[] = [];

  private constructor(
    readonly world: World,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    // The demo's pages only: the sandbox's consent pages stand in for third-party sites.
    const ours = (url: string) => url.startsWith(`${world.app.url}/`) || url === world.app.url;
    page.on('console', (message) => {
      if (message.type() === 'error' && ours(message.location().url || page.url())) this.problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => {
      if (ours(page.url())) this.problems.push(`page error: ${error.message}`);
    });
    page.on('response', (response) => {
      if (response.status() === 404 && ours(response.url())) this.problems.push(`404: ${new URL(response.url()).pathname}`);
    });
  }

  static async open(world: World): Promise<Visitor> {
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Cases run side by side on a 2-core machine shared with other jobs: waits are generous,
    // and only ever waits (what is asserted is what the page shows, never how fast).
    context.setDefaultTimeout(60_000);
    return new Visitor(world, context, await context.newPage());
  }

  get url(): URL {
    return new URL(this.page.url());
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Signs in with the demo's form (the same form in every demo). */
  async signIn(name: string): Promise<void> {
    await this.page.goto(this.world.app.url);
    await this.page.getByLabel('User name').fill(name);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('user').waitFor();
  }

  /** Runs an action that navigates (a form post answered 303, a link) and waits for the new page. */
  async navigate(action: () => Promise<unknown>): Promise<void> {
    await Promise.all([this.page.waitForNavigation(), action()]);
  }

  /** The banner that reports the last flow or action, in core's words. */
  async notice(): Promise<string> {
    return (await this.page.getByTestId('notice').textContent())?.trim() ?? '';
  }

  card(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async text(locator: Locator): Promise<string> {
    return (await locator.textContent())?.trim() ?? '';
  }

  /** Starts a browser flow with a connect (or reconnect) link, answers the sandbox's consent page, and lands back on the app. */
  async consent(link: Locator, decision: 'Authorize' | 'Deny'): Promise<void> {
    await link.click();
    await this.page.waitForURL((url) => url.hostname === SANDBOX_HOST);
    await this.navigate(() => this.page.getByRole('button', { name: decision }).click());
    expect(this.url.origin).toBe(new URL(this.world.app.url).origin);
  }

  /** Fills a form's text fields and submits it. */
  async submit(form: Locator, fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) await form.locator(`input[name="${name}"]`).fill(value);
    await this.navigate(() => form.locator('button[type="submit"]').click());
  }

  /** The demo credential shown beside a form. */
  async demoCredential(testId: string): Promise<string> {
    return this.text(this.page.getByTestId(testId));
  }

  /** Clicks a card's button (Refresh now, Verify, Disconnect) or link (Call API). */
  async onCard(card: Locator, name: string): Promise<void> {
    await this.navigate(() => card.getByRole(name === 'Call API' ? 'link' : 'button', { name, exact: true }).click());
  }

  /** Everything the browser holds of the page, visible or not: no secret may be in it. */
  async html(): Promise<string> {
    return this.page.content();
  }

  /** The page scrolls sideways (at 1280 px it must not). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /** Whether the element's top is inside the window (after a jump to it). */
  async inView(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
    });
  }
}
