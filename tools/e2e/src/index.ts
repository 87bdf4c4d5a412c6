// @authkit/e2e (private): Chromium for the browser tests, a booter for built Node demos, and
// the one browser suite every demo runs (`describeDemoSuite`).
export { CHROMIUM_ARGS, chromiumPath, launchChromium } from './chromium';
export { bootNodeDemo } from './node-demo';
export type { BootedDemo } from './node-demo';
export { describeDemoSuite } from './demo-suite/index';
export type { DemoUnderTest, RunningDemo, World } from './demo-suite/world';
export type { CaseTools, SuiteContext } from './demo-suite/context';
export type { Visitor } from './demo-suite/driver';
