import { connectSandbox, startSandbox, type Sandbox, type SandboxConnection } from '@authkit/sandbox';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium';

/** A demo booted for the suite. */
export interface RunningDemo {
  /** e.g. `http://localhost:41234`. */
  url: string;
  /** What the demo printed (shown when a test fails, never asserted on). */
  output(): string;
  stop(): Promise<void>;
}

/** One demo app under test: how to boot it against a sandbox, and where its connect surface is. */
export interface DemoUnderTest {
  name: string;
  /** The adapter's connect surface: `/connections` (Express), `/authkit` (Nest), `/api/authkit` (Next). */
  basePath: string;
  /** Boots the built demo with `SANDBOX_URL` set to `sandboxUrl`. */
  boot(sandboxUrl: string): Promise<RunningDemo>;
}

/** What every case uses: the demo, the sandbox it talks to, and a browser. */
export interface World {
  demo: DemoUnderTest;
  app: RunningDemo;
  /** The sandbox, driven over its admin HTTP API exactly as for an external SANDBOX_URL. */
  sandbox: SandboxConnection;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts a sandbox of the suite's own (its clock is moved and grants revoked: never a shared
 * one), boots the demo pointed at it, and launches Chromium, the three at once.
 */
export async function startWorld(demo: DemoUnderTest): Promise<World> {
  const server: Sandbox = await startSandbox({ port: 0 });
  const booting = [connectSandbox(server.url), demo.boot(server.url), launchChromium()] as const;
  const started = await Promise.allSettled(booting);
  if (started.some((result) => result.status === 'rejected')) {
    // Stop what did start before reporting what did not.
    const [, app, browser] = started;
    if (browser.status === 'fulfilled') await browser.value.close();
    if (app.status === 'fulfilled') await app.value.stop();
    await server.close();
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [sandbox, app, browser] = await Promise.all(booting);
  return {
    demo,
    app,
    sandbox,
    browser,
    close: async () => {
      await browser.close();
      await app.stop();
      await server.close();
    },
  };
}
