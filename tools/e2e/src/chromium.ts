import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/**
 * Flags for Debian's Chromium on an offline machine: no sandbox (root in CI), no GPU, and no
 * background look-ups of Google's hosts, which would fail (and slow every start) here.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Path of the system Chromium (override with `CHROMIUM_PATH`). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run "bash tools/ensure-services.sh" (pnpm test does: it installs Debian's chromium) or set CHROMIUM_PATH`);
  }
  return path;
}

/** Launches headless Chromium through Playwright, never downloading a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
