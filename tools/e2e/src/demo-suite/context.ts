import { expect, it } from 'vitest';
import { Visitor } from './driver';
import type { World } from './world';

/** What a case is given: fresh visitors, each a new browser context signed in as a new user. */
export interface CaseTools {
  world: World;
  /** Signs in as `name`, or as a unique user: no case sees another's connections. */
  visit(name?: string): Promise<Visitor>;
  /** A visitor who has not signed in. */
  stranger(): Promise<Visitor>;
}

export interface SuiteContext {
  world: World;
  /**
   * Registers a case. Cases share nothing but the sandbox, so they run concurrently (the
   * suite's wall time is mostly waiting on pages); one that changes the sandbox for everyone
   * (its clock) is registered `alone` and runs after the others. After each case every page
   * it opened must have logged no console error and met no 404.
   */
  case(name: string, run: (tools: CaseTools) => Promise<void>, options?: { alone?: boolean }): void;
}

export function suiteContext(): SuiteContext {
  let users = 0;
  const ctx: SuiteContext = {
    world: undefined as unknown as World,
    case(name, run, options = {}) {
      const register = options.alone ? it : it.concurrent;
      register(name, async () => {
        const opened: Visitor[] = [];
        const open = async () => {
          const visitor = await Visitor.open(ctx.world);
          opened.push(visitor);
          return visitor;
        };
        const tools: CaseTools = {
          world: ctx.world,
          async visit(userName) {
            const visitor = await open();
            await visitor.signIn(userName ?? `user-${++users}`);
            return visitor;
          },
          stranger: open,
        };
        try {
          await run(tools);
        } finally {
          await Promise.all(opened.map((v) => v.close()));
        }
        expect(opened.flatMap((v) => v.problems)).toEqual([]);
      });
    },
  };
  return ctx;
}
