import { describe, expect, it } from 'vitest';
import { seenBodies } from './browser';
import { BODY_SECRET } from './cases-bodies';
import type { SuiteContext } from './context';
import { COOKIE_SECRET } from './world';

/** Runs last: nothing the suite did put a secret into an answer or an error handed to the logs. */
export function secretCases(ctx: SuiteContext, logs: () => string): void {
  describe('secrets', () => {
    it('no answer, log line or reported error holds a secret', () => {
      const secrets = [COOKIE_SECRET, BODY_SECRET, ...Object.values(ctx.world.sandbox.demoClients).map((c) => ('clientSecret' in c ? c.clientSecret : undefined))]
        .filter((value): value is string => typeof value === 'string' && value.length > 0);
      const errors = ctx.world.errors.map((error) => (error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)));
      const haystack = [...seenBodies, logs(), ...errors].join('\n');
      for (const secret of secrets) expect(haystack.includes(secret), 'a secret leaked').toBe(false);
      expect(seenBodies.length).toBeGreaterThan(50);
    });
  });
}
