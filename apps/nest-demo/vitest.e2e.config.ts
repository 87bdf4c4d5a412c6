import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared';

// Browser tests boot the built app (dist/main.js) against an in-process sandbox and drive headless Chromium.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { include: ['e2e/**/*.e2e.test.ts'], testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false, maxConcurrency: 3 } }),
);
