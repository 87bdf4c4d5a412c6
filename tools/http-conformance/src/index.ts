// The HTTP conformance suite (private): core's connect handler and every adapter answer the
// same requests with the same status, body and headers.
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { badInputCases } from './cases-bad-input';
import { bodyCases } from './cases-bodies';
import { csrfCases } from './cases-csrf';
import { guardedCases } from './cases-guarded';
import { redirectCases } from './cases-redirects';
import { routeCases } from './cases-routes';
import { secretCases } from './cases-secrets';
import { stateCases } from './cases-state';
import type { SuiteContext } from './context';
import type { BootAdapter } from './types';
import { startWorld } from './world';

export type { BootAdapter, ConformanceServer, ConformanceSetup, GuardedProvider } from './types';
export { OWNER_HEADER } from './types';
export { OPEN_REDIRECTS } from './cases-redirects';

/** Registers the whole suite for one adapter. */
export function describeHttpConformance(name: string, boot: BootAdapter): void {
  describe(`HTTP conformance: ${name}`, () => {
    const ctx = {} as SuiteContext;
    const logged: string[] = [];
    beforeAll(async () => {
      // Everything the adapter logs is kept for the secret scan (and kept off the test output).
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack ?? ''}` : String(arg))).join(' '));
        });
      }
      ctx.world = await startWorld();
      ctx.server = await boot(ctx.world.setup);
      ctx.world.register(ctx.server);
    });
    afterAll(async () => {
      await ctx.server?.close();
      await ctx.world?.close();
      vi.restoreAllMocks();
    });
    routeCases(ctx);
    badInputCases(ctx);
    redirectCases(ctx);
    csrfCases(ctx);
    stateCases(ctx);
    bodyCases(ctx);
    guardedCases(ctx);
    secretCases(ctx, () => logged.join('\n'));
  });
}
