import { afterAll, beforeAll, describe } from 'vitest';
import { clockCases } from './cases-clock';
import { maintenanceCases } from './cases-maintenance';
import { oauthCases } from './cases-oauth';
import { pastedCases } from './cases-pasted';
import { repairCases } from './cases-repair';
import { signInCases } from './cases-sign-in';
import { suiteContext, type SuiteContext } from './context';
import { startWorld, type DemoUnderTest } from './world';

/**
 * The demos' one browser suite (like the HTTP conformance suite for the adapters): every demo
 * runs it in headless Chromium against a sandbox of its own, so the three show the same words
 * and behave the same. Each case signs in as a new user and asserts what that user sees.
 * `extraCases` adds what only one demo has (Next's sign-in with a provider account), on the
 * same running demo.
 */
export function describeDemoSuite(demo: DemoUnderTest, extraCases?: (ctx: SuiteContext) => void): void {
  describe(`${demo.name}: the demos' browser suite`, () => {
    const ctx = suiteContext();
    beforeAll(async () => {
      ctx.world = await startWorld(demo);
    });
    afterAll(async () => {
      await ctx.world?.close();
    });
    signInCases(ctx);
    oauthCases(ctx);
    pastedCases(ctx);
    repairCases(ctx);
    extraCases?.(ctx);
    maintenanceCases(ctx);
    // Last, alone: it moves the sandbox's clock for every case after it.
    clockCases(ctx);
  });
}
